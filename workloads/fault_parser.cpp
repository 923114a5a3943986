#include "workloads/fault_parser.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "topology/format.hpp"
#include "topology/platform_spec.hpp"

namespace podsim {

const char* to_string(FaultKind k) {
  switch (k) {
    case FaultKind::enclosure_loss: return "enclosure_loss";
    case FaultKind::ssd_loss: return "ssd_loss";
    case FaultKind::cnode_loss: return "cnode_loss";
    case FaultKind::link_loss: return "link_loss";
    case FaultKind::leaf_loss: return "leaf_loss";
    case FaultKind::wan_outage: return "wan_outage";
  }
  return "?";
}

std::optional<double> FaultSpec::effect_end() const {
  if (until) return until->seconds();
  if (kind == FaultKind::cnode_loss) return (at + failover).seconds();
  return std::nullopt;
}

namespace {

const std::map<std::string, FaultKind> kKinds = {
    {"enclosure_loss", FaultKind::enclosure_loss}, {"ssd_loss", FaultKind::ssd_loss},
    {"cnode_loss", FaultKind::cnode_loss},         {"link_loss", FaultKind::link_loss},
    {"leaf_loss", FaultKind::leaf_loss},           {"wan_outage", FaultKind::wan_outage}};

bool ends(FaultKind k) { return k == FaultKind::link_loss || k == FaultKind::leaf_loss || k == FaultKind::wan_outage; }

template <class Nodes>
int index_named(const YamlNode& n, const Nodes& nodes, const char* what) {
  const auto name = n.as_string();
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].name == name) return static_cast<int>(i);
  n.fail(std::string("no ") + what + " named '" + name + "' (names run from '" + nodes.front().name + "' to '" +
         nodes.back().name + "')");
}

void parse_rebuild(const YamlNode& r, const PlatformSpec& p, FaultSpec& f) {
  auto& rb = f.rebuild;
  rb.data = r.required("data").as_bytes();
  if (rb.data.bytes() <= 0) r.required("data").fail("must be positive: the bytes the lost hardware held");
  rb.rate = r.required("rate").as_bandwidth();
  if (rb.rate.bytes_per_second() <= 0) r.required("rate").fail("must be positive");
  rb.unit = r.optional("unit") ? r.required("unit").as_bytes() : Bytes::from_bytes(1024.0 * 1024 * 1024);
  if (rb.unit.bytes() <= 0) r.required("unit").fail("must be positive");
  rb.unit = std::min(rb.unit, rb.data);
  if (rb.data / rb.unit > 1e8)  // every unit is a few simulated events, as a chunk is
    r.required("unit").fail("the rebuild would move " + format_number("%.3g", rb.data / rb.unit) +
                            " units; at most 1e8 can be simulated: use a larger 'unit'");
  // Every C-node of the site takes part in a rebuild (one stream each) unless told otherwise.
  rb.streams = p.sites[f.site].cnodes.count;
  if (auto s = r.optional("streams")) rb.streams = static_cast<int>(s->as_integer(1, 4096));
  if (auto d = r.optional("delay")) {
    rb.delay = d->as_duration();
    if (rb.delay.seconds() < 0) d->fail("must not be negative");
  }
  // A lost strip is rebuilt from the k surviving strips of its stripe (the capacity code's data count).
  rb.read_amplification = p.sites[f.site].protection.capacity_data;
  if (auto a = r.optional("read_amplification")) {
    rb.read_amplification = a->as_number(1, 1000);
  }
  r.finish();
}

void parse_storage_loss(const YamlNode& n, const Scenario& sc, const PlatformSpec& p, FaultSpec& f) {
  f.dnode = index_named(n.required("dnode"), p.dnodes, "D-node");
  f.site = p.dnodes[f.dnode].site;
  const auto& design = sc.layout.sites[f.site].design;
  if (f.kind == FaultKind::ssd_loss) {
    const int count = design.dnode.capacity_ssd_count;
    const int lost = static_cast<int>(n.required("ssds").as_integer(1, count));
    if (lost == count) n.required("ssds").fail("every capacity SSD of the enclosure: use enclosure_loss");
    f.lost_share = double(lost) / count;
  } else if (auto w = n.optional("writes")) {
    const auto v = w->as_string();
    if (v != "full_protection" && v != "reduced") w->fail("expected 'full_protection' or 'reduced', got '" + v + "'");
    f.writes = v == "reduced" ? DegradedWrites::reduced : DegradedWrites::full_protection;
  }
  parse_rebuild(n.required("rebuild"), p, f);
}

void parse_link_loss(const YamlNode& n, const PlatformSpec& p, FaultSpec& f) {
  const int l = index_named(n.required("link"), p.links, "link");
  const int members = p.links[l].members;
  int lost = members;
  if (auto k = n.optional("ports")) lost = static_cast<int>(k->as_integer(1, members));
  // A node's own ports, or a site's WAN: actors hold their chunks while these are down. Elsewhere
  // (D-node ports, uplinks, the spine) at least one member must stay up: traffic is not re-placed.
  const auto cls = p.links[l].cls;
  const bool may_go_down = cls == ResourceClass::client_nic || cls == ResourceClass::cnode_port ||
                           cls == ResourceClass::wan || cls == ResourceClass::object_store;
  if (lost == members && !may_go_down)
    n.fail("taking all " + std::to_string(members) + " members of " + p.links[l].name + " (" + to_string(cls) +
           ") down is not modelled: give 'ports' below " + std::to_string(members) +
           " (for an enclosure use enclosure_loss, for a C-node cnode_loss)");
  f.links = {l};
  f.remaining = double(members - lost) / members;
}

/** A client leaf switch: its uplink and the NIC of every client behind it (they wait until it is back). */
void parse_leaf_loss(const YamlNode& n, const PlatformSpec& p, FaultSpec& f) {
  const auto name = n.required("leaf").as_string();
  auto in = [&](const std::vector<PlatformSpec::Leaf>& leaves) {
    for (size_t i = 0; i < leaves.size(); ++i)
      if (leaves[i].name == name) return static_cast<int>(i);
    return -1;
  };
  const int c = in(p.client_leaves), s = in(p.storage_leaves);
  if (s >= 0)
    n.required("leaf").fail("a storage leaf's loss is not modelled as such: lose its C-nodes (cnode_loss) and enclosures "
                            "(enclosure_loss), or some of its uplinks (link_loss with ports)");
  if (c < 0)
    n.required("leaf").fail("no client leaf named '" + name + "' (they run from " + p.client_leaves.front().name + " to " +
                            p.client_leaves.back().name + ")");
  f.links = {p.client_leaves[c].uplink};
  for (const auto& x : p.clients)
    if (x.leaf == c) f.links.push_back(x.nic);
  f.remaining = 0;
}

void parse_wan_outage(const YamlNode& n, const PlatformSpec& p, FaultSpec& f) {
  if (auto s = n.optional("site")) {
    f.site = index_named(*s, p.sites, "site");
  } else if (p.sites.size() > 1) {
    n.fail("the layout has several sites: name the one whose link to the object store goes down ('site:')");
  }
  if (p.object_store < 0) n.fail("a WAN outage cuts the link to the object store: the layout has none (`object_store:`)");
  // The site's WAN link; a lone design reaches the store over its intake link.
  f.links = {p.sites[f.site].wan >= 0 ? p.sites[f.site].wan : p.object_store};
  f.remaining = 0;
  if (auto lf = n.optional("local_free")) {
    f.local_free = lf->as_bytes();
    if (f.local_free->bytes() < 0) lf->fail("must not be negative");
  }
}

FaultSpec parse_fault(const YamlNode& item, const Scenario& sc, const PlatformSpec& p) {
  const char* expected = "a fault is one of enclosure_loss, ssd_loss, cnode_loss, link_loss, leaf_loss, wan_outage: {...}";
  if (!item.is_map()) item.fail(expected);
  const auto keys = item.keys();
  if (keys.size() != 1) item.fail(expected);
  const auto it = kKinds.find(keys.front());
  auto n = item.required(keys.front());
  if (it == kKinds.end()) n.fail("unknown fault '" + keys.front() + "'");
  FaultSpec f;
  f.kind = it->second;
  f.at = n.required("at").as_duration();
  if (f.at.seconds() < 0) n.required("at").fail("must not be negative");
  if (ends(f.kind)) {
    f.until = n.required("until").as_duration();
    if (*f.until <= f.at) n.required("until").fail("must be after 'at'");
  }
  switch (f.kind) {
    case FaultKind::enclosure_loss:
    case FaultKind::ssd_loss: parse_storage_loss(n, sc, p, f); f.target = p.dnodes[f.dnode].name; break;
    case FaultKind::cnode_loss:
      f.cnode = index_named(n.required("cnode"), p.cnodes, "C-node");
      f.site = p.cnodes[f.cnode].site;
      f.target = p.cnodes[f.cnode].name;
      f.failover = n.required("failover").as_duration();
      if (f.failover.seconds() < 0) n.required("failover").fail("must not be negative");
      break;
    case FaultKind::link_loss: parse_link_loss(n, p, f); f.target = p.links[f.links.front()].name; break;
    case FaultKind::leaf_loss: parse_leaf_loss(n, p, f); f.target = n.required("leaf").as_string(); break;
    case FaultKind::wan_outage: parse_wan_outage(n, p, f); f.target = p.links[f.links.front()].name; break;
  }
  n.finish();
  return f;
}

/** What the hardware can survive: each code loses at most its parity strips per stripe. */
void check_survivable(const YamlNode& faults, const Scenario& sc, const PlatformSpec& p) {
  const auto n = p.sites.size();
  std::vector<int> lost(n, 0), cnodes_lost(n, 0), hit(n, 0);
  std::vector<bool> reduced(n, false);
  // SSD losses count like enclosure losses for the capacity code: a stripe keeps its strips on the
  // SSDs of each enclosure, so an enclosure with lost SSDs can lose that many strips of a stripe.
  std::map<int, int> ssds_lost;  // enclosure -> capacity SSDs lost
  std::map<int, size_t> enclosure_fault;
  for (size_t i = 0; i < sc.faults.size(); ++i) {
    const auto& f = sc.faults[i];
    if (f.kind == FaultKind::enclosure_loss) enclosure_fault.emplace(f.dnode, i);
  }
  for (size_t i = 0; i < sc.faults.size(); ++i) {
    const auto& f = sc.faults[i];
    if (f.kind == FaultKind::enclosure_loss) ++lost[f.site];
    if (f.kind == FaultKind::enclosure_loss && f.writes == DegradedWrites::reduced) reduced[f.site] = true;
    if (f.kind == FaultKind::cnode_loss) ++cnodes_lost[f.site];
    if (f.kind != FaultKind::ssd_loss) continue;
    if (enclosure_fault.count(f.dnode))
      faults.items()[i].fail("'" + f.target + "' is lost whole by fault " + std::to_string(enclosure_fault[f.dnode] + 1) +
                             ": its SSDs cannot be lost again");
    const int count = sc.layout.sites[f.site].design.dnode.capacity_ssd_count;
    ssds_lost[f.dnode] += static_cast<int>(std::lround(f.lost_share * count));
    if (ssds_lost[f.dnode] >= count)
      faults.items()[i].fail("'" + f.target + "' has lost every capacity SSD by now: use enclosure_loss");
  }
  for (const auto& [dnode, unused] : ssds_lost) ++hit[p.dnodes[dnode].site];
  for (size_t s = 0; s < n; ++s) hit[s] += lost[s];
  for (size_t s = 0; s < n; ++s) {
    const auto& pr = p.sites[s].protection;
    const int dnodes = p.sites[s].dnodes.count;
    const std::string site = "site " + p.sites[s].name + " ";
    // A capacity stripe wider than the enclosure count puts several strips on each enclosure.
    const int width = pr.capacity_data + pr.capacity_parity;
    const int per_enclosure = (width + dnodes - 1) / dnodes;
    if (hit[s] * per_enclosure > pr.capacity_parity)
      faults.fail(site + "loses " + std::to_string(hit[s]) + " of " + std::to_string(dnodes) +
                  " enclosures whole or in part (SSDs); its " + std::to_string(pr.capacity_data) + "+" +
                  std::to_string(pr.capacity_parity) + " capacity stripes keep " + std::to_string(per_enclosure) +
                  " strip(s) on each, so " + std::to_string(hit[s] * per_enclosure) +
                  " strips of a stripe would be lost: data loss, not a degraded mode");
    if (lost[s] > 0 && !reduced[s] && dnodes - lost[s] < pr.buffer_width())
      faults.fail(site + "keeps " + std::to_string(dnodes - lost[s]) + " enclosures, fewer than a full write-buffer stripe needs (" +
                  std::to_string(pr.buffer_width()) + "): use `writes: reduced`");
    if (lost[s] > pr.buffer_parity)
      faults.fail(site + "loses more enclosures than its write-buffer stripes have parity strips");
    if (cnodes_lost[s] >= p.sites[s].cnodes.count)
      faults.fail(site + "loses every C-node: its clients have nowhere to fail over to");
  }
  for (size_t i = 0; i < sc.faults.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (sc.faults[i].kind == sc.faults[j].kind && sc.faults[i].target == sc.faults[j].target &&
          (sc.faults[i].kind == FaultKind::enclosure_loss || sc.faults[i].kind == FaultKind::cnode_loss))
        faults.items()[i].fail("'" + sc.faults[i].target + "' is lost twice");
}

}  // namespace

void parse_faults(const YamlNode& faults, Scenario& sc) {
  const auto p = make_platform_spec(sc.layout);
  for (const auto& item : faults.items()) sc.faults.push_back(parse_fault(item, sc, p));
  check_survivable(faults, sc, p);
  std::stable_sort(sc.faults.begin(), sc.faults.end(), [](const FaultSpec& a, const FaultSpec& b) { return a.at < b.at; });
}

}  // namespace podsim
