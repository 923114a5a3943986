#pragma once
/**
 * @file rack_svg.hpp
 * @brief Rack elevations as SVG (`podsim racks`): every rack of rack_layout(), unit by unit,
 * bottom up, with what sits in each U and the rack's typical and max kW.
 */
#include <string>

#include "topology/design.hpp"

namespace podsim {

/** @brief A standalone SVG document; each placed item is a <rect data-kind="..."> with a <title>. */
[[nodiscard]] std::string rack_elevations_svg(const Design& design);

}  // namespace podsim
