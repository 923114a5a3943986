#pragma once
/**
 * @file claim_check.hpp
 * @brief Verdicts on a design's claims (`podsim check`): claimed vs simulated vs max-flow bound.
 *
 * Rules (docs/claim-check.md): a claim is approximate, so it holds when the simulated (or derived)
 * figure reaches the claim's low end within `tolerance` (5 % by default: "~11 TB/s" holds at
 * 10.45 TB/s). A claim that holds "only if" rests on an assumed figure of the resource that limits
 * it; the verdict names that figure and how much of it the claim needs. A refuted claim says
 * whether even the bound falls short (the hardware cannot) or only the simulation (contention).
 * A claim met only through a figure marked `derived_from: claim` in the catalog is "circular":
 * the check would be confirming the claim with itself.
 */
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/summary.hpp"
#include "workloads/reference_lines.hpp"

namespace podsim {

/** circular: the figure reaches the claim only through a figure derived from the claim itself. */
enum class Verdict { holds, holds_only_if, circular, too_close, refuted, not_simulated, not_claimed };
[[nodiscard]] const char* to_string(Verdict v);

struct ClaimVerdict {
  std::string claim;      ///< "write", "read", "usable", "racks"
  std::string claimed;    ///< "4-5 TB/s"
  double claimed_low = 0, claimed_high = 0;  ///< the claimed range in `unit` (equal for "~X")
  std::string unit;       ///< of claimed_low/high: "B/s", "B" or "racks"
  std::string simulated;  ///< the simulated (or derived) figure with its unit
  std::string bound;      ///< max-flow bound, or "-" where none applies
  std::string sourced_ceiling;  ///< throughput claims: the bound with every assumed figure set aside
  /** Throughput claims resting on assumed figures: for each, the least it must be (from the bound). */
  std::vector<std::string> requirements;
  /** For "holds only if" where the assumed figures as given fall short: what they must be instead. */
  std::string condition;
  /** Throughput claims: the model-resolution error of the simulated figure (a fraction) and where
   *  that bound comes from; a margin smaller than it is "too close to call". */
  double resolution = 0;
  std::string resolution_basis;
  /** Throughput claims: the chance that the claim holds (podsim's measured error) (0..1, NaN: none) and its basis. */
  double chance = std::numeric_limits<double>::quiet_NaN();
  std::string chance_basis;
  /** Throughput claims: SuperPOD guidance at the design's GPU count and measured checkpoint rates. */
  std::vector<ReferenceLine> references;
  /** Write claims: which regime the claim was checked in (the workload's burst, or sustained once
   *  the buffer filled), and the sustained write closed form (buffer full, migration binding). */
  std::string regime;
  std::string sustained;
  Verdict verdict = Verdict::not_simulated;
  std::string limited_by;  ///< the resource or rule that sets the figure
  std::string because;     ///< one sentence: why this verdict, which assumption
  std::vector<FigureSource> assumptions;  ///< assumed figures the verdict rests on
};

struct ClaimCheckOptions {
  double tolerance = 0.05;
  /** Also report the simulated write and read where the design claims none (`podsim check`). */
  bool unclaimed_figures = false;
  /** Requirements confirmed by simulation (`podsim check --confirm`): requirement_key() -> the
   *  sustained rate (B/s) the claim-check workload reached on the design at that requirement. */
  std::map<std::string, double> confirmed;
  /** A write onto full write buffers, simulated (`podsim check --sustained`, workloads'
   *  buffer_full_scenario): its rate once the buffer was full (B/s; NaN: no strip waited for space). */
  struct BufferFull {
    double rate = 0;
    double bytes = 0;  ///< user bytes the write moved
    std::string slicing;  ///< " on 18 near-identical slices" when it ran so (counts rounded, nodes derated), else empty
  };
  std::optional<BufferFull> buffer_full;
};

/** @brief One requirement of a throughput claim, simulated to confirm it (podsim check --confirm). */
struct RequirementRun {
  std::string key;  ///< requirement_key(claim, what)
  bool write;       ///< a write claim's requirement, else a read claim's
  Design design;    ///< the design at the requirement
};
/** @brief Every requirement that is enough alone, for the write and read claims of the design. */
[[nodiscard]] std::vector<RequirementRun> requirement_runs(const Design& d, double tolerance);
[[nodiscard]] std::string requirement_key(const std::string& claim, const std::string& what);

/**
 * @brief The model-resolution error of a phase's sustained rate, as a fraction: the spread that the
 * speed knobs (chunk size 64 MiB to 1 GiB, coarse or exact flows and strips) leave on Design 1's
 * figures, which ctest knobs.chunk-and-mode-invariance holds below 1 % (measured: 0.0 % sustained,
 * 0.7 % completion), plus, for a phase only a few sample intervals long (its figure is an average
 * over whole buckets), one interval over its length.
 */
[[nodiscard]] double resolution_error(const PhaseMetrics& m, double sample_interval);
inline constexpr double kKnobResolution = 0.01;

/** @brief B/s a throughput claim needs to hold: its low end less the tolerance. */
[[nodiscard]] inline double throughput_needed(const Claim<Bandwidth>& c, double tolerance) {
  return c.low.bytes_per_second() * (1 - tolerance);
}

/** @brief One verdict per claim of the design; throughput claims use the first write/read phase. */
[[nodiscard]] std::vector<ClaimVerdict> check_claims(const Scenario& scenario, const RunFigures& figures,
                                                     const ClaimCheckOptions& options = {});
/** @brief The same verdicts as a table, every figure with its unit. */
[[nodiscard]] std::string claim_report(const Scenario& scenario, const std::vector<ClaimVerdict>& verdicts);

}  // namespace podsim
