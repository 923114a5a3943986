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

TEST_CASE("a WAN outage slices onto the slice's share of the link, other faults are refused", "[slices][faults]") {
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

namespace {
/** Sum of the up rates of every link of class `cls` in `spec`. */
double total_up(const PlatformSpec& spec, ResourceClass cls) {
  double sum = 0;
  for (const auto& l : spec.links)
    if (l.cls == cls) sum += l.up.bytes_per_second();
  return sum;
}
}  // namespace

TEST_CASE("near-identical slices round each count and derate its nodes: the slice's totals are 1/N", "[slices]") {
  // pod-odd: 560 trays (17.5 leaves of 32), 53 C-nodes, 21 D-nodes: no identical halves.
  const auto whole = make_platform_spec(single_site_layout(load_design(kRoot / "tests/data/pod-odd.yaml")));
  CHECK_THROWS_WITH(slice_platform(whole, 2), Catch::Contains("do not divide into 2 identical slices"));
  const auto s = slice_platform(whole, 2, Slicing::near);
  CHECK(s.spec.clients.size() == 9 * 32);  // whole leaves: 9 of 18
  CHECK(s.spec.cnodes.size() == 27);
  CHECK(s.spec.dnodes.size() == 11);
  for (auto cls : {ResourceClass::client_nic, ResourceClass::client_leaf_uplink, ResourceClass::cnode_port,
                   ResourceClass::dnode_port, ResourceClass::dnode_controller})
    CHECK(total_up(s.spec, cls) == Approx(total_up(whole, cls) / 2).epsilon(1e-9));
  double clock = 0, buffer = 0, capacity_write = 0;
  for (const auto& c : s.spec.cnodes) clock += c.clock.hertz() * c.cores;
  for (const auto& d : s.spec.dnodes) {
    buffer += d.buffer_capacity.bytes();
    capacity_write += d.capacity_write.bytes_per_second();
  }
  CHECK(clock == Approx(53 * whole.cnodes[0].clock.hertz() * whole.cnodes[0].cores / 2));
  CHECK(buffer == Approx(21 * whole.dnodes[0].buffer_capacity.bytes() / 2));
  CHECK(capacity_write == Approx(21 * whole.dnodes[0].capacity_write.bytes_per_second() / 2));
  CHECK(s.rounding == "site 'pod-odd': 288 client nodes for 280.00 (each x 0.9722), 27 C-nodes for 26.50 (each x 0.9815), "
                      "11 D-nodes for 10.50 (each x 0.9545)");
  // Counts that divide are kept whole and said nothing about; a stripe still needs its enclosures.
  CHECK(slice_platform(whole, 1, Slicing::near).rounding.empty());
  CHECK_THROWS_WITH(slice_platform(whole, 3, Slicing::near), Catch::Contains("7 enclosures each"));
  // The workload: 1/N of each phase's bytes, over the slice's nearest whole number of nodes.
  auto sc = load_scenario(kRoot / "tests/data/pod-odd-slices.yaml");
  const auto part = slice_scenario(sc, s, 2, Slicing::near);
  CHECK(part.phases[0].writer_count() == 288);
  CHECK(part.phases[0].total.bytes() == Approx(0.5e12));
  CHECK(part.phases[0].bytes_of(0).bytes() == Approx(0.5e12 / 288));
  CHECK(part.phases[1].total.bytes() == Approx(0.5e12));
  CHECK_THROWS_WITH(slice_scenario(sc, s, 2), Catch::Contains("not spread evenly"));
  // A job on the first 100 trays would lie wholly in the first slice: not near 1/N of it.
  sc.jobs[0].clients = 100;
  CHECK_THROWS_WITH(slice_scenario(sc, s, 2, Slicing::near), Catch::Contains("job '"));
}
