// Multi-site layouts: what a layout file derives (sites, totals, WAN, object-store intake) and the
// drain bound, against hand-computed values. No SimGrid: the simulated cases are in simulation_test.
#include <catch2/catch.hpp>

#include "topology/layout.hpp"
#include "topology/max_flow_bound.hpp"
#include "topology/platform_spec.hpp"
#include "workloads/scenario.hpp"

using namespace podsim;

namespace {
const std::filesystem::path kRoot = PODSIM_SOURCE_DIR;
}

TEST_CASE("the bundled three-site layout: 4 Design-1 pods over 3 sites, 1 EB in the object store", "[sites]") {
  auto l = load_layout(kRoot / "scenarios/designs/three-sites.yaml");
  REQUIRE(l.sites.size() == 3);
  CHECK(l.gpu_count() == 4 * 41472);
  CHECK(l.sites[0].design.cnode_count == 900);  // site A: two pods behind one spine layer
  CHECK(l.sites[1].design.dnode_count == 180);
  CHECK(l.sites[0].wan->bandwidth.gigabytes_per_second() == Approx(200));  // 16 x 100 Gb/s
  auto total = layout_totals(l);
  auto sites = site_facts(l);
  CHECK(total.usable.bytes() == Approx(4 * sites[1].usable.bytes()));
  CHECK(total.storage_racks == sites[0].storage_racks + 2 * sites[1].storage_racks);
  // Azure guidance: 2.5 Tb/s per 100 PB -> 25 Tb/s = 3.125 TB/s for 1 EB; 417 accounts of 60 Gb/s
  // (azure-blob-2024; the 2020 limits of 25 Gb/s needed 1000).
  REQUIRE(l.object_store);
  CHECK(l.object_store->accounts == 417);
  CHECK(l.object_store->ingress().terabytes_per_second() == Approx(3.125));
  // The WAN and store figures carry their sources (assumed ones say so).
  bool wan_assumed = false;
  for (const auto& s : l.sources) wan_assumed |= s.model == "wan-16x100g" && s.source.rfind("assumed", 0) == 0;
  CHECK(wan_assumed);
}

TEST_CASE("each site has its own spine and WAN link, and the object store is one shared intake", "[sites]") {
  auto l = load_layout(kRoot / "tests/data/two-sites-accounts.yaml");
  auto p = make_platform_spec(l);
  REQUIRE(p.sites.size() == 2);
  CHECK(p.sites[0].spine != p.sites[1].spine);
  CHECK(p.links[p.sites[1].wan].up.gigabytes_per_second() == Approx(2));
  CHECK(p.links[p.object_store].down.gigabytes_per_second() == Approx(1.5));  // 3 accounts x 0.5 GB/s
  CHECK(p.clients[1].site == 1);
  CHECK(p.client_leaves[p.clients[1].leaf].site == 1);
  CHECK(p.cnodes[1].name == "site-b-cnode-0");
}

TEST_CASE("drain bound: the least of the sites' WAN links and the store's intake", "[sites]") {
  // WAN 1 + 2 GB/s, store effectively unlimited: 3 GB/s. With 3 accounts of 0.5 GB/s: 1.5 GB/s.
  CHECK(max_flow_bound(make_platform_spec(load_layout(kRoot / "tests/data/two-sites-wan.yaml"))).drain
            .gigabytes_per_second() == Approx(3));
  CHECK(max_flow_bound(make_platform_spec(load_layout(kRoot / "tests/data/two-sites-accounts.yaml"))).drain
            .gigabytes_per_second() == Approx(1.5));
  // A lone design has no drain bound, and its write bound is unchanged by the per-site graph.
  auto one = max_flow_bound(make_platform_spec(single_site_layout(load_design(kRoot / "tests/data/ideal-site.yaml"))));
  CHECK(one.drain.bytes_per_second() == 0);
  CHECK(one.write.gigabytes_per_second() == Approx(1));
}

TEST_CASE("a drain of data already on the local tier is split by GPUs per site, then per C-node", "[sites]") {
  auto sc = load_scenario(kRoot / "scenarios/three-sites-drain.yaml");
  const auto& drain = sc.phases.at(0);
  REQUIRE(drain.kind == PhaseKind::object_store_drain);
  REQUIRE(drain.per_cnode.size() == 1800);
  // Site A: 2 of 4 pods -> 36 TB over 900 C-nodes; site B: 18 TB over 450. 40 GB per C-node either way.
  CHECK(drain.per_cnode.front().bytes() == Approx(40e9));
  CHECK(drain.per_cnode.back().bytes() == Approx(40e9));
  CHECK(drain.writer_count() == 1800);
  CHECK(drain.total.bytes() == Approx(72e12));
}
