#include "topology/max_flow_bound.hpp"

#include <algorithm>
#include <limits>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>

namespace podsim {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Graph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, double,
                    boost::property<boost::edge_residual_capacity_t, double,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor>>>>;

constexpr double kUnbounded = 1e30;

/** A flow network in GB/s (scaled so push-relabel's tolerances sit well above rounding). */
class FlowNet {
 public:
  int node() { return static_cast<int>(boost::add_vertex(g_)); }
  void edge(int from, int to, Bandwidth cap) { edge(from, to, cap.gigabytes_per_second()); }
  void edge(int from, int to, double cap_gbps) {
    auto cap = boost::get(boost::edge_capacity, g_);
    auto rev = boost::get(boost::edge_reverse, g_);
    auto e = boost::add_edge(from, to, g_).first;
    auto r = boost::add_edge(to, from, g_).first;
    cap[e] = cap_gbps;
    cap[r] = 0;
    rev[e] = r;
    rev[r] = e;
  }
  Bandwidth max_flow(int s, int t) {
    double f = boost::push_relabel_max_flow(g_, s, t);
    return GBps(f);
  }

 private:
  Graph g_;
};

double cpu_gbps(const PlatformSpec::CNode& c, double cycles_per_byte) {
  if (cycles_per_byte <= 0) return kUnbounded;
  return c.clock.hertz() * c.cores / cycles_per_byte / 1e9;
}

/** Nodes both directions share: source, sink, one per leaf, the spine (one edge), the D-node hub. */
struct Skeleton {
  explicit Skeleton(const PlatformSpec& p) {
    for (size_t l = 0; l < p.client_leaves.size(); ++l) client_leaf.push_back(net.node());
    for (size_t l = 0; l < p.storage_leaves.size(); ++l) storage_leaf.push_back(net.node());
    net.edge(spine_in, spine_out, std::min(p.links[p.spine].up, p.links[p.spine].down));
  }
  FlowNet net;
  int source = net.node(), sink = net.node();
  int spine_in = net.node(), spine_out = net.node(), dnode_hub = net.node();
  std::vector<int> client_leaf, storage_leaf;
};

Bandwidth write_bound(const PlatformSpec& p) {
  const double amp = p.protection.buffer_amplification();
  const auto& L = p.links;
  Skeleton k(p);
  auto& n = k.net;
  const int s = k.source, t = k.sink, spine_in = k.spine_in, spine_out = k.spine_out, dn_hub = k.dnode_hub;
  const auto& cleaf = k.client_leaf;
  const auto& sleaf = k.storage_leaf;
  for (size_t l = 0; l < p.client_leaves.size(); ++l) n.edge(cleaf[l], spine_in, L[p.client_leaves[l].uplink].up);
  for (size_t l = 0; l < p.storage_leaves.size(); ++l)
    n.edge(spine_out, sleaf[l], L[p.storage_leaves[l].uplink].down);
  for (const auto& c : p.clients) {
    int v = n.node();
    n.edge(s, v, L[c.nic].up);
    n.edge(v, cleaf[c.leaf], kUnbounded);
  }
  for (const auto& c : p.cnodes) {
    int in = n.node(), mid = n.node();
    n.edge(sleaf[c.leaf], in, L[c.port].down);
    n.edge(in, mid, cpu_gbps(c, c.write_cycles_per_byte));
    n.edge(mid, dn_hub, L[c.port].up / amp);
  }
  for (const auto& d : p.dnodes) {
    int in = n.node(), ctl = n.node();
    n.edge(dn_hub, in, L[d.port].down / amp);
    n.edge(in, ctl, L[d.controller].down / amp);
    n.edge(ctl, t, d.buffer_write / amp);
  }
  return n.max_flow(s, t);
}

Bandwidth read_bound(const PlatformSpec& p) {
  const auto& L = p.links;
  Skeleton k(p);
  auto& n = k.net;
  const int s = k.source, t = k.sink, spine_in = k.spine_in, spine_out = k.spine_out, dn_hub = k.dnode_hub;
  const auto& cleaf = k.client_leaf;
  const auto& sleaf = k.storage_leaf;
  for (size_t l = 0; l < p.storage_leaves.size(); ++l) n.edge(sleaf[l], spine_in, L[p.storage_leaves[l].uplink].up);
  for (size_t l = 0; l < p.client_leaves.size(); ++l) n.edge(spine_out, cleaf[l], L[p.client_leaves[l].uplink].down);
  for (const auto& d : p.dnodes) {
    int disk = n.node(), ctl = n.node();
    n.edge(s, disk, d.capacity_read);
    n.edge(disk, ctl, L[d.controller].up);
    n.edge(ctl, dn_hub, L[d.port].up);
  }
  for (const auto& c : p.cnodes) {
    int in = n.node(), mid = n.node();
    n.edge(dn_hub, in, L[c.port].down);
    n.edge(in, mid, cpu_gbps(c, c.read_cycles_per_byte));
    n.edge(mid, sleaf[c.leaf], L[c.port].up);
  }
  for (const auto& c : p.clients) {
    int v = n.node();
    n.edge(cleaf[c.leaf], v, L[c.nic].down);
    n.edge(v, t, kUnbounded);
  }
  return n.max_flow(s, t);
}

}  // namespace

FlowBound max_flow_bound(const PlatformSpec& p) {
  FlowBound b;
  b.write = write_bound(p);
  b.read = read_bound(p);
  const auto& pr = p.protection;
  double data_fraction = double(pr.capacity_data) / (pr.capacity_data + pr.capacity_parity);
  for (const auto& d : p.dnodes) b.destage += std::min(d.buffer_read, d.capacity_write * data_fraction);
  return b;
}

}  // namespace podsim
