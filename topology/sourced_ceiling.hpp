#pragma once
/**
 * @file sourced_ceiling.hpp
 * @brief What a design's sourced figures alone allow: the max-flow bound with every assumed
 * throughput figure set aside (an enclosure controller, a C-node's cycles per byte, a NIC's
 * efficiency, an SSD's rate: unlimited). A claim above this ceiling is refuted whatever the
 * assumed figures turn out to be; one below it rests on them (docs/claim-check.md).
 */
#include <string>
#include <vector>

#include "topology/design.hpp"
#include "topology/max_flow_bound.hpp"

namespace podsim {

struct SourcedCeiling {
  FlowBound bound;                    ///< with the figures below unlimited
  std::vector<FigureSource> relaxed;  ///< assumed figures set aside
  std::vector<FigureSource> kept;     ///< assumed throughput figures it cannot set aside (they still bind)
};

[[nodiscard]] SourcedCeiling sourced_only_ceiling(const Design& d);

/** @brief The least one assumed figure must be, the others as designed, for the bound to reach a claim. */
struct FigureRequirement {
  FigureSource figure;
  double factor = 0;         ///< multiple of the design's figure
  std::string needed;        ///< the figure at that multiple, with its unit
  bool enough_alone = true;  ///< false: other resources bind first, whatever this figure is
  Design at;                 ///< the design with the figure at that multiple (to confirm by simulation)
};

/**
 * @brief For each assumed throughput figure: the smallest multiple of it at which the max-flow
 * bound of writes (or reads) reaches `need` B/s, found by bisection on the bound (a bound, not a
 * simulation: the simulated rate may need a little more, by the sharing loss the run shows).
 */
[[nodiscard]] std::vector<FigureRequirement> figure_requirements(const Design& d, bool write, double need);

/** @brief The least a count of the design must be, the rest as designed, for the bound to reach a claim. */
struct CountRequirement {
  std::string count;   ///< "enclosures (dnodes.count)"
  int designed = 0;
  int needed = 0;      ///< 0: not enough alone (other resources bind first, up to 64x the design's count)
  Design at;           ///< the design with the count at `needed`
};

/**
 * @brief For the enclosure count, the C-node count and the buffer SSDs per enclosure: the smallest
 * count at which the max-flow bound of writes (or reads) reaches `need` B/s (binary search on the
 * bound; more of a count never lowers it).
 */
[[nodiscard]] std::vector<CountRequirement> count_requirements(const Design& d, bool write, double need);

}  // namespace podsim
