#pragma once
/**
 * @file scenario_slice.hpp
 * @brief A scenario's workload on one of N identical slices of its platform (`model: {slices: N}`,
 * topology/platform_slice.hpp): the slice's clients keep their writers and bytes, its C-nodes
 * their copy shares. Valid only when the workload is spread evenly: every slice must carry the
 * same bytes, so the whole run is N copies of the slice's. On near-identical slices each phase's
 * bytes are spread over the slice's nearest whole number of nodes, 1/N of the phase's total.
 */
#include "topology/platform_slice.hpp"
#include "workloads/scenario.hpp"

namespace podsim {

/**
 * @brief The scenario as the slice runs it: phases and jobs restricted to the slice's nodes.
 * Throws std::invalid_argument (with the reason) for what a slice cannot represent: faults,
 * trace replay, or a phase or job that is not spread evenly over the slices.
 */
[[nodiscard]] Scenario slice_scenario(const Scenario& sc, const PlatformSlice& slice, int n, Slicing how = Slicing::identical);

}  // namespace podsim
