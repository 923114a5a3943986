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

  struct Zone {
    sg4::NetZone* zone;
    simgrid::kernel::routing::NetPoint* gw;
  };
  // A star zone whose gateway reaches every member over the members' own routes.
  auto make_zone = [](const std::string& name, sg4::NetZone* parent) {
    auto* z = sg4::create_star_zone(name);
    if (parent) z->set_parent(parent);
    auto* gw = z->create_router(name + "-gw");
    z->add_route(gw, nullptr, nullptr, nullptr, {}, true);
    return Zone{z, gw};
  };
  auto* world = sg4::create_star_zone("world");
  out.controller = world->create_host("podsim-control", 1e9);
  out.controller->seal();
  // Per-stream limits run as bounded timers here: fast enough that they never share its speed.
  out.stream_timer = world->create_host("podsim-stream-timer", 1e18);
  out.stream_timer->seal();

  // A site's gateway sits in a child "border" zone of the site, not in the site zone itself:
  // SimGrid resolves a route through the first zones where the two ends' ancestries differ; with
  // the gateway directly in the site zone that would be the site zone itself while the node sits
  // two levels down, and the node would be looked up among the site's members (a wrong route).
  std::vector<Zone> sites;
  std::vector<std::pair<sg4::Link*, sg4::Link*>> spines;
  for (const auto& s : spec.sites) {
    auto* site = sg4::create_star_zone(s.name);
    site->set_parent(world);
    auto border = make_zone(s.name + "-border", site);
    border.zone->seal();
    attach(site, border.zone->get_netpoint(), border.gw, {});
    sites.push_back({site, border.gw});
    spines.push_back(links.make(site, s.spine));
  }
  // Clients only ever talk to storage, so one zone per site holds them all, each client's route
  // carrying its NIC and its leaf's uplink: the same links as a zone per client leaf, with ~25x
  // fewer zones (SimGrid's platform construction is O(zones x links), docs/performance-notes.md).
  // Storage leaves keep a zone each: their C-nodes and D-nodes talk within the leaf.
  std::vector<Zone> client_zones, sleaves;
  for (size_t s = 0; s < spec.sites.size(); ++s)
    client_zones.push_back(make_zone(spec.sites[s].name + "-clients", sites[s].zone));
  std::vector<std::pair<sg4::Link*, sg4::Link*>> cleaf_uplinks;
  for (const auto& l : spec.client_leaves) cleaf_uplinks.push_back(links.make(client_zones[l.site].zone, l.uplink));
  for (const auto& l : spec.storage_leaves) sleaves.push_back(make_zone(l.name, sites[l.site].zone));

  auto host_in = [&](Zone& lz, const std::string& name, double speed, int cores,
                     std::vector<std::pair<sg4::Link*, sg4::Link*>> path) {
    auto* h = lz.zone->create_host(name, speed);
    h->set_core_count(cores);
    h->seal();
    attach(lz.zone, h->get_netpoint(), nullptr, path);
    return h;
  };
  for (const auto& c : spec.clients) {
    auto& cz = client_zones[c.site];
    out.clients.push_back(host_in(cz, c.name, 1e9, 1, {links.make(cz.zone, c.nic), cleaf_uplinks[c.leaf]}));
  }
  for (const auto& c : spec.cnodes) {
    out.cnodes.push_back(
        host_in(sleaves[c.leaf], c.name, c.clock.hertz(), c.cores, {links.make(sleaves[c.leaf].zone, c.port)}));
    out.cnode_inner.push_back(c.own_dnode >= 0 ? host_in(sleaves[c.leaf], c.name + "-inner", 1e9, 1, {}) : nullptr);
  }
  // Every SSD tier in one zone, beside the sites: an I/O crosses only its tier's links.
  auto* ssd_zone = sg4::create_star_zone("ssd-tiers");
  ssd_zone->set_parent(world);
  out.ssd_port = ssd_zone->create_host("ssd-port", 1e9);
  out.ssd_port->seal();
  ssd_zone->add_route(out.ssd_port->get_netpoint(), nullptr, nullptr, nullptr, {}, true);
  auto ssd_tier = [&](const std::string& name, double read, double write) {
    SsdTier t;
    t.host = ssd_zone->create_host(name, 1e9);
    t.host->seal();
    t.shared = ssd_zone->create_link(name + "-rw", std::max(read, write))->seal();
    t.read = ssd_zone->create_link(name + "-read", read)->seal();
    t.write = ssd_zone->create_link(name + "-write", write)->seal();
    ssd_zone->add_route(t.host->get_netpoint(), nullptr, nullptr, nullptr,
                        {sg4::LinkInRoute(t.shared), sg4::LinkInRoute(t.read)}, false);
    ssd_zone->add_route(nullptr, t.host->get_netpoint(), nullptr, nullptr,
                        {sg4::LinkInRoute(t.shared), sg4::LinkInRoute(t.write)}, false);
    return t;
  };
  for (const auto& d : spec.dnodes) {
    auto& lz = sleaves[d.leaf];
    auto ctl = links.make(lz.zone, d.controller);
    auto port = links.make(lz.zone, d.port);
    out.dnodes.push_back(host_in(lz, d.name, 1e9, 1, {ctl, port}));
    out.buffer.push_back(
        ssd_tier(d.name + "-buffer", d.buffer_read.bytes_per_second(), d.buffer_write.bytes_per_second()));
    const auto& b = out.buffer.back();
    out.buffer_ingest.push_back(host_in(lz, d.name + "-ingest", 1e9, 1, {{b.shared, b.shared}, {b.read, b.write}, ctl, port}));
    out.capacity.push_back(
        ssd_tier(d.name + "-capacity", d.capacity_read.bytes_per_second(), d.capacity_write.bytes_per_second()));
    // Only C-node migration writes through it: other designs keep today's platform, host for host.
    const auto& c = out.capacity.back();
    out.capacity_ingest.push_back(d.migration.mode == Migration::Mode::cnodes
                                      ? host_in(lz, d.name + "-capacity-ingest", 1e9, 1, {{c.shared, c.shared}, {c.read, c.write}, ctl, port})
                                      : nullptr);
  }
  ssd_zone->seal();
  auto seal_leaf = [&](Zone& lz, const PlatformSpec::Leaf& leaf) {
    lz.zone->seal();
    attach(sites[leaf.site].zone, lz.zone->get_netpoint(), lz.gw,
           {links.make(sites[leaf.site].zone, leaf.uplink), spines[leaf.site]});
  };
  for (size_t i = 0; i < sleaves.size(); ++i) seal_leaf(sleaves[i], spec.storage_leaves[i]);
  // Copy hosts: a zone per site whose route is the spine, each host's its NIC (no leaf uplink).
  for (size_t s = 0; s < spec.sites.size(); ++s) {
    if (spec.sites[s].copy_hosts.count == 0) continue;
    auto cz = make_zone(spec.sites[s].name + "-copyhosts", sites[s].zone);
    const auto& r = spec.sites[s].copy_hosts;
    for (int h = r.first; h < r.end(); ++h) {
      const auto& ch = spec.copy_hosts[static_cast<size_t>(h)];
      out.copy_hosts.push_back(host_in(cz, ch.name, ch.clock.hertz(), ch.cores, {links.make(cz.zone, ch.nic)}));
    }
    cz.zone->seal();
    attach(sites[s].zone, cz.zone->get_netpoint(), cz.gw, {spines[s]});
  }
  for (size_t s = 0; s < client_zones.size(); ++s) {
    client_zones[s].zone->seal();
    attach(sites[s].zone, client_zones[s].zone->get_netpoint(), client_zones[s].gw, {spines[s]});
  }
  for (size_t s = 0; s < sites.size(); ++s) {
    sites[s].zone->seal();
    std::vector<std::pair<sg4::Link*, sg4::Link*>> wan;
    if (spec.sites[s].wan >= 0) wan.push_back(links.make(world, spec.sites[s].wan));
    attach(world, sites[s].zone->get_netpoint(), sites[s].gw, wan);
  }
  if (spec.object_store >= 0) {
    // In a zone of its own: SimGrid mis-resolves routes between a host of the root zone and a
    // host nested deeper (it looks the deeper one up among the root's members).
    auto* zone = sg4::create_star_zone("object-store-zone");
    zone->set_parent(world);
    out.object_store = zone->create_host("object-store", 1e9);
    out.object_store->seal();
    auto* np = out.object_store->get_netpoint();
    zone->add_route(np, nullptr, nullptr, nullptr, {}, true);
    zone->seal();
    attach(world, zone->get_netpoint(), np, {links.make(world, spec.object_store)});
  }
  world->seal();
  return out;
}

}  // namespace podsim
