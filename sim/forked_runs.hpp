#pragma once
// Many small simulations from one process. SimGrid keeps one engine per process, so each run is a
// fork()ed child (no exec: the scenario is already in memory) that sends back one number per
// phase through a pipe. Used by podsim calibrate, which simulates a lab design hundreds of times.
#include <string>
#include <vector>

#include "workloads/scenario.hpp"

namespace podsim {

/** @brief What one forked run returned: each phase's average rate, or why it failed. */
struct ForkedRun {
  std::vector<double> phase_rate;  ///< B/s: phase bytes / (last writer done - phase start)
  std::string error;               ///< empty on success
};

/**
 * @brief Simulates every scenario, at most `jobs` at once. Never throws for a failed run: its
 * error says what happened (an exception's message, or the signal that killed the child).
 */
[[nodiscard]] std::vector<ForkedRun> simulate_forked(const std::vector<const Scenario*>& scenarios, int jobs);

}  // namespace podsim
