#include "topology/max_flow_bound.hpp"

#include <algorithm>
#include <limits>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <algorithm>
#include <cmath>

namespace podsim {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
// Integer capacities (MB/s): push-relabel checks its flow exactly (Boost asserts is_flow() when
// NDEBUG is off), which floating-point capacities fail on rounding alone.
using Capacity = long long;
using Graph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, Capacity,
                    boost::property<boost::edge_residual_capacity_t, Capacity,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;

constexpr double kUnbounded = 1e9;  // GB/s: an exabyte per second stands for "no limit"
constexpr double kUnitsPerGBps = 1e3;  // capacities in MB/s

/** A flow network; capacities given in GB/s, kept as whole MB/s. */
class FlowNet {
 public:
  int node() { return static_cast<int>(boost::add_vertex(g_)); }
  void edge(int from, int to, Bandwidth cap) { edge(from, to, cap.gigabytes_per_second()); }
  void edge(int from, int to, double cap_gbps) {
    auto cap = boost::get(boost::edge_capacity, g_);
    auto rev = boost::get(boost::edge_reverse, g_);
    auto e = boost::add_edge(from, to, g_).first;
    auto r = boost::add_edge(to, from, g_).first;
    cap[e] = std::llround(std::min(cap_gbps, kUnbounded) * kUnitsPerGBps);
    cap[r] = 0;
    rev[e] = r;
    rev[r] = e;
  }
  Bandwidth max_flow(int s, int t) {
    const Capacity f = boost::push_relabel_max_flow(g_, s, t);
    return GBps(static_cast<double>(f) / kUnitsPerGBps);
  }

 private:
  Graph g_;
};

double cpu_gbps(const PlatformSpec::CNode& c, double cycles_per_byte) {
  if (cycles_per_byte <= 0) return kUnbounded;
  return c.clock.hertz() * c.cores / cycles_per_byte / 1e9;
}

/** Nodes every direction shares: source, sink, one per leaf, and per site its spine (one edge) and D-node hub. */
struct Skeleton {
  explicit Skeleton(const PlatformSpec& p) {
    for (size_t l = 0; l < p.client_leaves.size(); ++l) client_leaf.push_back(net.node());
    for (size_t l = 0; l < p.storage_leaves.size(); ++l) storage_leaf.push_back(net.node());
    for (const auto& site : p.sites) {
      spine_in.push_back(net.node());
      spine_out.push_back(net.node());
      dnode_hub.push_back(net.node());
      net.edge(spine_in.back(), spine_out.back(), std::min(p.links[site.spine].up, p.links[site.spine].down));
    }
  }
  FlowNet net;
  int source = net.node(), sink = net.node();
  std::vector<int> spine_in, spine_out, dnode_hub;  ///< per site
  std::vector<int> client_leaf, storage_leaf;

  /** Edges from each leaf up into its site's spine, at the uplinks' `up` capacity. */
  void leaves_up(const PlatformSpec& p, const std::vector<PlatformSpec::Leaf>& leaves, const std::vector<int>& nodes) {
    for (size_t l = 0; l < leaves.size(); ++l) net.edge(nodes[l], spine_in[leaves[l].site], p.links[leaves[l].uplink].up);
  }
  /** Edges from each leaf's site spine down into the leaf, at the uplinks' `down` capacity. */
  void leaves_down(const PlatformSpec& p, const std::vector<PlatformSpec::Leaf>& leaves, const std::vector<int>& nodes) {
    for (size_t l = 0; l < leaves.size(); ++l)
      net.edge(spine_out[leaves[l].site], nodes[l], p.links[leaves[l].uplink].down);
  }
};

/**
 * Storage leaf -> C-node (port in, CPU, port out) -> D-node (port, controller) -> SSDs -> sink: the
 * end of every write. The C-node erasure-codes, so what leaves it is user bytes x amplification:
 * the buffer stripe into the write buffer, or (to_capacity) the capacity stripe straight to the
 * capacity SSDs. Capacities are divided by the amplification to count user bytes.
 */
void storage_leaf_to_ssds(const PlatformSpec& p, Skeleton& k, bool to_capacity) {
  const auto& L = p.links;
  auto& n = k.net;
  auto amp = [&](int site) {
    const auto& pr = p.sites[site].protection;
    // Copies or strips across servers land on other servers' drives: every one is written.
    return (to_capacity ? pr.capacity_amplification() : pr.buffer_amplification()) * pr.across_servers();
  };
  std::vector<int> dnode_in;
  for (const auto& d : p.dnodes) {
    const double a = amp(d.site);
    int in = n.node(), ctl = n.node();
    dnode_in.push_back(in);
    n.edge(in, ctl, L[d.controller].down / a);
    n.edge(ctl, k.sink, (to_capacity ? d.capacity_write : d.buffer_write) / a);
  }
  std::vector<bool> own(p.dnodes.size(), false);
  for (const auto& c : p.cnodes) {
    int in = n.node(), mid = n.node();
    // Protection across servers (servers alike, placement even): a user byte's parts cross servers'
    // NICs in, and the NICs out of the server that took it when that server sends them on.
    const auto& pr = p.sites[c.site].protection;
    Bandwidth port_in = L[c.port].down / pr.server_nic_in();
    if (pr.server_nic_out() > 0) port_in = std::min(port_in, L[c.port].up / pr.server_nic_out());
    n.edge(k.storage_leaf[c.leaf], in, port_in);
    n.edge(in, mid, cpu_gbps(c, c.write_cycles_per_byte));
    if (c.own_dnode >= 0) {  // a server writes its own drives over their internal link
      n.edge(mid, dnode_in[c.own_dnode], L[p.dnodes[c.own_dnode].port].down / amp(c.site));
      own[c.own_dnode] = true;
    } else {
      n.edge(mid, k.dnode_hub[c.site], L[c.port].up / amp(c.site));
    }
  }
  for (size_t i = 0; i < p.dnodes.size(); ++i)
    if (!own[i]) n.edge(k.dnode_hub[p.dnodes[i].site], dnode_in[i], L[p.dnodes[i].port].down / amp(p.dnodes[i].site));
}

Bandwidth write_bound(const PlatformSpec& p) {
  const auto& L = p.links;
  Skeleton k(p);
  auto& n = k.net;
  k.leaves_up(p, p.client_leaves, k.client_leaf);
  k.leaves_down(p, p.storage_leaves, k.storage_leaf);
  for (const auto& c : p.clients) {
    int v = n.node();
    const auto& pr = p.sites[c.site].protection;  // a client sending every copy sends each byte `across` times
    n.edge(k.source, v, L[c.nic].up / pr.client_nic_out());
    n.edge(v, k.client_leaf[c.leaf], kUnbounded);
  }
  storage_leaf_to_ssds(p, k, false);
  return n.max_flow(k.source, k.sink);
}

/** Capacity tier -> D-node -> C-node -> storage leaf -> its site's spine: the start of every read. */
void capacity_to_spine(const PlatformSpec& p, Skeleton& k) {
  const auto& L = p.links;
  auto& n = k.net;
  std::vector<int> dnode_out;
  for (const auto& d : p.dnodes) {
    int disk = n.node(), ctl = n.node();
    n.edge(k.source, disk, d.capacity_read);
    n.edge(disk, ctl, L[d.controller].up);
    dnode_out.push_back(ctl);
  }
  std::vector<bool> own(p.dnodes.size(), false);
  for (const auto& c : p.cnodes) {
    int in = n.node(), mid = n.node();
    if (c.own_dnode >= 0) {  // a server reads its own drives over their internal link
      n.edge(dnode_out[c.own_dnode], in, L[p.dnodes[c.own_dnode].port].up);
      own[c.own_dnode] = true;
    } else {
      n.edge(k.dnode_hub[c.site], in, L[c.port].down);
    }
    n.edge(in, mid, cpu_gbps(c, c.read_cycles_per_byte));
    n.edge(mid, k.storage_leaf[c.leaf], L[c.port].up);
  }
  for (size_t i = 0; i < p.dnodes.size(); ++i)
    if (!own[i]) n.edge(dnode_out[i], k.dnode_hub[p.dnodes[i].site], L[p.dnodes[i].port].up);
  k.leaves_up(p, p.storage_leaves, k.storage_leaf);
}

Bandwidth read_bound(const PlatformSpec& p) {
  Skeleton k(p);
  auto& n = k.net;
  capacity_to_spine(p, k);
  k.leaves_down(p, p.client_leaves, k.client_leaf);
  for (const auto& c : p.clients) {
    int v = n.node();
    n.edge(k.client_leaf[c.leaf], v, p.links[c.nic].down);
    n.edge(v, k.sink, kUnbounded);
  }
  return n.max_flow(k.source, k.sink);
}

/** Capacity tier -> C-nodes -> storage leaf -> spine -> WAN -> object store. */
Bandwidth drain_bound(const PlatformSpec& p) {
  if (p.object_store < 0) return Bandwidth();
  const auto& L = p.links;
  Skeleton k(p);
  auto& n = k.net;
  capacity_to_spine(p, k);
  const int store = n.node();
  for (size_t s = 0; s < p.sites.size(); ++s)
    if (p.sites[s].wan >= 0) n.edge(k.spine_out[s], store, L[p.sites[s].wan].up);
  n.edge(store, k.sink, L[p.object_store].down);
  return n.max_flow(k.source, k.sink);
}

/** Object store -> WAN -> spine -> storage leaf -> C-node (erasure coding) -> D-node -> capacity SSDs. */
Bandwidth fetch_bound(const PlatformSpec& p) {
  if (p.object_store < 0) return Bandwidth();
  const auto& L = p.links;
  Skeleton k(p);
  auto& n = k.net;
  const int store = n.node();
  n.edge(k.source, store, L[p.object_store].up);
  for (size_t s = 0; s < p.sites.size(); ++s)
    if (p.sites[s].wan >= 0) n.edge(store, k.spine_in[s], L[p.sites[s].wan].down);
  k.leaves_down(p, p.storage_leaves, k.storage_leaf);
  storage_leaf_to_ssds(p, k, true);
  return n.max_flow(k.source, k.sink);
}

}  // namespace

namespace {
/** Per class, its load per user byte written (clients: buffer stripe plus migration) or migrated
 *  (!clients: migration alone, the buffer emptying with no client traffic). */
std::vector<SustainedLimit> per_byte_limits(const PlatformSpec& p, double reduction, bool clients) {
  std::vector<SustainedLimit> out;
  if (p.dnodes.empty() || p.sites.empty()) return out;
  // Totals per class in B/s (cycles/s for CPUs); the per-byte loads from the first site's protection
  // (a layout's sites share one design of record; a mix would need a per-site sum, see below).
  double buffer_write = 0, buffer_read = 0, buffer_shared = 0, cap_write = 0, port_in = 0, port_out = 0, ctl_in = 0,
         ctl_out = 0, cport_in = 0, cport_out = 0, cpu = 0;
  bool cnodes_mode = false, destage = false;
  for (const auto& d : p.dnodes) {
    if (d.destage_streams == 0) continue;  // a server's own drives: nothing to migrate
    destage = true;
    cnodes_mode = cnodes_mode || d.migration.mode == Migration::Mode::cnodes;
    buffer_write += d.buffer_write.bytes_per_second();
    buffer_read += d.buffer_read.bytes_per_second();
    buffer_shared += std::max(d.buffer_read, d.buffer_write).bytes_per_second();
    cap_write += d.capacity_write.bytes_per_second();
    port_in += p.links[d.port].down.bytes_per_second();
    port_out += p.links[d.port].up.bytes_per_second();
    ctl_in += p.links[d.controller].down.bytes_per_second();
    ctl_out += p.links[d.controller].up.bytes_per_second();
  }
  if (!destage) return out;
  double cycles = 0, write_cycles = 0;  // the C-nodes of a design are alike: the costliest stands for all
  for (const auto& c : p.cnodes) {
    cport_in += p.links[c.port].down.bytes_per_second();
    cport_out += p.links[c.port].up.bytes_per_second();
    cpu += c.clock.hertz() * c.cores;
    write_cycles = std::max(write_cycles, c.write_cycles_per_byte);
    cycles = std::max(cycles, c.write_cycles_per_byte + (cnodes_mode ? c.migrate_cycles_per_byte : 0));
  }
  const auto& pr = p.sites.front().protection;
  const double ab = pr.buffer_amplification(), s = pr.capacity_amplification() / reduction;
  auto add = [&](const char* what, double total, double load) {
    if (load > 0 && total > 0) out.push_back({what, load, Bandwidth::from_bytes_per_second(total / load)});
  };
  const double in = clients ? ab : 0, fabric = cnodes_mode ? 1 : 0;  // client strips; migration over the fabric
  add("buffer_ssd write", buffer_write, in);
  add("buffer_ssd read", buffer_read, 1);
  add("buffer_ssd read+write", buffer_shared, in + 1);
  add("capacity_ssd write", cap_write, s);
  add("dnode_port in", port_in, in + fabric * s);
  add("dnode_port out", port_out, fabric);
  add("dnode_controller write", ctl_in, in + fabric * s);
  add("dnode_controller read", ctl_out, fabric);
  add("cnode_port in", cport_in, (clients ? 1 : 0) + fabric);
  add("cnode_port out", cport_out, in + fabric * s);
  add("cnode_cpu compute", cpu, cycles - (clients ? 0 : write_cycles));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.ceiling < b.ceiling; });
  return out;
}
}  // namespace

std::vector<SustainedLimit> sustained_write_limits(const PlatformSpec& p, double reduction) {
  return per_byte_limits(p, reduction, true);
}

Bandwidth client_bound(const PlatformSpec& p, bool write) { return write ? write_bound(p) : read_bound(p); }

FlowBound max_flow_bound(const PlatformSpec& p, double reduction) {
  FlowBound b;
  b.write = write_bound(p);
  b.read = read_bound(p);
  b.drain = drain_bound(p);
  b.fetch = fetch_bound(p);
  for (const auto& d : p.dnodes) {
    const auto& pr = p.sites[d.site].protection;
    double data_fraction = double(pr.capacity_data) / (pr.capacity_data + pr.capacity_parity);
    b.destage += std::min(d.buffer_read, d.capacity_write * data_fraction);
  }
  // Through the C-nodes, migration alone also crosses ports, controllers and CPUs.
  const bool via_cnodes = std::any_of(p.dnodes.begin(), p.dnodes.end(), [](const auto& d) {
    return d.destage_streams > 0 && d.migration.mode == Migration::Mode::cnodes;
  });
  if (const auto alone = per_byte_limits(p, reduction, false); via_cnodes && !alone.empty())
    b.destage = std::min(b.destage, alone.front().ceiling);
  // Sustained: no more than the burst (the same client path), nor than any class's closed form.
  b.sustained = b.write;
  if (const auto limits = sustained_write_limits(p, reduction); !limits.empty())
    b.sustained = std::min(b.write, limits.front().ceiling);
  return b;
}

}  // namespace podsim
