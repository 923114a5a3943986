#pragma once
/**
 * @file summary.hpp
 * @brief The headline figures of a run as flat `key: value unit` lines.
 *
 * Printed by `podsim run --summary`, stored in HDF5 /summary, and used as the expected output
 * of bundled scenarios: `podsim run S --expect S.expected` fails when a number moves by more than
 * the tolerance or a text (a bottleneck name) changes.
 */
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "analysis/fault_impact.hpp"
#include "analysis/metrics.hpp"
#include "analysis/movement_figures.hpp"
#include "analysis/timeline_metrics.hpp"
#include "analysis/write_regimes.hpp"
#include "topology/max_flow_bound.hpp"

namespace podsim {

struct SummaryItem {
  std::string key;
  double value = 0;
  std::string unit;  ///< empty for a text item
  std::string text;  ///< for text items (bottleneck names)
  [[nodiscard]] bool is_text() const { return !text.empty(); }
};

struct RunFigures {
  std::vector<PhaseMetrics> phases;
  std::vector<TimelineMetrics> timelines;
  FlowBound bound;
  std::optional<FaultReport> faults;  ///< with scenario faults
  std::optional<WriteRegimes> writes;  ///< burst and sustained writes, when the run wrote
  std::vector<SustainedLimit> sustained_limits;  ///< the closed form behind bound.sustained, tightest first
  std::vector<std::optional<MovementFigures>> movement;  ///< per phase: a drain's or fetch's `movement:` figures
  bool servers = false;  ///< a design of servers with internal drives: no buffer tier, no migration regime
  /** The resource class that sets bound.sustained; none when the client path (the burst's) does, or nothing destages. */
  [[nodiscard]] const SustainedLimit* sustained_limit() const {
    return sustained_limits.empty() || bound.sustained < sustained_limits.front().ceiling ? nullptr : &sustained_limits.front();
  }
  /** The bound a phase of this kind is held against: write burst, read, drain or fetch (zero for a trace). */
  [[nodiscard]] Bandwidth bound_for(PhaseKind k) const;
};

/** With `baseline` (the same scenario run without its faults) the fault report adds extra times and lost throughput. */
[[nodiscard]] RunFigures compute_figures(const Scenario& scenario, const RunResult& result,
                                         const std::optional<FaultBaseline>& baseline = std::nullopt);
[[nodiscard]] std::vector<SummaryItem> summarize(const Scenario& scenario, const RunFigures& figures);
void write_summary(std::ostream& out, const std::vector<SummaryItem>& items);
/** @brief Reads a summary file; throws InputError on a malformed line. */
[[nodiscard]] std::vector<SummaryItem> read_summary(const std::filesystem::path& file);
/** @brief Differences, one line each; empty when every key matches within `relative_tolerance`. */
[[nodiscard]] std::vector<std::string> compare_summaries(const std::vector<SummaryItem>& expected,
                                                         const std::vector<SummaryItem>& actual,
                                                         double relative_tolerance);

}  // namespace podsim
