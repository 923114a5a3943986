#pragma once
/**
 * @file figures_behind.hpp
 * @brief Which sourced figures set a resource class's capacity, so a verdict can say when it rests
 * on an assumption ("holds only if the enclosure controller does 30 GB/s, an assumed figure").
 */
#include <string>
#include <vector>

#include "topology/platform_spec.hpp"

namespace podsim {

/** @brief The ledger entries (catalog or design) behind one resource class of this design. */
[[nodiscard]] std::vector<FigureSource> figures_behind(const Design& d, ResourceClass cls);
/** @brief The ledger entries behind usable capacity (SSD size and count, reserve). */
[[nodiscard]] std::vector<FigureSource> capacity_figures(const Design& d);
/** @brief The ledger entries behind the rack count (rack size and budget, node power and height). */
[[nodiscard]] std::vector<FigureSource> rack_figures(const Design& d);
/** @brief The entry is `field` (its last path elements) of `model` (a catalog model, or the design itself). */
[[nodiscard]] bool is_figure(const FigureSource& f, const std::string& model, const std::string& field);
/** @brief A figure whose source says `assumed`. */
[[nodiscard]] bool is_assumed(const FigureSource& f);
[[nodiscard]] std::vector<FigureSource> assumed_only(const std::vector<FigureSource>& figures);

}  // namespace podsim
