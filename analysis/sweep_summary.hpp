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
#include <vector>

#include "analysis/sweep_table.hpp"

namespace podsim {

/** @brief Where the resource that limits a phase changes along an axis, between groups `group - 1` and `group`. */
struct BottleneckChange {
  std::string phase, from, to;
  size_t group = 0;
  bool co_bottleneck = false;  ///< A, B, A: B is as saturated as A at that one group, not a knee
};

/** @brief One varied axis: its groups, each phase's mean sustained rate and bottleneck per group, the knees. */
struct AxisView {
  std::string axis;
  std::vector<std::string> labels;  ///< group labels, in axis order
  std::vector<double> x;            ///< the group's leading number (mean over a binned group); NaN if none
  std::vector<std::string> phases;  ///< phases reporting a sustained rate
  std::vector<std::vector<double>> sustained;        ///< [phase][group], TB/s, mean over the group's points
  std::vector<std::vector<std::string>> bottleneck;  ///< [phase][group], the group's most frequent one
  std::vector<BottleneckChange> changes;
  [[nodiscard]] bool fixed() const { return labels.size() == 1; }
};

/** @brief The headline phases of the sweep (those with a `.sustained` figure), in first-seen order. */
[[nodiscard]] std::vector<std::string> sweep_phases(const SweepTable& t);
/** @brief One view per axis, in axis order; an axis with one group is fixed (an override, not a variable). */
[[nodiscard]] std::vector<AxisView> axis_views(const SweepTable& t);
[[nodiscard]] std::string sweep_summary(const SweepTable& t);

}  // namespace podsim
