#pragma once
// Internal to sim/: samples link loads on the bucket grid and prints progress.
#include <chrono>

#include "sim/sim_context.hpp"

namespace podsim {

/** @brief Samples the write-buffer fill at each bucket end and prints progress. (Links, disks
 *  and CPUs are accounted by the actors as their activities finish.) */
class Monitor {
 public:
  Monitor(SimContext& ctx, bool progress) : ctx_(ctx), progress_(progress) {}
  /** @brief Daemon loop: sample at k*dt for k = 1, 2, ... */
  void operator()();
  /** @brief Samples the partial bucket up to now (call once, at the end of the run). */
  void sample_now();

 private:
  void sample(size_t bucket);
  void report_progress();

  SimContext& ctx_;
  bool progress_;
  size_t next_bucket_ = 0;
  std::chrono::steady_clock::time_point wall_start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_print_ = wall_start_;
};

}  // namespace podsim
