#include "topology/design_facts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace podsim {

int breakout_lanes(const SwitchModel& sw, Bandwidth node_port_speed) {
  double ratio = sw.port_speed / node_port_speed;
  double lanes = std::round(ratio);
  if (lanes < 1 || std::abs(ratio - lanes) > 1e-9) return 0;
  return static_cast<int>(lanes);
}

namespace {

/** C-nodes and D-nodes interleaved in proportion (Bresenham), so every leaf and rack gets a mix. */
std::vector<std::pair<char, int>> interleaved_nodes(const Design& d) {
  std::vector<std::pair<char, int>> out;
  int c = 0, k = 0;
  while (c < d.cnode_count || k < d.dnode_count) {
    bool take_c = k >= d.dnode_count ||
                  (c < d.cnode_count && double(c + 1) / d.cnode_count <= double(k + 1) / d.dnode_count);
    out.emplace_back(take_c ? 'c' : 'd', take_c ? c++ : k++);
  }
  return out;
}

Bandwidth storage_leaf_downlink(const Design& d) {
  const auto& t = d.storage_fabric;
  return t.leaf.port_speed * double(t.leaf.ports - t.uplinks_per_leaf);
}

}  // namespace

StorageLeafAssignment assign_storage_leaves(const Design& d) {
  StorageLeafAssignment a;
  a.cnode_leaf.resize(d.cnode_count);
  a.dnode_leaf.resize(d.dnode_count);
  const Bandwidth cap = storage_leaf_downlink(d);
  const Bandwidth c_bw = d.cnode.nic.port_speed * double(d.cnode.ports());
  // A server's own drives sit behind an internal link: no leaf port.
  const Bandwidth d_bw = d.internal_drives ? Bandwidth() : d.dnode.nic.port_speed * double(d.dnode.ports());
  int leaf = 0;
  Bandwidth used;
  for (auto [kind, i] : interleaved_nodes(d)) {
    Bandwidth need = kind == 'c' ? c_bw : d_bw;
    if (used + need > cap * (1 + 1e-12) && used.bytes_per_second() > 0) {
      ++leaf;
      used = Bandwidth();
    }
    used += need;
    (kind == 'c' ? a.cnode_leaf : a.dnode_leaf)[i] = leaf;
  }
  if (d.internal_drives) a.dnode_leaf = a.cnode_leaf;  // server i's drives are in server i
  return a;
}

FabricFacts fabric_facts(const Design& d) {
  FabricFacts f;
  const auto& cf = d.client_fabric;
  f.client_leaves = (d.client_count + cf.nodes_per_leaf - 1) / cf.nodes_per_leaf;
  auto a = assign_storage_leaves(d);
  int last = 0;
  for (int l : a.cnode_leaf) last = std::max(last, l);
  for (int l : a.dnode_leaf) last = std::max(last, l);
  f.storage_leaves = last + 1;
  f.spine_ports_needed = f.client_leaves * cf.uplinks_per_leaf + f.storage_leaves * d.storage_fabric.uplinks_per_leaf;
  Bandwidth client_down = d.client.nic.port_speed * double(cf.nodes_per_leaf * d.client.ports());
  f.client_oversubscription = client_down / (cf.leaf.port_speed * double(cf.uplinks_per_leaf));
  Bandwidth storage_down = d.cnode.nic.port_speed * double(d.cnode_count * d.cnode.ports());
  if (!d.internal_drives) storage_down += d.dnode.nic.port_speed * double(d.dnode_count * d.dnode.ports());
  f.storage_oversubscription = (storage_down / double(f.storage_leaves)) /
                               (d.storage_fabric.leaf.port_speed * double(d.storage_fabric.uplinks_per_leaf));
  return f;
}

CapacityFacts capacity_facts(const Design& d) {
  CapacityFacts c;
  c.raw = d.dnode.raw_capacity() * d.dnode_count;
  c.after_ec = c.raw * (double(d.protection.capacity_data) /
                        (d.protection.capacity_data + d.protection.capacity_parity)) /
               d.protection.across_servers();  // copies or strips across servers store it again
  c.usable = c.after_ec * (1 - d.protection.reserve);
  c.write_buffer = d.dnode.buffer_capacity() * d.dnode_count;
  return c;
}

std::vector<Rack> rack_layout(const Design& d, PackingPower by) {
  std::vector<RackItem> items;
  auto leaves = assign_storage_leaves(d);
  int next_leaf = 0;
  auto place_leaf_up_to = [&](int leaf) {
    for (; next_leaf <= leaf; ++next_leaf)
      items.push_back({"storage-leaf", "sleaf-" + std::to_string(next_leaf), 0, d.storage_fabric.leaf.rack_units,
                       d.storage_fabric.leaf.typical_power, d.storage_fabric.leaf.max_power});
  };
  for (auto [kind, i] : interleaved_nodes(d)) {
    if (kind == 'c') {
      place_leaf_up_to(leaves.cnode_leaf[i]);
      if (i % d.cnode.nodes_per_chassis != 0) continue;  // the chassis was placed with its first node
      int nodes = std::min(d.cnode.nodes_per_chassis, d.cnode_count - i);
      if (d.internal_drives)  // a server (or appliance), its drives inside
        items.push_back({"server", "server-" + std::to_string(i), 0, d.cnode.chassis_rack_units,
                         d.cnode.typical_power * nodes, d.cnode.max_power * nodes});
      else
        items.push_back({"cnode-chassis", "cbox-" + std::to_string(i / d.cnode.nodes_per_chassis), 0,
                         d.cnode.chassis_rack_units, d.cnode.typical_power * nodes, d.cnode.max_power * nodes});
    } else if (!d.internal_drives) {  // a server's drives are inside its chassis
      place_leaf_up_to(leaves.dnode_leaf[i]);
      items.push_back({"dnode", "dbox-" + std::to_string(i), 0, d.dnode.rack_units, d.dnode.typical_power,
                       d.dnode.max_power});
    }
  }
  for (int s = 0; s < d.spine_count; ++s)
    items.push_back({"spine", "spine-" + std::to_string(s), 0, d.spine.rack_units, d.spine.typical_power,
                     d.spine.max_power});
  const int storage_spines = spine_split(d).storage;  // spine-0 .. spine-(n-1) are the storage side's

  // Greedy first fit in order: a new rack when the units or the power budget would overflow.
  std::vector<Rack> racks;
  const bool typical = by == PackingPower::typical;
  int spines_placed = 0;
  for (auto item : items) {
    RackRole role = item.kind != "spine"                  ? RackRole::storage
                    : spines_placed++ < storage_spines ? RackRole::storage_spine
                                                          : RackRole::client_spine;
    bool fits = !racks.empty() && racks.back().used_units + item.units <= d.rack.rack_units &&
                (typical ? racks.back().typical + item.typical : racks.back().max + item.max) <= d.rack.power_budget &&
                racks.back().role == role;  // spine switches get racks of their own, one side per rack
    const char* prefix = role == RackRole::storage ? "stor-" : role == RackRole::storage_spine ? "net-" : "fab-";
    if (!fits) racks.push_back({prefix + std::to_string(racks.size() + 1), {}, {}, {}, 0, role});
    auto& r = racks.back();
    item.first_unit = r.used_units + 1;
    r.used_units += item.units;
    r.typical += item.typical;
    r.max += item.max;
    r.items.push_back(item);
  }
  return racks;
}

SpineSplit spine_split(const Design& d) {
  auto f = fabric_facts(d);
  const long long storage_ports = static_cast<long long>(f.storage_leaves) * d.storage_fabric.uplinks_per_leaf;
  const long long all_ports = static_cast<long long>(f.spine_ports_needed);
  SpineSplit s;
  s.storage = all_ports <= 0 ? d.spine_count
                             : static_cast<int>(std::min<long long>(
                                   d.spine_count, (static_cast<long long>(d.spine_count) * storage_ports + all_ports - 1) / all_ports));
  s.client = d.spine_count - s.storage;
  return s;
}

namespace {
int racks_in(const std::vector<Rack>& layout, std::initializer_list<RackRole> roles) {
  return static_cast<int>(std::count_if(layout.begin(), layout.end(), [&](const Rack& r) {
    return std::find(roles.begin(), roles.end(), r.role) != roles.end();
  }));
}
}  // namespace

int storage_rack_count(const std::vector<Rack>& layout) {
  return racks_in(layout, {RackRole::storage, RackRole::storage_spine});
}
int storage_spine_rack_count(const std::vector<Rack>& layout) { return racks_in(layout, {RackRole::storage_spine}); }
int client_fabric_rack_count(const std::vector<Rack>& layout) { return racks_in(layout, {RackRole::client_spine}); }

PowerFacts power_facts(const Design& d) {
  PowerFacts p;
  auto f = fabric_facts(d);
  auto spines = spine_split(d);
  p.storage_typical = d.cnode.typical_power * d.cnode_count + d.dnode.typical_power * d.dnode_count +
                      d.storage_fabric.leaf.typical_power * f.storage_leaves + d.spine.typical_power * spines.storage;
  p.storage_max = d.cnode.max_power * d.cnode_count + d.dnode.max_power * d.dnode_count +
                  d.storage_fabric.leaf.max_power * f.storage_leaves + d.spine.max_power * spines.storage;
  p.client_fabric_typical = d.client_fabric.leaf.typical_power * f.client_leaves + d.spine.typical_power * spines.client;
  p.client_fabric_max = d.client_fabric.leaf.max_power * f.client_leaves + d.spine.max_power * spines.client;
  return p;
}

std::vector<Ceiling> line_rate_ceilings(const Design& d) {
  auto f = fabric_facts(d);
  const double amp = d.protection.buffer_amplification();
  std::vector<Ceiling> out;
  auto both = [&](std::string name, Bandwidth bw) { out.push_back({std::move(name), bw, bw}); };
  // Protection across servers: per user byte, servers' NICs take server_nic_in() bytes (the chunk, then
  // its peers' parts), the taking server's NICs send server_nic_out() on, a client sending every part
  // sends client_nic_out(); every part stored is written (`across`).
  const auto& pr = d.protection;
  const double across = pr.across_servers();
  out.push_back({"client NICs", d.client.link_write() * d.client_count / pr.client_nic_out(), d.client.link_read() * d.client_count});
  both("client leaf uplinks", d.client_fabric.leaf.port_speed * double(f.client_leaves * d.client_fabric.uplinks_per_leaf));
  both("spine", d.spine.capacity() * d.spine_count);
  both("storage leaf uplinks",
       d.storage_fabric.leaf.port_speed * double(f.storage_leaves * d.storage_fabric.uplinks_per_leaf));
  const Bandwidth cports_in = d.cnode.write_bandwidth() * d.cnode_count;
  const Bandwidth cports_out = d.cnode.read_bandwidth() * d.cnode_count;
  // A server's drives are internal: its ports carry user bytes, and the parts it takes from or sends to
  // its peers (protection across servers).
  const Bandwidth server_write =
      pr.server_nic_out() > 0 ? std::min(cports_in / pr.server_nic_in(), cports_out / pr.server_nic_out()) : cports_in / pr.server_nic_in();
  out.push_back({d.internal_drives ? "server NICs" : "C-node ports",
                 d.internal_drives ? server_write : std::min(cports_in, cports_out / amp), cports_out});
  Bandwidth cycles = Bandwidth::from_bytes_per_second(d.cnode.clock.hertz() * d.cnode.cores * d.cnode_count);
  auto per_byte = [&](double cpb) {
    return cpb > 0 ? cycles / cpb : Bandwidth::from_bytes_per_second(std::numeric_limits<double>::infinity());
  };
  out.push_back({d.internal_drives ? "server CPU" : "C-node CPU", per_byte(d.cnode.write_cycles_per_byte),
                 per_byte(d.cnode.read_cycles_per_byte)});
  const Bandwidth not_on_path = Bandwidth::from_bytes_per_second(std::numeric_limits<double>::infinity());
  if (d.internal_drives) {
    // A server in its own words: its cap when its model sets one ("none" otherwise, never the
    // internal link's stand-in figure), and its drives, written and read directly (no buffer tier).
    if (d.server.has_cap())
      out.push_back({"server caps", d.dnode.controller_write * d.dnode_count / (amp * across), d.dnode.controller_read * d.dnode_count});
    else
      out.push_back({"server caps: none set", not_on_path, not_on_path});
    out.push_back({"internal drives", d.dnode.buffer_ssd.write * double(d.dnode.buffer_ssd_count * d.dnode_count) / (amp * across),
                   d.dnode.capacity_ssd.read * double(d.dnode.capacity_ssd_count * d.dnode_count)});
    return out;
  }
  out.push_back({"D-node ports", d.dnode.write_bandwidth() * d.dnode_count / amp, d.dnode.read_bandwidth() * d.dnode_count});
  out.push_back({"D-node controllers", d.dnode.controller_write * d.dnode_count / amp, d.dnode.controller_read * d.dnode_count});
  // Client reads come from the capacity tier: the buffer is not on the read path.
  out.push_back({"write-buffer SSDs", d.dnode.buffer_ssd.write * double(d.dnode.buffer_ssd_count * d.dnode_count) / amp,
                 not_on_path});
  out.push_back({"capacity SSDs (destage)",
                 d.dnode.capacity_ssd.write * double(d.dnode.capacity_ssd_count * d.dnode_count) /
                     d.protection.capacity_amplification(),
                 d.dnode.capacity_ssd.read * double(d.dnode.capacity_ssd_count * d.dnode_count)});
  return out;
}

}  // namespace podsim
