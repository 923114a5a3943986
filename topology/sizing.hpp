#pragma once
/**
 * @file sizing.hpp
 * @brief Inverse sizing (`podsim size`): the cheapest variant of a design whose max-flow bound and
 * derived capacity meet a set of targets, varying named counts and the D-node model.
 *
 * This is the bracketing half, plain arithmetic on the design (docs/sizing.md): every variant is
 * the design file with the varied fields rewritten and loaded again, so derived spines, leaves and
 * racks follow and every validation of a design file applies. The bound is an upper bound on any
 * simulated rate, so no variant cheaper than the cheapest one that meets the targets by the bound
 * can meet them by simulation: the CLI confirms candidates by simulation from there up.
 */
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "topology/design.hpp"

namespace podsim {

/** What the sized design must reach: throughput with the margin already applied, and usable bytes. */
struct SizingTargets {
  std::optional<Bandwidth> write;  ///< checkpoint burst into the buffer (the claim-check write phase): `write_burst` or `write`
  std::optional<Bandwidth> read;   ///< reads from the capacity tier
  /** Writes once the buffer is full and migration binds: the closed form (FlowBound::sustained), not simulated. */
  std::optional<Bandwidth> write_sustained;
  std::optional<Bytes> usable;
};

/** @brief Parses `write_burst=5TB/s,read=11TB/s,write_sustained=3TB/s,usable=215PB` (`write` is `write_burst`);
 *  throws InputError naming the item. */
[[nodiscard]] SizingTargets parse_sizing_targets(const std::string& text);

/** One thing `podsim size` may change, as a field under the design file's `design:` map. */
struct SizingKnob {
  std::string field;   ///< "dnodes.count", "cnodes.count", "dnodes.buffer_ssds", "dnodes.model"
  bool model = false;  ///< a model name chosen from `models`, else a count in [low, high]
  int low = 1, high = 0;
  std::vector<std::string> models;
};

/**
 * @brief Parses `dnodes.count,cnodes.count=100..900,dnodes.model=dbox-1350|dbox-5400` against the
 * design: a count's range defaults to 1 .. 8x the design's count, a model list to every D-node
 * model of the design's catalogs. Throws InputError naming the item.
 */
[[nodiscard]] std::vector<SizingKnob> parse_sizing_knobs(const std::string& text, const std::filesystem::path& design_file);

enum class SizingCost { racks, kw, count };
[[nodiscard]] SizingCost parse_sizing_cost(const std::string& text);
[[nodiscard]] const char* to_string(SizingCost c);

/** One variant of the design: its knob values and what the bound and the design arithmetic give. */
struct SizingPoint {
  std::vector<std::string> values;  ///< one per knob, in knob order
  bool loads = false;               ///< the variant is a valid design (else `why`)
  std::string why;
  Bandwidth write_bound, read_bound, sustained_bound;
  Bytes usable;
  int racks = 0;     ///< storage racks (spine racks apart)
  double kw = 0;     ///< storage power, maximum (what a facility provisions)
  int nodes = 0;     ///< C-nodes + D-nodes (servers)
  [[nodiscard]] bool meets(const SizingTargets& t) const;
  /** The cost to minimise, then the other two as tie-breakers, as a tuple-like key. */
  [[nodiscard]] std::vector<double> cost_key(SizingCost c) const;
};

/** The design file with some fields rewritten: each variant is loaded as a design file would be. */
class DesignVariants {
 public:
  explicit DesignVariants(const std::filesystem::path& design_file);
  /** @brief The design with `values` at `knobs` (throws InputError when the variant is invalid). */
  [[nodiscard]] Design design(const std::vector<SizingKnob>& knobs, const std::vector<std::string>& values) const;
  /** @brief The variant's design file as YAML, catalog paths relative to `out_dir` (empty: absolute). */
  [[nodiscard]] std::string yaml(const std::vector<SizingKnob>& knobs, const std::vector<std::string>& values,
                                 const std::filesystem::path& out_dir = {}) const;
  /** @brief The design file's own value of each knob's field, as text (the file loaded once). */
  [[nodiscard]] std::vector<std::string> designed(const std::vector<SizingKnob>& knobs) const;
  [[nodiscard]] const std::filesystem::path& file() const { return file_; }

 private:
  [[nodiscard]] YAML::Node with(const std::vector<SizingKnob>& knobs, const std::vector<std::string>& values) const;
  std::filesystem::path file_;
  YAML::Node doc_;  ///< the whole file, catalog paths made absolute
};

/** @brief Bound, capacity, racks and power of one variant (loads = false when it is not a valid design). */
[[nodiscard]] SizingPoint evaluate_variant(const DesignVariants& v, const std::vector<SizingKnob>& knobs,
                                           const std::vector<std::string>& values);

/**
 * @brief Variants that meet `targets` by the bound, cheapest first (by `cost`, then the others).
 * Each is the least count of the last count knob for a choice of the others: a binary search
 * (more of a count never lowers the bound, the capacity or the cost), the other counts on a grid
 * refined around the cheapest (coarse to fine, at most `grid` values a pass). Models are tried
 * one by one. `progress` (may be empty) is called with the number of variants evaluated so far.
 */
[[nodiscard]] std::vector<SizingPoint> bound_candidates(const DesignVariants& v, const std::vector<SizingKnob>& knobs,
                                                        const SizingTargets& targets, SizingCost cost, int grid = 12,
                                                        const std::function<void(size_t)>& progress = {});

/** One variant simulated: whether it met the needs, and simulated / bound (the sharing loss, <= 1). */
struct SimulatedVariant {
  SizingPoint point;
  bool meets = false;
  double loss = 1;
};
/** Simulates a batch of variants (a sweep round); one result per point, in order. */
using SimulateBatch = std::function<std::vector<SimulatedVariant>(const std::vector<SizingPoint>&)>;
/** The bound's candidates, cheapest first, when the bound must reach the needs over a loss `lambda` (0 < lambda <= 1). */
using CandidatesAt = std::function<std::vector<SizingPoint>(double lambda)>;

struct RefinedSize {
  std::vector<SimulatedVariant> probes;  ///< every variant simulated, in order
  std::optional<size_t> best;            ///< index in probes of the cheapest that met the needs
  int rounds = 0;
};

/**
 * @brief Confirms and refines the bound's answer by simulation, `per_round` variants a round.
 * Round 1 simulates the bound's own answer (lambda = 1): when it meets the needs nothing cheaper
 * can, and it is the answer. Otherwise rounds walk down from the loss the failures showed (the
 * bound must then reach need / loss), and once a variant passes they bisect lambda, in log space,
 * between the highest pass and the lowest failure, until no cheaper untried candidate remains or
 * `rounds` are spent. A simulated rate that grows with every count (ctest knobs.dnode-sweep-monotonic)
 * makes this the least count for one count knob; for several it is the cheapest along that path.
 */
[[nodiscard]] RefinedSize refine_by_simulation(const CandidatesAt& candidates, const SimulateBatch& simulate,
                                               SizingCost cost, int per_round, int rounds);

}  // namespace podsim
