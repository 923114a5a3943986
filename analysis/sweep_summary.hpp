#pragma once
/**
 * @file sweep_summary.hpp
 * @brief Reading a sweep (`podsim sweep summary`): per axis, how each phase's sustained TB/s moves
 * and which resource limits it at each value; where that bottleneck changes (the knee); and the
 * axes ranked by their effect on the first phase (tornado order).
 *
 * Points are grouped by the axis value (the mean over the other axes); an axis with more than 10
 * distinct values (random or Latin-hypercube samples) is cut into 5 groups of equal size. A group
 * whose points disagree on the bottleneck says so ("mixed: A 2/4, B 2/4"). Knees come from each
 * slice of the other varied axes along the axis (a grid), and say in which slices they occur.
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
  /** The slices of the other varied axes where it happens ("design.dnodes.count=20"), and how many
   *  slices the axis has: a knee comes from each slice's own curve, never from a mean over them. */
  std::vector<std::string> slices;
  size_t of_slices = 1;
};

/** @brief One varied axis: its groups, each phase's mean sustained rate and bottleneck per group, the knees. */
struct AxisView {
  std::string axis;
  std::vector<std::string> labels;  ///< group labels, in axis order
  std::vector<double> x;            ///< the group's leading number (mean over a binned group); NaN if none
  std::vector<std::string> phases;  ///< phases reporting a sustained rate
  std::vector<std::vector<double>> sustained;        ///< [phase][group], TB/s, mean over the group's points
  std::vector<std::vector<std::string>> bottleneck;  ///< [phase][group]: the one every point reports, or "mixed: A 2/4, B 2/4"
  std::vector<BottleneckChange> changes;
  [[nodiscard]] bool fixed() const { return labels.size() == 1; }
};

/** @brief The headline phases of the sweep (those with a `.sustained` figure), in first-seen order. */
[[nodiscard]] std::vector<std::string> sweep_phases(const SweepTable& t);
/** @brief One view per axis, in axis order; an axis with one group is fixed (an override, not a variable). */
[[nodiscard]] std::vector<AxisView> axis_views(const SweepTable& t);
[[nodiscard]] std::string sweep_summary(const SweepTable& t);

}  // namespace podsim
