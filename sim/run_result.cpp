#include "sim/run_result.hpp"

#include <algorithm>
#include <cmath>

namespace podsim {

void spread_over_buckets(std::vector<double>& series, double t0, double t1, double amount, double dt) {
  if (amount == 0) return;
  auto first = static_cast<size_t>(std::floor(t0 / dt));
  if (t1 <= t0) {
    if (series.size() <= first) series.resize(first + 1, 0.0);
    series[first] += amount;
    return;
  }
  auto last = static_cast<size_t>(std::floor(t1 / dt));
  if (series.size() <= last) series.resize(last + 1, 0.0);
  const double rate = amount / (t1 - t0);
  for (size_t k = first; k <= last; ++k) {
    double lo = std::max(t0, k * dt), hi = std::min(t1, (k + 1) * dt);
    if (hi > lo) series[k] += rate * (hi - lo);
  }
}

}  // namespace podsim
