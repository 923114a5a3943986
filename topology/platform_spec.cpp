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
    case ResourceClass::wan: return "wan";
    case ResourceClass::object_store: return "object_store";
    case ResourceClass::copy_host_nic: return "copy_host_nic";
    case ResourceClass::copy_host_cpu: return "copy_host_cpu";
    case ResourceClass::request_round_trip: return "request_round_trip";
  }
  return "?";
}

namespace {

class SpecBuilder {
 public:
  explicit SpecBuilder(PlatformSpec& p) : p_(p) {}
  int add(std::string name, ResourceClass cls, Bandwidth bw, Duration lat, int members = 1) {
    p_.links.push_back({std::move(name), cls, bw, bw, lat, members});
    return static_cast<int>(p_.links.size() - 1);
  }

  /** Appends one site's fabric and nodes; `prefix` keeps names unique across sites. */
  void add_site(const Site& site, const std::string& prefix) {
    const Design& d = site.design;
    const int s = static_cast<int>(p_.sites.size());
    PlatformSpec::Site out;
    out.name = site.name;
    out.protection = d.protection;
    out.spine = add(prefix + "spine", ResourceClass::spine, d.spine.capacity() * d.spine_count, Duration(),
                    d.spine_count);
    if (site.wan) out.wan = add(prefix + "wan", ResourceClass::wan, site.wan->bandwidth, site.wan->latency);
    auto facts = fabric_facts(d);
    const int cleaf0 = static_cast<int>(p_.client_leaves.size());
    const int sleaf0 = static_cast<int>(p_.storage_leaves.size());
    const auto& cf = d.client_fabric;
    for (int l = 0; l < facts.client_leaves; ++l) {
      auto name = prefix + "cleaf-" + std::to_string(l);
      p_.client_leaves.push_back({name, add(name + "-uplink", ResourceClass::client_leaf_uplink,
                                            cf.leaf.port_speed * double(cf.uplinks_per_leaf), d.spine.latency,
                                            cf.uplinks_per_leaf), s});
    }
    const auto& sf = d.storage_fabric;
    for (int l = 0; l < facts.storage_leaves; ++l) {
      auto name = prefix + "sleaf-" + std::to_string(l);
      p_.storage_leaves.push_back({name, add(name + "-uplink", ResourceClass::storage_leaf_uplink,
                                             sf.leaf.port_speed * double(sf.uplinks_per_leaf), d.spine.latency,
                                             sf.uplinks_per_leaf), s});
    }
    out.clients = {static_cast<int>(p_.clients.size()), d.client_count};
    for (int i = 0; i < d.client_count; ++i) {
      auto name = prefix + "client-" + std::to_string(i);
      p_.clients.push_back({name, cleaf0 + i / cf.nodes_per_leaf,
                            add(name + "-nic", ResourceClass::client_nic, d.client.link_write(), cf.leaf.latency,
                                d.client.ports()), s, d.client.stream_limit_write.bytes_per_second(),
                            d.client.stream_limit_read.bytes_per_second()});
      p_.links[p_.clients.back().nic].down = d.client.link_read();
    }
    auto leaves = assign_storage_leaves(d);
    out.cnodes = {static_cast<int>(p_.cnodes.size()), d.cnode_count};
    for (int i = 0; i < d.cnode_count; ++i) {
      // A server is named as one (its NICs and CPU are the C-node here, its drives the enclosure).
      auto name = prefix + (d.internal_drives ? "server-" : "cnode-") + std::to_string(i);
      // A storage node's port: `down` carries bytes arriving (writes), `up` bytes leaving (reads).
      p_.cnodes.push_back({name, sleaf0 + leaves.cnode_leaf[i],
                           add(name + "-port", ResourceClass::cnode_port, d.cnode.read_bandwidth(), sf.leaf.latency, d.cnode.ports()), s,
                           d.cnode.cores, d.cnode.clock, d.cnode.write_cycles_per_byte, d.cnode.read_cycles_per_byte,
                           d.cnode.migrate_cycles_per_byte, d.cnode.stream_limit.bytes_per_second(),
                           d.internal_drives ? static_cast<int>(p_.dnodes.size()) + i : -1});
      p_.links[p_.cnodes.back().port].down = d.cnode.write_bandwidth();
    }
    out.dnodes = {static_cast<int>(p_.dnodes.size()), d.dnode_count};
    for (int i = 0; i < d.dnode_count; ++i) {
      PlatformSpec::DNode n;
      n.name = prefix + (d.internal_drives ? "server-" + std::to_string(i) + "-drives" : "dnode-" + std::to_string(i));
      n.leaf = sleaf0 + leaves.dnode_leaf[i];
      n.site = s;
      n.port = add(n.name + (d.internal_drives ? "-internal" : "-port"), ResourceClass::dnode_port,
                   d.dnode.read_bandwidth(), d.internal_drives ? Duration() : sf.leaf.latency, d.dnode.ports());
      p_.links[n.port].down = d.dnode.write_bandwidth();
      n.controller = add(n.name + "-controller", ResourceClass::dnode_controller, Bandwidth(), Duration());
      p_.links[n.controller].up = d.dnode.controller_read;
      p_.links[n.controller].down = d.dnode.controller_write;
      n.buffer_read = d.dnode.buffer_ssd.read * double(d.dnode.buffer_ssd_count);
      n.buffer_write = d.dnode.buffer_ssd.write * double(d.dnode.buffer_ssd_count);
      n.buffer_capacity = d.dnode.buffer_capacity();
      n.capacity_read = d.dnode.capacity_ssd.read * double(d.dnode.capacity_ssd_count);
      n.capacity_write = d.dnode.capacity_ssd.write * double(d.dnode.capacity_ssd_count);
      n.destage_unit = d.dnode.destage_unit;
      n.destage_streams = d.dnode.destage_streams;
      n.migration = d.dnode.migration;
      p_.dnodes.push_back(n);
    }
    p_.sites.push_back(out);
  }

 private:
  PlatformSpec& p_;
};

}  // namespace

PlatformSpec make_platform_spec(const Layout& layout) {
  PlatformSpec p;
  SpecBuilder b(p);
  const bool prefixed = layout.sites.size() > 1;
  for (const auto& site : layout.sites) b.add_site(site, prefixed ? site.name + "-" : "");
  if (layout.object_store) {
    p.object_store = b.add("object-store", ResourceClass::object_store, Bandwidth(), Duration());
    p.links[p.object_store].up = layout.object_store->egress();
    p.links[p.object_store].down = layout.object_store->ingress();
  }
  return p;
}

PlatformSpec make_platform_spec(const Layout& layout, int copy_hosts_per_site) {
  PlatformSpec p = make_platform_spec(layout);
  if (copy_hosts_per_site <= 0 || !layout.copy_host) return p;
  const auto& m = *layout.copy_host;
  SpecBuilder b(p);
  const bool prefixed = layout.sites.size() > 1;
  for (size_t s = 0; s < p.sites.size(); ++s) {
    auto& site = p.sites[s];
    site.copy_hosts = {static_cast<int>(p.copy_hosts.size()), copy_hosts_per_site};
    for (int i = 0; i < copy_hosts_per_site; ++i) {
      auto name = (prefixed ? site.name + "-" : std::string()) + "copyhost-" + std::to_string(i);
      const int nic = b.add(name + "-nic", ResourceClass::copy_host_nic, m.bandwidth(), Duration(), m.nic.ports * m.nic_count);
      p.copy_hosts.push_back({name, nic, static_cast<int>(s), m.cores, m.clock, m.upload_cycles_per_byte,
                              m.download_cycles_per_byte});
    }
  }
  return p;
}

PlatformSpec make_platform_spec(const Design& d) { return make_platform_spec(single_site_layout(d)); }

}  // namespace podsim
