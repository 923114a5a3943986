#include <catch2/catch.hpp>

#include "topology/design_facts.hpp"
#include "topology/max_flow_bound.hpp"

using namespace podsim;

namespace {
const std::filesystem::path kRoot = PODSIM_SOURCE_DIR;
const Design& ncp_pod() {
  static const Design d = load_design(kRoot / "scenarios/designs/ncp-pod.yaml");
  return d;
}
}  // namespace

TEST_CASE("the design of record loads with its counts", "[design]") {
  const auto& d = ncp_pod();
  CHECK(d.gpu_count() == 41472);
  CHECK(d.cnode_count == 450);
  CHECK(d.dnode_count == 180);
  CHECK(d.client.ports() == 4);
  CHECK(d.client.nic.port_speed.bytes_per_second() == 25e9);
  CHECK(d.protection.buffer_amplification() == Approx(1.25));
}

TEST_CASE("usable capacity is derived from the SSDs, the EC stripe and the reserve", "[design]") {
  auto cap = capacity_facts(ncp_pod());
  const double raw = 180.0 * 22 * 61.44e12;
  CHECK(cap.raw.bytes() == Approx(raw));
  CHECK(cap.usable.bytes() == Approx(raw * 146.0 / 150.0 * 0.9));
  CHECK(cap.usable.petabytes() == Approx(213.13).epsilon(1e-4));  // the claim is ~215 PB
  CHECK(cap.write_buffer.bytes() == Approx(180.0 * 8 * 800e9));
}

TEST_CASE("fabric facts follow from ports, breakout and uplinks", "[design]") {
  auto f = fabric_facts(ncp_pod());
  CHECK(f.client_leaves == 324);  // 10368 trays / 32 per leaf
  CHECK(f.client_oversubscription == Approx(4.0));  // 32 x 4 x 200G down / 8 x 800G up
  // Storage: 450 x 2 + 180 x 4 = 1620 lanes of 200G; 32 downlinks x 4 lanes = 128 lanes per leaf.
  CHECK(f.storage_leaves == 13);
  CHECK(f.spine_ports_needed == 324 * 8 + 13 * 32);
  CHECK(breakout_lanes(ncp_pod().storage_fabric.leaf, Gbps(200)) == 4);
  CHECK(breakout_lanes(ncp_pod().storage_fabric.leaf, Gbps(300)) == 0);
}

TEST_CASE("racks respect rack units and the power budget", "[design]") {
  const auto& d = ncp_pod();
  auto racks = rack_layout(d);
  int dnodes = 0, chassis = 0;
  for (const auto& r : racks) {
    CHECK(r.used_units <= d.rack.rack_units);
    CHECK(r.max <= d.rack.power_budget);
    for (const auto& i : r.items) {
      dnodes += i.kind == "dnode";
      chassis += i.kind == "cnode-chassis";
    }
  }
  CHECK(dnodes == 180);
  CHECK(chassis == 113);  // ceil(450 / 4)
  auto p = power_facts(d);
  CHECK(p.storage_max.kilowatts() == Approx(450 * 0.8 + 180 * 1.6 + 13 * 2.4 + d.spine_count * 2.4));
}

TEST_CASE("max-flow bound equals the tightest tier of the design of record", "[design][bound]") {
  const auto& d = ncp_pod();
  auto b = max_flow_bound(make_platform_spec(d));
  // Write burst: D-node controllers, 180 x 30 GB/s / 1.25 = 4.32 TB/s, tighter than buffer SSDs (4.608).
  CHECK(b.write.terabytes_per_second() == Approx(4.32).epsilon(1e-6));
  // Read: D-node controllers, 180 x 60 GB/s = 10.8 TB/s.
  CHECK(b.read.terabytes_per_second() == Approx(10.8).epsilon(1e-6));
  // Destage: reading the buffer SSDs, 180 x 8 x 6.4 GB/s = 9.216 TB/s, binds before the capacity
  // SSDs' writes of the 146+4 stripes (180 x 22 x 3.3 GB/s x 146 / 150 = 12.72 TB/s).
  CHECK(b.destage.terabytes_per_second() == Approx(9.216).epsilon(1e-9));
  for (const auto& c : line_rate_ceilings(d)) {
    CHECK(b.write <= c.write * (1 + 1e-9));
    CHECK(b.read <= c.read * (1 + 1e-9));
  }
}
