#pragma once
// Internal to sim/: runs the jobs of a scenario, each as a control actor stepping through its
// phases and training timelines; jobs overlap in simulated time.
#include "sim/monitor.hpp"

namespace podsim {

/** @brief Starts one control actor per job; returns once they are created (engine.run() runs them). */
void start_jobs(SimContext& ctx, Monitor& monitor, bool progress);

}  // namespace podsim
