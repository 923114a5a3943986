#include "topology/sourced_ceiling.hpp"

#include <algorithm>

#include "topology/figures_behind.hpp"
#include "topology/platform_spec.hpp"

namespace podsim {
namespace {

constexpr double kUnlimited = 1e18;  // B/s: an exabyte per second stands for "no limit"

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}
bool same_model(const FigureSource& f, const std::string& model) { return f.model == model || f.model == "design " + model; }

/** Sets the figure aside in `d` when it is one podsim knows how to make unlimited; false otherwise. */
bool relax(const FigureSource& f, Design& d) {
  const auto unlimited = Bandwidth::from_bytes_per_second(kUnlimited);
  if (same_model(f, d.dnode.name) && ends_with(f.field, "controller")) {
    d.dnode.controller_read = d.dnode.controller_write = unlimited;
    return true;
  }
  if (same_model(f, d.cnode.name) && ends_with(f.field, "cpu")) {
    d.cnode.write_cycles_per_byte = d.cnode.read_cycles_per_byte = 0;
    return true;
  }
  if (ends_with(f.field, "efficiency")) {  // a NIC's protocol efficiency: line rate is the sourced ceiling
    bool any = false;
    for (NicAttachment* n : {static_cast<NicAttachment*>(&d.client), static_cast<NicAttachment*>(&d.cnode),
                             static_cast<NicAttachment*>(&d.dnode)})
      if (same_model(f, n->nic.name)) {
        n->nic.efficiency = 1.0;
        any = true;
      }
    return any;
  }
  for (SsdModel* s : {&d.dnode.buffer_ssd, &d.dnode.capacity_ssd})
    if (same_model(f, s->name) && (ends_with(f.field, "read") || ends_with(f.field, "write"))) {
      s->read = s->write = unlimited;
      return true;
    }
  // A node's NIC count or a NIC's ports: that node's (or NIC's) ports carry anything.
  bool any = false;
  for (auto [node, n] : {std::pair{d.client.name, static_cast<NicAttachment*>(&d.client)},
                         std::pair{d.cnode.name, static_cast<NicAttachment*>(&d.cnode)},
                         std::pair{d.dnode.name, static_cast<NicAttachment*>(&d.dnode)}})
    if ((same_model(f, node) && ends_with(f.field, "nics")) || (same_model(f, n->nic.name) && ends_with(f.field, "ports"))) {
      n->nic.port_speed = unlimited;
      any = true;
    }
  // A switch's ports, or the uplinks per leaf: that tier carries anything.
  for (SwitchModel* s : {&d.client_fabric.leaf, &d.storage_fabric.leaf, &d.spine})
    if (same_model(f, s->name) && ends_with(f.field, "ports")) {
      s->port_speed = unlimited;
      any = true;
    }
  if (ends_with(f.field, "client_fabric.uplinks_per_leaf")) d.client_fabric.leaf.port_speed = unlimited, any = true;
  if (ends_with(f.field, "storage_fabric.uplinks_per_leaf")) d.storage_fabric.leaf.port_speed = unlimited, any = true;
  return any;
}

}  // namespace

SourcedCeiling sourced_only_ceiling(const Design& d) {
  // The assumed figures behind any throughput resource of the design.
  std::vector<FigureSource> assumed;
  for (auto cls : {ResourceClass::client_nic, ResourceClass::client_leaf_uplink, ResourceClass::spine,
                   ResourceClass::storage_leaf_uplink, ResourceClass::cnode_port, ResourceClass::cnode_cpu,
                   ResourceClass::dnode_port, ResourceClass::dnode_controller, ResourceClass::buffer_ssd,
                   ResourceClass::capacity_ssd})
    for (const auto& f : assumed_only(figures_behind(d, cls)))
      if (std::none_of(assumed.begin(), assumed.end(),
                       [&](const FigureSource& g) { return g.model == f.model && g.field == f.field; }))
        assumed.push_back(f);
  SourcedCeiling c;
  Design open = d;
  for (const auto& f : assumed) (relax(f, open) ? c.relaxed : c.kept).push_back(f);
  c.bound = max_flow_bound(make_platform_spec(open));
  return c;
}

}  // namespace podsim
