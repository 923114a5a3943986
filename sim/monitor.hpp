#pragma once
// Internal to sim/: samples link loads on the bucket grid and prints progress.
#include <chrono>

#include "sim/sim_context.hpp"

namespace podsim {

/**
 * @brief At each bucket end: credits every in-flight activity's progress to its resources, records
 * the user bytes acknowledged so far (finished chunks, plus chunks in flight as far as their slowest
 * stage got), samples the write-buffer fill, and prints progress.
 */
class Monitor {
 public:
  Monitor(SimContext& ctx, bool progress) : ctx_(ctx), progress_(progress) {}
  /** @brief Daemon loop: sample at k*dt for k = 1, 2, ... */
  void operator()();
  /** @brief Samples the partial bucket up to now (call once, at the end of the run). */
  void sample_now();
  /** @brief Starts sampling a phase's user-byte curve, from zero. */
  void begin_phase(PhaseRun& run);
  /** @brief Credits the phase's last acknowledgements (all chunks are done) to the bucket of now. */
  void end_phase(PhaseRun& run);

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
