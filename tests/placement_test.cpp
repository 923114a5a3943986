// Declustered buffer placement (workloads/placement.hpp): balanced whatever the counts, a lost
// enclosure's share spread over every survivor, and a deliberate imbalance exactly as asked.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <vector>

#include "workloads/placement.hpp"

using namespace podsim;

namespace {
/** Bytes each enclosure took after `stripes` stripes of `width` one-byte strips. */
std::vector<double> loads(EnclosureBalancer& b, int enclosures, int stripes, int width) {
  std::vector<double> load(static_cast<size_t>(enclosures), 0.0);
  for (int s = 0; s < stripes; ++s)
    for (int e : b.place(width, 1.0)) load[static_cast<size_t>(e)] += 1;
  return load;
}
double spread(const std::vector<double>& v) {
  auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  return *hi - *lo;
}
}  // namespace

TEST_CASE("placement: no aliasing, every enclosure within one strip of the others", "[placement]") {
  // The counts the old prime stride aliased on (7919 = -1 mod 180), their neighbours, and odd ones.
  for (int enclosures : {170, 175, 179, 180, 181, 200, 845}) {
    for (int width : {1, 10, 12}) {
      // At any moment, not only at the end: after 7 stripes, after 1,007 and after 5,328.
      EnclosureBalancer b(enclosures, 0.0);
      std::vector<double> load(static_cast<size_t>(enclosures), 0.0);
      for (int stripes : {7, 1000, 4321}) {
        auto more = loads(b, enclosures, stripes, width);
        for (size_t e = 0; e < load.size(); ++e) load[e] += more[e];
        INFO(enclosures << " enclosures, width " << width << ", after " << stripes << " more stripes");
        CHECK(spread(load) <= 1.0);
      }
      CHECK(std::accumulate(load.begin(), load.end(), 0.0) == Approx(5328.0 * width));
    }
  }
}

TEST_CASE("placement: a stripe's strips land on distinct enclosures", "[placement]") {
  EnclosureBalancer b(12, 0.0);
  for (int s = 0; s < 100; ++s) {
    auto chosen = b.place(10, 1.0);
    REQUIRE(chosen.size() == 10);
    std::sort(chosen.begin(), chosen.end());
    CHECK(std::adjacent_find(chosen.begin(), chosen.end()) == chosen.end());
  }
}

TEST_CASE("placement: a lost enclosure's share spreads evenly over every survivor", "[placement][faults]") {
  // 180 enclosures; after enclosure 7 is lost, each of the 179 survivors takes 1/179 of new
  // stripes' strips: none takes more than one strip above the others (a neighbour-only scheme
  // would put 2x on one enclosure, or +1/width on `width` of them).
  EnclosureBalancer b(180, 0.0);
  (void)loads(b, 180, 1800, 10);
  b.remove(7);
  auto after = loads(b, 180, 17900, 10);
  CHECK(after[7] == 0);
  after.erase(after.begin() + 7);
  CHECK(spread(after) <= 1.0);
  CHECK(*std::max_element(after.begin(), after.end()) <= 17900.0 * 10 / 179 + 1);
}

TEST_CASE("placement: an imbalance x loads enclosures in proportion to weights over [1-x, 1+x]", "[placement]") {
  const double x = 0.2;
  EnclosureBalancer b(180, x);
  auto load = loads(b, 180, 18000, 10);
  double lo = 2, hi = 0;
  for (int e = 0; e < 180; ++e) {
    lo = std::min(lo, b.weight(e));
    hi = std::max(hi, b.weight(e));
    // Each enclosure's share is its weight over the mean weight, within one strip.
    CHECK(load[static_cast<size_t>(e)] / b.weight(e) == Approx(load[0] / b.weight(0)).margin(1.0 / b.weight(e)));
  }
  CHECK(lo >= 1 - x);
  CHECK(hi <= 1 + x);
  CHECK(lo == Approx(1 - x).margin(0.01));  // the sequence fills the range
  CHECK(hi == Approx(1 + x).margin(0.01));
}
