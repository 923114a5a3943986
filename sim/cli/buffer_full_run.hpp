#pragma once
// The write once the buffer is full, simulated: a continuous write past the design's write buffer
// (workloads' buffer_full_scenario) in a forked child, for check --sustained and size.
#include <string>

#include "analysis/claim_check.hpp"
#include "topology/layout.hpp"

namespace podsim::cli {

/**
 * @brief Simulates a continuous write of 2.5 x the layout's write buffer and returns its rate once
 * the buffer was full (NaN: it never filled), when it filled and the bytes written. `who` names the
 * command in progress lines. Throws std::runtime_error when the run fails.
 */
[[nodiscard]] ClaimCheckOptions::BufferFull simulate_buffer_full(const Layout& layout, const std::string& who, bool quiet);

}  // namespace podsim::cli
