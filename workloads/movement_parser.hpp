#pragma once
// Internal to workloads/: `movement:` of a drain or fetch (docs/data-movement.md), and how its
// bytes are split over the copiers it names.
#include "topology/yaml_node.hpp"
#include "workloads/scenario.hpp"

namespace podsim {

/**
 * Reads the chunk (`chunk:` or `movement.request`), the streams and `movement:` of a drain or
 * fetch into `s`, and splits `s.total` over its copiers: each site takes `site_weight` of it, shared
 * evenly by the site's C-nodes, or by its copy hosts. Errors name file, line and field.
 */
void parse_copy(PhaseSpec& s, const YamlNode& p, const Layout& l, const std::vector<double>& site_weight);

}  // namespace podsim
