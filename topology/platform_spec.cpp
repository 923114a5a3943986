#include "topology/platform_spec.hpp"

#include "topology/design_facts.hpp"

namespace podsim {

const char* to_string(ResourceClass c) {
  switch (c) {
    case ResourceClass::client_nic: return "client_nic";
    case ResourceClass::client_leaf_uplink: return "client_leaf_uplink";
    case ResourceClass::spine: return "spine";
    case ResourceClass::storage_leaf_uplink: return "storage_leaf_uplink";
    case ResourceClass::cnode_port: return "cnode_port";
    case ResourceClass::cnode_cpu: return "cnode_cpu";
    case ResourceClass::dnode_port: return "dnode_port";
    case ResourceClass::dnode_controller: return "dnode_controller";
    case ResourceClass::buffer_ssd: return "buffer_ssd";
    case ResourceClass::capacity_ssd: return "capacity_ssd";
  }
  return "?";
}

PlatformSpec make_platform_spec(const Design& d) {
  PlatformSpec p;
  p.protection = d.protection;
  auto facts = fabric_facts(d);
  auto add = [&](std::string name, ResourceClass cls, Bandwidth bw, Duration lat) {
    p.links.push_back({std::move(name), cls, bw, bw, lat});
    return static_cast<int>(p.links.size() - 1);
  };
  p.spine = add("spine", ResourceClass::spine, d.spine.capacity() * d.spine_count, Duration());
  const auto& cf = d.client_fabric;
  for (int l = 0; l < facts.client_leaves; ++l) {
    auto name = "cleaf-" + std::to_string(l);
    p.client_leaves.push_back({name, add(name + "-uplink", ResourceClass::client_leaf_uplink,
                                         cf.leaf.port_speed * double(cf.uplinks_per_leaf), d.spine.latency)});
  }
  const auto& sf = d.storage_fabric;
  for (int l = 0; l < facts.storage_leaves; ++l) {
    auto name = "sleaf-" + std::to_string(l);
    p.storage_leaves.push_back({name, add(name + "-uplink", ResourceClass::storage_leaf_uplink,
                                          sf.leaf.port_speed * double(sf.uplinks_per_leaf), d.spine.latency)});
  }
  for (int i = 0; i < d.client_count; ++i) {
    auto name = "client-" + std::to_string(i);
    p.clients.push_back({name, i / cf.nodes_per_leaf,
                         add(name + "-nic", ResourceClass::client_nic, d.client.bandwidth(), cf.leaf.latency)});
  }
  auto leaves = assign_storage_leaves(d);
  for (int i = 0; i < d.cnode_count; ++i) {
    auto name = "cnode-" + std::to_string(i);
    p.cnodes.push_back({name, leaves.cnode_leaf[i],
                        add(name + "-port", ResourceClass::cnode_port, d.cnode.bandwidth(), sf.leaf.latency),
                        d.cnode.cores, d.cnode.clock, d.cnode.write_cycles_per_byte, d.cnode.read_cycles_per_byte});
  }
  for (int i = 0; i < d.dnode_count; ++i) {
    auto name = "dnode-" + std::to_string(i);
    PlatformSpec::DNode n;
    n.name = name;
    n.leaf = leaves.dnode_leaf[i];
    n.port = add(name + "-port", ResourceClass::dnode_port, d.dnode.bandwidth(), sf.leaf.latency);
    n.controller = add(name + "-controller", ResourceClass::dnode_controller, Bandwidth(), Duration());
    p.links[n.controller].up = d.dnode.controller_read;
    p.links[n.controller].down = d.dnode.controller_write;
    n.buffer_read = d.dnode.buffer_ssd.read * double(d.dnode.buffer_ssd_count);
    n.buffer_write = d.dnode.buffer_ssd.write * double(d.dnode.buffer_ssd_count);
    n.buffer_capacity = d.dnode.buffer_capacity();
    n.capacity_read = d.dnode.capacity_ssd.read * double(d.dnode.capacity_ssd_count);
    n.capacity_write = d.dnode.capacity_ssd.write * double(d.dnode.capacity_ssd_count);
    n.destage_unit = d.dnode.destage_unit;
    n.destage_streams = d.dnode.destage_streams;
    p.dnodes.push_back(n);
  }
  return p;
}

}  // namespace podsim
