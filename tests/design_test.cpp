#include <catch2/catch.hpp>

#include "topology/design_facts.hpp"
#include "topology/max_flow_bound.hpp"
#include "topology/profile.hpp"
#include "workloads/scenario.hpp"

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
  CHECK(p.storage_max.kilowatts() == Approx(450 * 0.8 + 180 * 1.6 + 13 * 2.4 + spine_split(d).storage * 2.4));
  CHECK(spine_split(d).storage + spine_split(d).client == d.spine_count);
}

TEST_CASE("max-flow bound equals the tightest tier of the design of record", "[design][bound]") {
  const auto& d = ncp_pod();
  auto b = max_flow_bound(make_platform_spec(d));
  // Write burst: D-node controllers, 180 x 30 GB/s / 1.25 = 4.32 TB/s, tighter than buffer SSDs (4.608).
  CHECK(b.write.terabytes_per_second() == Approx(4.32).epsilon(1e-6));
  // Read: D-node controllers, 180 x 60 GB/s = 10.8 TB/s.
  CHECK(b.read.terabytes_per_second() == Approx(10.8).epsilon(1e-6));
  // Destage through the C-nodes (vast-like): the media would allow 180 x 8 x 6.4 GB/s = 9.216 TB/s
  // (buffer reads), but each migrated user byte brings 150/146 B of capacity stripe back into its
  // enclosure: the controllers' writes bind at 180 x 30 GB/s x 146 / 150 = 5.256 TB/s.
  CHECK(b.destage.terabytes_per_second() == Approx(5.256).epsilon(1e-9));
  // Sustained writes: the controllers take 1.25 + 150/146 B per user byte: 5.4 / 2.2774 = 2.371 TB/s.
  CHECK(b.sustained.terabytes_per_second() == Approx(5.4 / (1.25 + 150.0 / 146)).epsilon(1e-6));
  for (const auto& c : line_rate_ceilings(d)) {
    CHECK(b.write <= c.write * (1 + 1e-9));
    CHECK(b.read <= c.read * (1 + 1e-9));
  }
}

namespace {
Design design_file(const char* rel) { return load_design(kRoot / rel); }
}  // namespace

TEST_CASE("Design 2 (Maverick 5400, 420:210): capacity and power by hand", "[design][design2]") {
  auto d = design_file("scenarios/designs/maverick-420.yaml");
  auto cap = capacity_facts(d);
  // 210 enclosures x 44 QLC x 122.88 TB = 1,135.41 PB raw; x 146/150 x 0.9 = 994.62 PB usable.
  CHECK(cap.raw.bytes() == Approx(210.0 * 44 * 122.88e12));
  CHECK(cap.usable.petabytes() == Approx(994.62).epsilon(1e-5));
  auto f = fabric_facts(d);
  // 420 x 2 x 200G + 210 x 4 x 400G = 504 Tb/s over 32 x 800G = 25.6 Tb/s of downlinks per leaf.
  CHECK(f.storage_leaves == 20);
  CHECK(d.spine_count == 51);  // (324 x 8 + 20 x 32) / 64 = 50.5
  auto p = power_facts(d);
  // The spine by side: storage leaves use 20 x 32 = 640 of the 3,232 uplink ports, so
  // ceil(51 x 640 / 3232) = 11 spine switches are storage's, 40 the compute fabric's.
  CHECK(spine_split(d).storage == 11);
  CHECK(spine_split(d).client == 40);
  CHECK(p.storage_typical.kilowatts() == Approx(420 * 0.55 + 210 * 2.0 + 20 * 1.5 + 11 * 1.5));  // 697.5
  CHECK(p.storage_max.kilowatts() == Approx(420 * 0.8 + 210 * 2.8 + 20 * 2.4 + 11 * 2.4));       // 998.4
  CHECK(p.client_fabric_typical.kilowatts() == Approx((324 + 40) * 1.5));
  auto racks = rack_layout(d);
  CHECK(storage_spine_rack_count(racks) >= 1);
  CHECK(client_fabric_rack_count(racks) >= 1);
  for (const auto& r : racks)  // a spine rack holds one side's switches only
    if (r.role != RackRole::storage)
      for (const auto& i : r.items) CHECK(i.kind == "spine");
  CHECK(d.claims.usable->low.bytes() == 1e18);
  CHECK(d.claims.racks->low == 30);
}

TEST_CASE("Design 2 minimum-compute ratio (105:210) keeps the capacity, drops C-nodes", "[design][design2]") {
  auto d = design_file("scenarios/designs/maverick-105.yaml");
  CHECK(d.cnode_count == 105);
  CHECK(capacity_facts(d).usable.petabytes() == Approx(994.62).epsilon(1e-5));
  CHECK(power_facts(d).storage_typical.kilowatts() ==
        Approx(105 * 0.55 + 210 * 2.0 + fabric_facts(d).storage_leaves * 1.5 + spine_split(d).storage * 1.5));
}

TEST_CASE("rack layout traced by hand: first fit on units and max power", "[design][racks]") {
  auto d = design_file("tests/data/rack-hand.yaml");
  auto racks = rack_layout(d);
  // Interleaved order: leaf, d0, cbox(c0..c3), d1, d2, d3, d4, d5. With 10 kW racks:
  // rack 1 = leaf 2.4 + d0 2.8 + cbox 3.2 = 8.4 kW (d1 would make 11.2); rack 2 = d1 d2 d3 = 8.4;
  // rack 3 = d4 d5 = 5.6. The spine switch gets a network rack of its own, counted as storage (below).
  REQUIRE(racks.size() == 4);
  CHECK(storage_rack_count(racks) == 4);
  CHECK(storage_spine_rack_count(racks) == 1);
  CHECK(racks[0].items.size() == 3);
  CHECK(racks[0].max.kilowatts() == Approx(8.4));
  CHECK(racks[0].used_units == 6);
  CHECK(racks[1].max.kilowatts() == Approx(8.4));
  CHECK(racks[2].max.kilowatts() == Approx(5.6));
  // One spine switch: the storage leaf uses 32 of the 40 uplink ports, so it is the storage side's.
  CHECK(racks.back().role == RackRole::storage_spine);
}

TEST_CASE("claims parse as values or ranges with their sources", "[design][claims]") {
  const auto& c = ncp_pod().claims;
  REQUIRE(c.write);
  CHECK(c.write->low.terabytes_per_second() == Approx(4));
  CHECK(c.write->high.terabytes_per_second() == Approx(5));
  CHECK(c.write->is_range());
  CHECK(!c.read->is_range());
  CHECK(c.usable->low.petabytes() == Approx(215));
  CHECK(c.read->source.find("meeting notes") == 0);
}

TEST_CASE("design-level assumed figures join the source ledger", "[design][claims]") {
  bool reserve = false;
  for (const auto& s : ncp_pod().sources)
    if (s.field.find("reserve") != std::string::npos) reserve = s.source.rfind("assumed", 0) == 0;
  CHECK(reserve);
}

TEST_CASE("scale-out by pods multiplies every count and shares one spine layer", "[design][scale]") {
  auto d = design_file("tests/data/scale-pods.yaml");
  CHECK(d.client_count == 3 * 512);
  CHECK(d.cnode_count == 75);
  CHECK(d.dnode_count == 30);
  CHECK(d.scale_out.pods == 3);
  // 48 client leaves x 8 + storage leaves x 32 uplinks, on one spine layer.
  auto f = fabric_facts(d);
  CHECK(f.client_leaves == 48);
  CHECK(d.spine_count == (48 * 8 + f.storage_leaves * 32 + 63) / 64);
}

TEST_CASE("scale-out to a capacity adds enclosures at the block's C:D ratio", "[design][scale]") {
  auto d = design_file("tests/data/scale-usable.yaml");
  // Usable per dbox-1350: 22 x 61.44 TB x 146/150 x 0.9 = 1.18405 PB; 1 EB / that = 844.6 -> 845.
  CHECK(d.dnode_count == 845);
  CHECK(d.cnode_count == 2113);  // 2.5 x 845 = 2112.5, rounded
  CHECK(d.client_count == 10368);
  CHECK(capacity_facts(d).usable.bytes() >= 1e18);
  CHECK(d.scale_out.factor == Approx(845.0 / 180));
}

TEST_CASE("a design may override a node model's NICs, with its own source in the ledger", "[design]") {
  auto d = load_design(kRoot / "tests/data/ncp-pod-nic-override.yaml");
  // dbox-1350: 2 x (2 x 200 GbE) in the catalog; here 1 x (2 x 400 GbE): same line rate, half the ports.
  CHECK(d.dnode.ports() == 2);
  CHECK(d.dnode.nic.port_speed.gigabits_per_second() == Approx(400));
  CHECK(d.dnode.write_bandwidth().bytes_per_second() == Approx(ncp_pod().dnode.write_bandwidth().bytes_per_second()));
  bool recorded = false;
  for (const auto& s : d.sources) recorded |= s.model == "design dbox-1350" && s.source.rfind("what-if", 0) == 0;
  CHECK(recorded);
}

TEST_CASE("protection across servers: copies, strips and a fitted figure, in the facts and the knob", "[design][servers]") {
  const Scenario rep = load_scenario(kRoot / "tests/data/servers-replicas.yaml");
  const Design& d = rep.design();
  // 3 copies sent on by the server: each user byte into servers' NICs 3 times, out of them twice.
  CHECK(d.protection.across_servers() == Approx(3));
  CHECK(d.protection.server_nic_in() == Approx(3));
  CHECK(d.protection.server_nic_out() == Approx(2));
  CHECK(d.protection.client_nic_out() == Approx(1));
  // 4 servers x 10 drives x 4 TB, stored 3 times.
  CHECK(capacity_facts(d).usable.bytes() == Approx(160e12 / 3));
  bool nics = false;
  for (const auto& c : line_rate_ceilings(d))
    if (c.resource == "server NICs") {
      nics = true;
      CHECK(c.write.gigabytes_per_second() == Approx(50.0 / 3));  // min(in / 3, out / 2)
      CHECK(c.read.gigabytes_per_second() == Approx(50));          // a read takes one copy
    }
  CHECK(nics);
  // Client-side erasure coding 2 + 1: the client sends 1.5 bytes per user byte, the server none on.
  const Scenario ec_scenario = load_scenario(kRoot / "tests/data/servers-client-ec.yaml");
  const Design& ec = ec_scenario.design();  // the scenario holds it
  CHECK(ec.protection.across_servers() == Approx(1.5));
  CHECK(ec.protection.own_share == Approx(0.5));
  CHECK(ec.protection.server_nic_in() == Approx(1.5));
  CHECK(ec.protection.server_nic_out() == Approx(0));
  CHECK(ec.protection.client_nic_out() == Approx(1.5));
  // The fitted knob: a continuous figure as whole copies plus a fraction, never more than the servers.
  Design k = d;
  CHECK(knob_value_in(k, "across_servers.lustre.write") == Approx(3));  // the design's class
  set_knob(k, "across_servers.lustre.write", 1.6);
  CHECK(k.protection.across_servers() == Approx(1.6));
  CHECK(k.protection.peers == 1);
  set_knob(k, "across_servers.any.write", 2.5);
  CHECK(k.protection.peers == 2);
  CHECK(k.protection.peer_share == Approx(0.75));
  set_knob(k, "across_servers.any.write", 4.0);
  CHECK(k.protection.across_servers() == Approx(4));  // 4 servers: at most one whole copy on each
  set_knob(k, "across_servers.cephfs.write", 1.0);      // another class: untouched
  CHECK(k.protection.across_servers() == Approx(4));
}
