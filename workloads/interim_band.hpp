#pragma once
/**
 * @file interim_band.hpp
 * @brief The interim model-error band of issue 20: how far published systems landed below their
 * line-rate bound (measured / bound, per direction; workloads/presets/interim-model-error.yaml,
 * compiled in). Until issue 19 measures podsim's own error, `check` reads the simulated rate as such
 * a bound and reports the share of published ratios that would still meet a claim.
 */
#include <string>
#include <vector>

namespace podsim {

struct InterimBand {
  std::vector<double> ratios;  ///< measured / line-rate bound, ascending
  std::string source;
};

/** @brief The band for "write" or "read". */
[[nodiscard]] InterimBand interim_band(const std::string& op);

/** @brief The share (0..1) of the band's ratios at or above `fraction`; NaN for an empty band. */
[[nodiscard]] double share_at_least(const InterimBand& band, double fraction);

}  // namespace podsim
