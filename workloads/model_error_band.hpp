#pragma once
/**
 * @file model_error_band.hpp
 * @brief podsim's own error on published systems (workloads/presets/model-error.yaml, compiled
 * in, written by `podsim validate --fit --write-error`): measured / predicted for each run, each
 * predicted with shared knobs fitted leaving its own system out. `check` multiplies a simulated
 * rate by these ratios for a band, and gives the share that still meets the claim as its chance.
 */
#include <string>
#include <vector>

namespace podsim {

struct ModelErrorBand {
  std::vector<double> ratios;  ///< measured / predicted (leave-one-system-out), ascending
  int systems = 0;             ///< distinct systems the ratios come from
  std::string source;
};

/** @brief The band for "write" or "read". */
[[nodiscard]] ModelErrorBand model_error_band(const std::string& op);

/** @brief The share (0..1) of the band's ratios at or above `fraction`; NaN for an empty band. */
[[nodiscard]] double share_at_least(const ModelErrorBand& band, double fraction);

/**
 * @brief The largest ratio r of the band with share_at_least(band, r) >= confidence (0 < confidence
 * <= 1): a simulated rate of need / r meets `need` in that share of podsim's measured errors. NaN
 * for an empty band.
 */
[[nodiscard]] double ratio_at_confidence(const ModelErrorBand& band, double confidence);

}  // namespace podsim
