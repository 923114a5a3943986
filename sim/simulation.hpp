#pragma once
/**
 * @file simulation.hpp
 * @brief Runs a scenario on SimGrid and returns plain results. The only entry point into sim/.
 *
 * SimGrid keeps one engine per process (a second Engine keeps the old clock), so call this once
 * per process; sweeps run one process per point.
 */
#include <string>
#include <vector>

#include "workloads/run_result.hpp"
#include "workloads/scenario.hpp"

namespace podsim {

struct RunOptions {
  bool progress = true;                  ///< progress lines on stderr
  std::vector<std::string> engine_config;  ///< extra SimGrid --cfg values, "name:value"
};

[[nodiscard]] RunResult run_simulation(const Scenario& scenario, const RunOptions& options);

}  // namespace podsim
