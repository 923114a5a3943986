#pragma once
/**
 * @file sweep_summary.hpp
 * @brief Reading a sweep (`podsim sweep summary`): per axis, how each phase's sustained TB/s moves
 * and which resource limits it at each value; where that bottleneck changes (the knee); and the
 * axes ranked by their effect on the first phase (tornado order).
 *
 * Points are grouped by the axis value (the mean over the other axes); an axis with more than 10
 * distinct values (random or Latin-hypercube samples) is cut into 5 groups of equal size.
 */
#include <string>

#include "analysis/sweep_table.hpp"

namespace podsim {

[[nodiscard]] std::string sweep_summary(const SweepTable& t);

}  // namespace podsim
