#pragma once
/**
 * @file scenario_limits.hpp
 * @brief What a scenario may ask of a run, checked before it starts (docs/robustness.md): every
 * strip fits the write buffer it must be admitted to, and the simulated span, known at least from
 * the max-flow bound, the job starts, training intervals and fault times, stays within 10^7 sample
 * intervals. Past these a run would wait forever or never end. (A phase shorter than a few sample
 * intervals is measured by its average: analysis/metrics.hpp, PhaseMetrics::coarse.)
 */
#include "topology/yaml_node.hpp"
#include "workloads/scenario.hpp"

namespace podsim {

/** Sample intervals one run may span: every resource keeps a value per interval. */
inline constexpr double kMostBuckets = 1e7;
/** Values of all resource series together (8 B each): 16 GB, within the 24 GiB machines we run on. */
inline constexpr double kMostSeriesValues = 2e9;

/** @brief The largest write one enclosure's buffer must admit at once, for a checkpoint phase
 *  on a design protected by `pr`. */
[[nodiscard]] double largest_buffer_strip(const Scenario& sc, const PhaseSpec& ph, const Protection& pr);

/** @brief Refuses a strip larger than an enclosure's write buffer (at `body`, the phase). */
void check_buffer_fit(const YamlNode& body, const Scenario& sc, const PhaseSpec& ph);

/**
 * @brief The least simulated time each phase can take (its bytes at the max-flow bound of its
 * kind), and the least the whole run spans; refuses a span beyond kMostBuckets sample intervals.
 */
void check_simulated_span(const YamlNode& scenario_node, const Scenario& sc);

}  // namespace podsim
