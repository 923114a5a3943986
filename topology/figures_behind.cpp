#include "topology/figures_behind.hpp"

#include <algorithm>
#include <utility>

namespace podsim {
namespace {

using Key = std::pair<std::string, std::string>;  // model, field (last path element)

std::vector<FigureSource> lookup(const Design& d, const std::vector<Key>& keys) {
  std::vector<FigureSource> out;
  for (const auto& [model, field] : keys)
    for (const auto& s : d.sources)
      if (is_figure(s, model, field)) out.push_back(s);
  return out;
}

std::vector<Key> nic_keys(const std::string& node_model, const NicModel& nic) {
  return {{node_model, "nics"}, {nic.name, "ports"}, {nic.name, "efficiency"}};
}

}  // namespace

bool is_figure(const FigureSource& s, const std::string& model, const std::string& field) {
  const auto& f = s.field;
  return (s.model == model || s.model == "design " + model) && f.size() >= field.size() &&
         f.compare(f.size() - field.size(), field.size(), field) == 0;
}

std::vector<FigureSource> figures_behind(const Design& d, ResourceClass cls) {
  switch (cls) {
    case ResourceClass::client_nic: return lookup(d, nic_keys(d.client.name, d.client.nic));
    case ResourceClass::client_leaf_uplink:
      return lookup(d, {{d.name, "client_fabric.uplinks_per_leaf"}, {d.client_fabric.leaf.name, "ports"}});
    case ResourceClass::spine: return lookup(d, {{d.spine.name, "ports"}});
    case ResourceClass::storage_leaf_uplink:
      return lookup(d, {{d.name, "storage_fabric.uplinks_per_leaf"}, {d.storage_fabric.leaf.name, "ports"}});
    case ResourceClass::cnode_port: return lookup(d, nic_keys(d.cnode.name, d.cnode.nic));
    case ResourceClass::cnode_cpu: return lookup(d, {{d.cnode.name, "cpu"}});
    case ResourceClass::dnode_port: return lookup(d, nic_keys(d.dnode.name, d.dnode.nic));
    case ResourceClass::dnode_controller:  // a server's cap stands in for its drives' controller
      return d.internal_drives ? lookup(d, {{d.server.name, "cap"}}) : lookup(d, {{d.dnode.name, "controller"}});
    case ResourceClass::buffer_ssd:
      return lookup(d, {{d.dnode.name, "buffer_ssd"}, {d.dnode.buffer_ssd.name, "write"}, {d.dnode.buffer_ssd.name, "read"}});
    case ResourceClass::capacity_ssd:
      return lookup(d, {{d.dnode.name, "capacity_ssd"}, {d.dnode.capacity_ssd.name, "write"},
                        {d.dnode.capacity_ssd.name, "read"}});
    case ResourceClass::wan:
    case ResourceClass::object_store:
    case ResourceClass::copy_host_nic:
    case ResourceClass::copy_host_cpu:
    case ResourceClass::request_round_trip: return {};  // layout and movement figures, not the design's (Layout::sources)
  }
  return {};
}

std::vector<FigureSource> capacity_figures(const Design& d) {
  return lookup(d, {{d.dnode.name, "capacity_ssd"}, {d.dnode.capacity_ssd.name, "capacity"}, {d.name, "reserve"}});
}

std::vector<FigureSource> rack_figures(const Design& d) {
  return lookup(d, {{d.rack.name, "rack_units"},
                    {d.rack.name, "power_budget"},
                    {d.name, "power_budget"},
                    {d.dnode.name, "power"},
                    {d.dnode.name, "rack_units"},
                    {d.cnode.name, "power"},
                    {d.cnode.name, "chassis"}});
}

bool is_assumed(const FigureSource& f) { return f.derived_from_claim || f.source.rfind("assumed", 0) == 0; }

std::vector<FigureSource> assumed_only(const std::vector<FigureSource>& figures) {
  std::vector<FigureSource> out;
  std::copy_if(figures.begin(), figures.end(), std::back_inserter(out), is_assumed);
  return out;
}

}  // namespace podsim
