#pragma once
// Internal to sim/: samples link loads on the bucket grid and prints progress.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "sim/sim_context.hpp"

namespace podsim {

/**
 * @brief At each bucket end: credits every in-flight activity's progress to its resources, records
 * the user bytes acknowledged so far (finished chunks, plus chunks in flight as far as their slowest
 * stage got), samples the write-buffer fill, and prints progress (the same acknowledged bytes).
 * With progress on, a heartbeat thread prints a line whenever 5 s of wall time pass without one
 * (an engine step can outlast many seconds at pod scale); it reads only atomics, never the engine.
 */
class Monitor {
 public:
  Monitor(SimContext& ctx, bool progress);
  ~Monitor();
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;
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
  void heartbeat(const std::stop_token& stop);
  [[nodiscard]] long long wall_ms() const;

  SimContext& ctx_;
  bool progress_;
  size_t next_bucket_ = 0;
  std::chrono::steady_clock::time_point wall_start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_print_ = wall_start_;
  std::atomic<long long> last_line_ms_{0};  ///< wall ms of the last progress line, either thread's
  std::atomic<double> last_sample_t_{0};    ///< simulated s of the last sample
  std::mutex wake_mutex_;
  std::condition_variable_any wake_;
  std::jthread heartbeat_;  ///< last: stopped and joined first when the monitor goes
};

}  // namespace podsim
