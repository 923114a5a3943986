#pragma once
/**
 * @file sourced_ceiling.hpp
 * @brief What a design's sourced figures alone allow: the max-flow bound with every assumed
 * throughput figure set aside (an enclosure controller, a C-node's cycles per byte, a NIC's
 * efficiency, an SSD's rate: unlimited). A claim above this ceiling is refuted whatever the
 * assumed figures turn out to be; one below it rests on them (docs/claim-check.md).
 */
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

}  // namespace podsim
