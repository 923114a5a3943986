// The optimal checkpoint interval formulas, against their published closed forms.
#include <catch2/catch.hpp>

#include <cmath>

#include "analysis/timeline_metrics.hpp"

using namespace podsim;

TEST_CASE("Young's interval is sqrt(2 delta M)", "[timeline]") {
  CHECK(young_interval(60, 86400) == Approx(std::sqrt(2.0 * 60 * 86400)));  // 3220 s
  CHECK(young_interval(60, 86400) == Approx(3219.94).epsilon(1e-5));
}

TEST_CASE("Daly's interval adds the higher-order terms and caps at M", "[timeline]") {
  const double d = 60, M = 86400, x = d / (2 * M);
  CHECK(daly_interval(d, M) == Approx(std::sqrt(2 * d * M) * (1 + std::sqrt(x) / 3 + x / 9) - d));
  CHECK(daly_interval(d, M) == Approx(3180.06).epsilon(1e-5));
  CHECK(daly_interval(300, 100) == Approx(100.0));  // delta >= 2M: checkpoint every M
}

TEST_CASE("expected waste is delta / tau + tau / 2M, least at Young's interval", "[timeline]") {
  const double d = 60, M = 86400, tau = young_interval(d, M);
  CHECK(expected_waste(600, d, M) == Approx(60.0 / 600 + 600 / (2 * 86400.0)));
  CHECK(expected_waste(tau, d, M) < expected_waste(tau * 0.8, d, M));
  CHECK(expected_waste(tau, d, M) < expected_waste(tau * 1.25, d, M));
}
