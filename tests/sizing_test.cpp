// podsim size's bracketing half (topology/sizing.hpp) on closed-form cases: the small pod's write
// is set by its enclosure controllers and its capacity by its QLC, so the least count is arithmetic.
#include <catch2/catch.hpp>

#include <cmath>

#include "topology/design_facts.hpp"
#include "topology/input_error.hpp"
#include "topology/sizing.hpp"

using namespace podsim;

namespace {
const std::filesystem::path kSmallPod = std::filesystem::path(PODSIM_SOURCE_DIR) / "scenarios/designs/small-pod.yaml";
}  // namespace

TEST_CASE("sizing: the least enclosure count for a write target is the controller arithmetic", "[sizing]") {
  const DesignVariants v(kSmallPod);
  const auto knobs = parse_sizing_knobs("dnodes.count", kSmallPod);
  REQUIRE(knobs.size() == 1);
  CHECK(knobs[0].low == 1);
  CHECK(knobs[0].high == 80);  // 8x the design's 10
  SizingTargets t;
  t.write = Bandwidth::from_bytes_per_second(0.525e12);
  const auto c = bound_candidates(v, knobs, t, SizingCost::racks);
  REQUIRE(!c.empty());
  // 30 GB/s per controller carries 30 / 1.25 (8+2) = 24 GB/s of user writes: ceil(525 / 24) = 22.
  CHECK(c.front().values == std::vector<std::string>{"22"});
  CHECK(c.front().write_bound.bytes_per_second() == Approx(22 * 24e9).epsilon(1e-6));
  const auto one_less = evaluate_variant(v, knobs, {"21"});
  CHECK_FALSE(one_less.meets(t));
}

TEST_CASE("sizing: a usable target follows the capacity formula, and counts combine", "[sizing]") {
  const DesignVariants v(kSmallPod);
  SizingTargets t;
  t.usable = Bytes::from_bytes(100e15);
  const auto knobs = parse_sizing_knobs("dnodes.count=10..200", kSmallPod);
  const auto c = bound_candidates(v, knobs, t, SizingCost::count);
  REQUIRE(!c.empty());
  // 22 x 61.44 TB x 146/150 x 0.9 = 1.18407 PB usable per enclosure: ceil(100 / 1.18407) = 85.
  const double per_enclosure = 22 * 61.44e12 * 146 / 150 * 0.9;
  CHECK(c.front().values.front() == std::to_string(int(std::ceil(100e15 / per_enclosure))));

  // Two counts, cheapest by node count: the write target needs 22 enclosures whatever the C-nodes,
  // and the C-nodes fall to the least that still carry it.
  SizingTargets w;
  w.write = Bandwidth::from_bytes_per_second(0.525e12);
  const auto two = parse_sizing_knobs("dnodes.count,cnodes.count", kSmallPod);
  const auto cw = bound_candidates(v, two, w, SizingCost::count);
  REQUIRE(!cw.empty());
  CHECK(cw.front().values[0] == "22");
  const int cnodes = std::stoi(cw.front().values[1]);
  CHECK(cnodes < 25);
  CHECK(evaluate_variant(v, two, {"22", std::to_string(cnodes)}).meets(w));
  CHECK_FALSE(evaluate_variant(v, two, {"22", std::to_string(cnodes - 1)}).meets(w));
}

TEST_CASE("sizing: targets and knobs are parsed, never guessed", "[sizing]") {
  const auto t = parse_sizing_targets("write=5TB/s, read=88 Tb/s,usable=215PB");
  CHECK(t.write->bytes_per_second() == Approx(5e12));
  CHECK(t.read->bytes_per_second() == Approx(11e12));
  CHECK(t.usable->bytes() == Approx(215e15));
  CHECK(parse_sizing_targets("write_sustained=3TB/s").write_sustained->bytes_per_second() == Approx(3e12));
  // `write_burst` is `write`, named so it cannot be read as the buffer-full rate; given both, which?
  CHECK(parse_sizing_targets("write_burst=4TB/s").write->bytes_per_second() == Approx(4e12));
  CHECK_THROWS_AS(parse_sizing_targets("write=5TB/s,write_burst=4TB/s"), InputError);
  CHECK_THROWS_AS(parse_sizing_targets("write=5"), InputError);
  CHECK_THROWS_AS(parse_sizing_targets("speed=5TB/s"), InputError);
  CHECK_THROWS_AS(parse_sizing_targets("write=-1TB/s"), InputError);
  CHECK_THROWS_AS(parse_sizing_knobs("dnodes.cout", kSmallPod), InputError);
  CHECK_THROWS_AS(parse_sizing_knobs("dnodes.count=50..10", kSmallPod), InputError);
  CHECK_THROWS_AS(parse_sizing_knobs("servers.count", kSmallPod), InputError);
  const auto m = parse_sizing_knobs("dnodes.model", kSmallPod);
  CHECK(m.front().models.size() >= 2);  // every D-node model of the catalogs
  CHECK_THROWS_AS(parse_sizing_cost("dollars"), InputError);
}

TEST_CASE("sizing: simulation refines the bound's answer to the least count that meets the need", "[sizing]") {
  const DesignVariants v(kSmallPod);
  const auto knobs = parse_sizing_knobs("dnodes.count", kSmallPod);
  SizingTargets need;
  need.write = Bandwidth::from_bytes_per_second(0.525e12);
  auto candidates = [&](double lambda) {
    SizingTargets t = need;
    t.write = *t.write * (1 / lambda);
    return bound_candidates(v, knobs, t, SizingCost::racks);
  };
  // A stand-in for the simulation: the bound less a sharing loss that shrinks as enclosures are added.
  int simulated = 0;
  auto fake = [&](const std::vector<SizingPoint>& batch) {
    std::vector<SimulatedVariant> out;
    for (const auto& p : batch) {
      ++simulated;
      const double n = std::stod(p.values[0]), loss = 0.9 - 1.0 / n;
      out.push_back({p, p.write_bound.bytes_per_second() * loss >= need.write->bytes_per_second(), loss});
    }
    return out;
  };
  // 24 GB/s x n x (0.9 - 1/n) >= 525 GB/s: n >= (525 / 24 + 1) / 0.9 = 25.4, so 26.
  for (int per_round : {1, 2}) {
    simulated = 0;
    const auto r = refine_by_simulation(candidates, fake, SizingCost::racks, per_round, 12);
    REQUIRE(r.best);
    CHECK(r.probes[*r.best].point.values.front() == "26");
    CHECK(simulated <= 8);
    // Every cheaper variant it simulated fell short.
    for (const auto& q : r.probes)
      if (std::stoi(q.point.values.front()) < 26) CHECK_FALSE(q.meets);
  }
  // A simulation at the bound: the bound's answer is the answer, after one variant.
  auto exact = [&](const std::vector<SizingPoint>& batch) {
    std::vector<SimulatedVariant> out;
    for (const auto& p : batch) out.push_back({p, true, 1.0});
    return out;
  };
  const auto r = refine_by_simulation(candidates, exact, SizingCost::racks, 2, 12);
  REQUIRE(r.best);
  CHECK(r.probes.size() == 1);
  CHECK(r.probes[*r.best].point.values.front() == "22");
}
