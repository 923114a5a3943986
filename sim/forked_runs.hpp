#pragma once
// Many small simulations from one process. SimGrid keeps one engine per process, so each run is a
// fork()ed child (no exec: the scenario is already in memory) that sends back a few numbers
// through a pipe. Used by podsim calibrate (hundreds of lab runs) and check's uncertainty band.
#include <functional>
#include <string>
#include <vector>

#include "workloads/run_result.hpp"
#include "workloads/scenario.hpp"

namespace podsim {

/** @brief What one forked run returned (by default each phase's average rate), or why it failed. */
struct ForkedRun {
  std::vector<double> values;  ///< what `extract` returned; by default B/s per phase: bytes / (last writer done - start)
  std::string error;               ///< empty on success
};

/** @brief What a child sends back from its run (it runs in the child, so it may be costly). */
using RunExtract = std::function<std::vector<double>(const Scenario&, const RunResult&)>;

/**
 * @brief Simulates every scenario, at most `jobs` at once. Call it before this process runs a
 * simulation of its own: a child inherits the engine, and SimGrid cannot be set up twice. Never
 * throws for a failed run: its error says what happened (an exception's message, or the signal
 * that killed the child).
 */
[[nodiscard]] std::vector<ForkedRun> simulate_forked(const std::vector<const Scenario*>& scenarios, int jobs,
                                                     const RunExtract& extract = {});

}  // namespace podsim
