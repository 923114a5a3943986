#pragma once
// A throughput claim under a calibrated profile's uncertainty: the sustained rate over sampled
// profiles (p10 / p50 / p90) and how likely the claim is to hold.
#include <string>
#include <vector>

namespace podsim {

struct ClaimBand {
  std::string claim;        ///< "write", "read"
  double need = 0;          ///< B/s the claim needs (its low end less the tolerance)
  double p10 = 0, p50 = 0, p90 = 0;  ///< B/s
  double likelihood = 0;    ///< fraction of samples that meet `need`
  int samples = 0;
  int failed = 0;           ///< samples whose simulation failed (left out of the band)
};

/** @brief The band of finite `sustained` values (B/s); percentiles interpolated linearly. */
[[nodiscard]] ClaimBand claim_band(const std::string& claim, const std::vector<double>& sustained, double need);
/** @brief "likely holds" (>= 90 %), "likely refuted" (<= 10 %), else "uncertain". */
[[nodiscard]] std::string likelihood_word(double likelihood);
/** @brief Markdown table of the bands, with the profile they come from. */
[[nodiscard]] std::string band_report(const std::vector<ClaimBand>& bands, const std::string& profile, int knobs);

}  // namespace podsim
