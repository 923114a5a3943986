#include "sim/cli/buffer_full_run.hpp"

#include <cmath>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/summary.hpp"
#include "sim/forked_runs.hpp"
#include "topology/format.hpp"
#include "workloads/scenario.hpp"

namespace podsim::cli {

ClaimCheckOptions::BufferFull simulate_buffer_full(const Layout& layout, const std::string& who, bool quiet) {
  const Scenario sc = buffer_full_scenario(layout);
  const double bytes = sc.phases.front().total.bytes();
  if (!quiet)
    std::cerr << "[podsim] " << who << ": a " << format_number("%.0f", bytes / 1e12) << " TB write onto full write buffers ("
              << (sc.model.slices > 1 ? slices_text(sc.model) : std::string("whole")) << ")\n";
  const auto runs = simulate_forked({&sc}, 1, [](const Scenario& s, const RunResult& res) {
    const auto fig = compute_figures(s, res);
    const bool full = fig.writes && fig.writes->sustained;
    return std::vector<double>{full ? fig.writes->sustained->rate() : NAN};
  });
  const auto& run = runs.front();
  if (!run.error.empty() || run.values.empty())
    throw std::runtime_error(who + ": the write onto full buffers failed: " + run.error);
  const auto near = near_slices_text(sc);
  return {run.values[0], bytes, near.empty() ? near : " " + near};
}

}  // namespace podsim::cli
