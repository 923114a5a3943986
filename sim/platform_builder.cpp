#include "sim/platform_builder.hpp"

namespace podsim {

namespace {

using Dir = sg4::LinkInRoute::Direction;

struct LinkFactory {
  const PlatformSpec& spec;
  BuiltPlatform& out;
  /** Creates spec link i inside `zone` as two one-way links (so up and down may differ). */
  std::pair<sg4::Link*, sg4::Link*> make(sg4::NetZone* zone, int i) {
    const auto& l = spec.links[i];
    auto* up = zone->create_link(l.name + "_UP", l.up.bytes_per_second());
    auto* down = zone->create_link(l.name + "_DOWN", l.down.bytes_per_second());
    for (auto* k : {up, down}) k->set_latency(l.latency.seconds())->seal();
    out.link_up[i] = up;
    out.link_down[i] = down;
    return {up, down};
  }
};

/** Star-zone route of a member: `up` links leave it, `down` links (reversed order) reach it. */
void attach(sg4::NetZone* zone, simgrid::kernel::routing::NetPoint* member, simgrid::kernel::routing::NetPoint* gw,
            const std::vector<std::pair<sg4::Link*, sg4::Link*>>& inner_to_outer) {
  std::vector<sg4::LinkInRoute> up, down;
  for (auto& [u, d] : inner_to_outer) up.emplace_back(u);
  for (auto it = inner_to_outer.rbegin(); it != inner_to_outer.rend(); ++it) down.emplace_back(it->second);
  zone->add_route(member, nullptr, gw, nullptr, up, false);
  zone->add_route(nullptr, member, nullptr, gw, down, false);
}

}  // namespace

BuiltPlatform build_platform(const PlatformSpec& spec) {
  BuiltPlatform out;
  out.link_up.resize(spec.links.size());
  out.link_down.resize(spec.links.size());
  LinkFactory links{spec, out};

  auto* root = sg4::create_star_zone("fabric");
  auto spine = links.make(root, spec.spine);
  out.controller = root->create_host("podsim-control", 1e9);
  out.controller->seal();

  struct LeafZone {
    sg4::NetZone* zone;
    simgrid::kernel::routing::NetPoint* gw;
  };
  auto make_leaf = [&](const PlatformSpec::Leaf& leaf) {
    auto* z = sg4::create_star_zone(leaf.name);
    z->set_parent(root);
    auto* gw = z->create_router(leaf.name + "-gw");
    z->add_route(gw, nullptr, nullptr, nullptr, {}, true);
    return LeafZone{z, gw};
  };
  std::vector<LeafZone> cleaves, sleaves;
  for (const auto& l : spec.client_leaves) cleaves.push_back(make_leaf(l));
  for (const auto& l : spec.storage_leaves) sleaves.push_back(make_leaf(l));

  auto host_in = [&](LeafZone& lz, const std::string& name, double speed, int cores,
                     std::vector<std::pair<sg4::Link*, sg4::Link*>> path) {
    auto* h = lz.zone->create_host(name, speed);
    h->set_core_count(cores);
    h->seal();
    attach(lz.zone, h->get_netpoint(), nullptr, path);
    return h;
  };
  for (const auto& c : spec.clients)
    out.clients.push_back(host_in(cleaves[c.leaf], c.name, 1e9, 1, {links.make(cleaves[c.leaf].zone, c.nic)}));
  for (const auto& c : spec.cnodes)
    out.cnodes.push_back(
        host_in(sleaves[c.leaf], c.name, c.clock.hertz(), c.cores, {links.make(sleaves[c.leaf].zone, c.port)}));
  for (const auto& d : spec.dnodes) {
    auto& lz = sleaves[d.leaf];
    auto ctl = links.make(lz.zone, d.controller);
    auto* h = host_in(lz, d.name, 1e9, 1, {ctl, links.make(lz.zone, d.port)});
    auto* buf = h->create_disk(d.name + "-buffer", d.buffer_read.bytes_per_second(), d.buffer_write.bytes_per_second());
    buf->seal();
    auto* cap =
        h->create_disk(d.name + "-capacity", d.capacity_read.bytes_per_second(), d.capacity_write.bytes_per_second());
    cap->seal();
    out.dnodes.push_back(h);
    out.buffer.push_back(buf);
    out.capacity.push_back(cap);
  }
  auto seal_leaf = [&](LeafZone& lz, const PlatformSpec::Leaf& leaf) {
    lz.zone->seal();
    attach(root, lz.zone->get_netpoint(), lz.gw, {links.make(root, leaf.uplink), spine});
  };
  for (size_t i = 0; i < cleaves.size(); ++i) seal_leaf(cleaves[i], spec.client_leaves[i]);
  for (size_t i = 0; i < sleaves.size(); ++i) seal_leaf(sleaves[i], spec.storage_leaves[i]);
  root->seal();
  return out;
}

}  // namespace podsim
