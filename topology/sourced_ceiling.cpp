#include "topology/sourced_ceiling.hpp"

#include <algorithm>
#include <functional>
#include <cmath>
#include <limits>

#include "topology/figures_behind.hpp"
#include "topology/format.hpp"
#include "topology/platform_spec.hpp"

namespace podsim {
namespace {

constexpr double kUnlimited = 1e18;  // B/s: an exabyte per second stands for "no limit"
constexpr double kInfinite = std::numeric_limits<double>::infinity();

/** `b` times k, an infinite k (or past an exabyte per second) meaning unlimited. */
Bandwidth times(Bandwidth b, double k) { return Bandwidth::from_bytes_per_second(std::min(kUnlimited, b.bytes_per_second() * k)); }

/**
 * Scales the throughput the figure sets by k in `d` (k = infinity: unlimited) and describes the
 * scaled figure; an empty text when it is not a figure podsim knows how to scale.
 */
std::string scale(const FigureSource& f, Design& d, double k) {
  if (is_figure(f, d.dnode.name, "controller")) {
    d.dnode.controller_read = times(d.dnode.controller_read, k);
    d.dnode.controller_write = times(d.dnode.controller_write, k);
    return format_number("%.1f GB/s write, ", d.dnode.controller_write.gigabytes_per_second()) +
           format_number("%.1f GB/s read", d.dnode.controller_read.gigabytes_per_second());
  }
  if (is_figure(f, d.cnode.name, "cpu")) {
    d.cnode.write_cycles_per_byte /= k;
    d.cnode.read_cycles_per_byte /= k;
    return format_number("%.2f cycles/B write, ", d.cnode.write_cycles_per_byte) +
           format_number("%.2f read", d.cnode.read_cycles_per_byte);
  }
  std::string text;
  for (NicAttachment* n : {static_cast<NicAttachment*>(&d.client), static_cast<NicAttachment*>(&d.cnode),
                           static_cast<NicAttachment*>(&d.dnode)})
    if (is_figure(f, n->nic.name, "efficiency")) {
      // Line rate is the sourced ceiling of a NIC: its efficiency stops at 1.
      n->nic.efficiency_write = std::min(1.0, n->nic.efficiency_write * k);
      n->nic.efficiency_read = std::min(1.0, n->nic.efficiency_read * k);
      text = format_number("efficiency %.3f", n->nic.efficiency_write);
    }
  for (SsdModel* s : {&d.dnode.buffer_ssd, &d.dnode.capacity_ssd})
    if (is_figure(f, s->name, "read") || is_figure(f, s->name, "write")) {
      s->read = times(s->read, k);
      s->write = times(s->write, k);
      text = format_number("%.2f GB/s write, ", s->write.gigabytes_per_second()) +
             format_number("%.2f GB/s read", s->read.gigabytes_per_second());
    }
  // A node's NIC count or a NIC's ports, a switch's ports or the uplinks per leaf: that tier's port speed.
  const auto ports = [&](Bandwidth& speed) {
    speed = times(speed, k);
    text = std::isinf(k) ? "unlimited ports" : format_number("ports at %.2fx their speed", k);
  };
  for (auto [node, n] : {std::pair{d.client.name, static_cast<NicAttachment*>(&d.client)},
                         std::pair{d.cnode.name, static_cast<NicAttachment*>(&d.cnode)},
                         std::pair{d.dnode.name, static_cast<NicAttachment*>(&d.dnode)}})
    if (is_figure(f, node, "nics") || is_figure(f, n->nic.name, "ports"))
      ports(n->nic.port_speed);
  for (SwitchModel* s : {&d.client_fabric.leaf, &d.storage_fabric.leaf, &d.spine})
    if (is_figure(f, s->name, "ports")) ports(s->port_speed);
  if (is_figure(f, d.name, "client_fabric.uplinks_per_leaf")) ports(d.client_fabric.leaf.port_speed);
  if (is_figure(f, d.name, "storage_fabric.uplinks_per_leaf")) ports(d.storage_fabric.leaf.port_speed);
  return text;
}

/** The assumed figures behind any throughput resource of the design, each once. */
std::vector<FigureSource> assumed_throughput_figures(const Design& d) {
  std::vector<FigureSource> assumed;
  for (auto cls : {ResourceClass::client_nic, ResourceClass::client_leaf_uplink, ResourceClass::spine,
                   ResourceClass::storage_leaf_uplink, ResourceClass::cnode_port, ResourceClass::cnode_cpu,
                   ResourceClass::dnode_port, ResourceClass::dnode_controller, ResourceClass::buffer_ssd,
                   ResourceClass::capacity_ssd})
    for (const auto& f : assumed_only(figures_behind(d, cls)))
      if (std::none_of(assumed.begin(), assumed.end(),
                       [&](const FigureSource& g) { return g.model == f.model && g.field == f.field; }))
        assumed.push_back(f);
  return assumed;
}

double bound_of(const Design& d, bool write) {
  return client_bound(make_platform_spec(d), write).bytes_per_second();
}

}  // namespace

SourcedCeiling sourced_only_ceiling(const Design& d) {
  SourcedCeiling c;
  Design open = d;
  for (const auto& f : assumed_throughput_figures(d)) (scale(f, open, kInfinite).empty() ? c.kept : c.relaxed).push_back(f);
  c.bound = max_flow_bound(make_platform_spec(open));
  return c;
}

std::vector<FigureRequirement> figure_requirements(const Design& d, bool write, double need) {
  std::vector<FigureRequirement> out;
  for (const auto& f : assumed_throughput_figures(d)) {
    auto at = [&](double k) {
      Design t = d;
      (void)scale(f, t, k);
      return bound_of(t, write);
    };
    Design probe = d;
    if (scale(f, probe, 1).empty()) continue;  // not a figure podsim can scale
    FigureRequirement r{f, 0, {}, false, d};
    if (at(kInfinite) < need) {  // other resources bind first, whatever this figure is
      r.enough_alone = false;
      out.push_back(r);
      continue;
    }
    // The bound grows with the figure: bisect the smallest multiple that reaches `need`, in log space.
    double lo = 1e-6, hi = 1;
    while (at(hi) < need && hi < 1e9) hi *= 4;
    for (int i = 0; i < 40 && hi / lo > 1.0005; ++i) {
      const double mid = std::sqrt(lo * hi);
      (at(mid) >= need ? hi : lo) = mid;
    }
    r.at = d;
    r.factor = hi;
    r.needed = scale(f, r.at, hi);
    r.enough_alone = true;
    out.push_back(r);
  }
  return out;
}

std::vector<CountRequirement> count_requirements(const Design& d, bool write, double need) {
  // The counts a buyer can change, each alone. A design of servers (or appliances) with internal
  // drives grows by whole servers (a server is one C-node and one enclosure at once: changing one
  // alone made a platform with no drives behind half its servers, and crashed) or by drives per server.
  struct Count {
    std::string name;
    std::function<int(const Design&)> get;
    std::function<void(Design&, int)> set;
  };
  std::vector<Count> counts;
  if (d.internal_drives) {
    counts.push_back({"servers (servers.count)", [](const Design& x) { return x.cnode_count; },
                      [](Design& x, int n) { x.cnode_count = x.dnode_count = n; }});
    counts.push_back({"drives per server (the server model's drives.count)", [](const Design& x) { return x.dnode.capacity_ssd_count; },
                      [](Design& x, int n) { x.dnode.buffer_ssd_count = x.dnode.capacity_ssd_count = x.server.drive_count = n; }});
  } else {
    counts.push_back({"enclosures (dnodes.count)", [](const Design& x) { return x.dnode_count; },
                      [](Design& x, int n) { x.dnode_count = n; }});
    counts.push_back({"C-nodes (cnodes.count)", [](const Design& x) { return x.cnode_count; },
                      [](Design& x, int n) { x.cnode_count = n; }});
    counts.push_back({"buffer SSDs per enclosure", [](const Design& x) { return x.dnode.buffer_ssd_count; },
                      [](Design& x, int n) { x.dnode.buffer_ssd_count = n; }});
  }
  std::vector<CountRequirement> out;
  for (const auto& c : counts) {
    auto with = [&](int n) {
      Design t = d;
      c.set(t, n);
      return t;
    };
    const int designed = c.get(d);
    CountRequirement r{c.name, designed, 0, d};
    // lo never reaches the claim, hi does. Grow from the design's count (doubling, up to 64x) rather
    // than start at 64x: a platform of 64x the C-nodes is costly to build and rarely needed.
    int lo = 0, hi = designed;
    while (designed > 0 && hi <= designed * 64 && bound_of(with(hi), write) < need) {
      lo = hi;
      hi *= 2;
    }
    if (designed <= 0 || hi > designed * 64) {
      out.push_back(r);
      continue;
    }
    while (hi - lo > 1) {
      const int mid = lo + (hi - lo) / 2;
      (bound_of(with(mid), write) >= need ? hi : lo) = mid;
    }
    r.needed = hi;
    r.at = with(hi);
    out.push_back(r);
  }
  return out;
}

}  // namespace podsim
