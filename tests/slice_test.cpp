// model.slices: one of N identical slices of a platform and of its workload, against hand counts.
// No SimGrid: fidelity.slices runs a sliced pod against the whole one.
#include <catch2/catch.hpp>

#include "topology/layout.hpp"
#include "topology/platform_slice.hpp"
#include "workloads/scenario.hpp"
#include "workloads/scenario_slice.hpp"

using namespace podsim;

namespace {
const std::filesystem::path kRoot = PODSIM_SOURCE_DIR;
}

TEST_CASE("a slice keeps 1/N of each site's nodes and 1/N of the links every slice shares", "[slices]") {
  auto whole = make_platform_spec(load_layout(kRoot / "scenarios/designs/three-sites.yaml"));
  auto s = slice_platform(whole, 18);
  REQUIRE(s.spec.sites.size() == 3);
  CHECK(s.spec.sites[0].clients.count == 2 * 10368 / 18);  // site A: two pods
  CHECK(s.spec.sites[1].cnodes.count == 25);
  CHECK(s.spec.sites[2].dnodes.count == 10);
  CHECK(s.spec.client_leaves.size() == (2 * 10368 + 2 * 10368) / 18 / 32);
  // Its own nodes keep their links whole; the spine, WAN and object store are shared.
  const auto& wc = whole.clients[static_cast<size_t>(s.client_of[5])];
  CHECK(s.spec.links[static_cast<size_t>(s.spec.clients[5].nic)].up.bytes_per_second() ==
        Approx(whole.links[static_cast<size_t>(wc.nic)].up.bytes_per_second()));
  CHECK(s.spec.links[static_cast<size_t>(s.spec.sites[1].wan)].up.bytes_per_second() ==
        Approx(whole.links[static_cast<size_t>(whole.sites[1].wan)].up.bytes_per_second() / 18));
  CHECK(s.spec.links[static_cast<size_t>(s.spec.sites[0].spine)].down.bytes_per_second() ==
        Approx(whole.links[static_cast<size_t>(whole.sites[0].spine)].down.bytes_per_second() / 18));
  CHECK(s.spec.links[static_cast<size_t>(s.spec.object_store)].down.bytes_per_second() ==
        Approx(whole.links[static_cast<size_t>(whole.object_store)].down.bytes_per_second() / 18));
  CHECK_THROWS_WITH(slice_platform(whole, 7), Catch::Contains("do not divide into 7 identical slices"));
  CHECK_THROWS_WITH(slice_platform(whole, 2 * 3 * 3 * 2 * 2), Catch::Contains("C-nodes"));
  // A slice keeps whole buffer stripes: 10 enclosures for 8 + 2 cannot be cut in two.
  const auto narrow = make_platform_spec(single_site_layout(load_design(kRoot / "tests/data/maverick-420-mini.yaml")));
  CHECK_THROWS_WITH(slice_platform(narrow, 2), Catch::Contains("5 enclosures each, fewer than a buffer stripe's 10 strips"));
}

TEST_CASE("a sliced workload keeps the slice's writers and 1/N of the bytes", "[slices]") {
  auto sc = load_scenario(kRoot / "tests/data/ncp-ninth-slices.yaml");
  auto whole = make_platform_spec(sc.layout);
  auto s = slice_platform(whole, 2);
  auto part = slice_scenario(sc, s, 2);
  CHECK(part.phases[0].writer_count() == 1152 / 2);
  CHECK(part.phases[0].total.bytes() == Approx(1e12));
  CHECK(part.phases[1].total.bytes() == Approx(1e12));
  CHECK(part.jobs[0].clients == 576);
}

TEST_CASE("a WAN outage slices onto the slice's share of the link; other faults are refused", "[slices][faults]") {
  auto sc = load_scenario(kRoot / "tests/data/ncp-ninth-wan-outage-exact.yaml");
  auto whole = make_platform_spec(sc.layout);
  auto s = slice_platform(whole, 2);
  auto part = slice_scenario(sc, s, 2);
  REQUIRE(part.faults.size() == 1);
  REQUIRE(part.faults[0].links.size() == 1);
  const auto& link = s.spec.links[static_cast<size_t>(part.faults[0].links[0])];
  CHECK(link.name == whole.links[static_cast<size_t>(sc.faults[0].links[0])].name);
  CHECK(link.up.bytes_per_second() == Approx(whole.links[static_cast<size_t>(sc.faults[0].links[0])].up.bytes_per_second() / 2));
  sc.faults[0].kind = FaultKind::enclosure_loss;
  CHECK_THROWS_WITH(slice_scenario(sc, s, 2), Catch::Contains("cannot be sliced"));
}
