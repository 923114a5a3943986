#pragma once
// The write once the buffer is full, simulated: a write onto the design's full write buffers
// (workloads' buffer_full_scenario) in a forked child, for check --sustained and size.
#include <string>

#include "analysis/claim_check.hpp"
#include "topology/layout.hpp"

namespace podsim::cli {

/**
 * @brief Simulates a write onto the layout's full write buffers (buffer_full_scenario) and
 * returns its rate in that regime (NaN: no strip waited for space) and the bytes written. `who` names the
 * command in progress lines. Throws std::runtime_error when the run fails.
 */
[[nodiscard]] ClaimCheckOptions::BufferFull simulate_buffer_full(const Layout& layout, const std::string& who, bool quiet);

}  // namespace podsim::cli
