#include "analysis/claim_band.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "topology/format.hpp"

namespace podsim {
namespace {

double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  const double pos = q * double(sorted.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - double(lo)) * (sorted[hi] - sorted[lo]);
}

std::string tbps(double v) { return format_number("%.2f TB/s", v / 1e12); }

}  // namespace

ClaimBand claim_band(const std::string& claim, const std::vector<double>& sustained, double need) {
  ClaimBand b;
  b.claim = claim;
  b.need = need;
  std::vector<double> v;
  for (double x : sustained) {
    if (std::isfinite(x)) v.push_back(x);
    else ++b.failed;
  }
  std::sort(v.begin(), v.end());
  b.samples = static_cast<int>(v.size());
  b.p10 = quantile(v, 0.1);
  b.p50 = quantile(v, 0.5);
  b.p90 = quantile(v, 0.9);
  const auto met = std::count_if(v.begin(), v.end(), [&](double x) { return x >= need; });
  b.likelihood = v.empty() ? std::nan("") : double(met) / double(v.size());
  return b;
}

std::string likelihood_word(double l) {
  if (!std::isfinite(l)) return "unknown";
  if (l >= 0.9) return "likely holds";
  if (l <= 0.1) return "likely refuted";
  return "uncertain";
}

std::string band_report(const std::vector<ClaimBand>& bands, const std::string& profile, int knobs) {
  std::ostringstream o;
  if (bands.empty()) return {};
  o << "\nUncertainty from profile " << profile << ": " << bands.front().samples << " Latin-hypercube samples of its "
    << knobs << " uncertain knobs\n\n"
    << "| claim | needs | p10 | p50 | p90 | holds in | verdict |\n| --- | --- | --- | --- | --- | --- | --- |\n";
  for (const auto& b : bands) {
    o << "| " << b.claim << " | " << tbps(b.need) << " | " << tbps(b.p10) << " | " << tbps(b.p50) << " | " << tbps(b.p90)
      << " | " << format_number("%.0f %%", b.likelihood * 100) << " of samples | " << likelihood_word(b.likelihood)
      << (b.failed ? " (" + std::to_string(b.failed) + " samples failed)" : "") << " |\n";
  }
  return o.str();
}

}  // namespace podsim
