#include "topology/design.hpp"

#include <cmath>

#include "topology/design_facts.hpp"
#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/yaml_node.hpp"

namespace podsim {
namespace {

constexpr long long kMaxCount = 10'000'000;

template <class F>
auto model_at(const YamlNode& n, F lookup) {
  try {
    return lookup(n.as_string());
  } catch (const UnknownModel& e) {
    n.fail(e.what());
  }
}

/**
 * `{model: X, count: N, nics: {model: Y, count: M}}`: the optional `nics` replaces the model's
 * storage NICs for this design ("what if the enclosures had 2 x 400 GbE?"), either part alone.
 */
template <class F, class Extra = void (*)(decltype(std::declval<F>()(std::string()))&, const YamlNode&)>
auto counted(const YamlNode& parent, const std::string& key, F lookup, const Catalog& catalog, Design& d,
             Extra extra = [](auto&, const YamlNode&) {}) {
  auto n = parent.required(key);
  auto model = model_at(n.required("model"), lookup);
  int count = static_cast<int>(n.required("count").as_integer(1, kMaxCount));
  extra(model, n);
  if (auto nics = n.optional("nics")) {
    auto own = nics->figure_source();
    d.sources.push_back({"design " + model.name, nics->path(), own.empty() ? "design file: overrides the catalog" : own});
    auto v = nics->value();
    if (auto m = v.optional("model")) model.nic = model_at(*m, [&](const std::string& s) { return catalog.nic(s); });
    if (auto c = v.optional("count")) model.nic_count = static_cast<int>(c->as_integer(1, 1000));
    v.finish();
  }
  n.finish();
  return std::pair{model, count};
}

void check_leaf(const YamlNode& at, const SwitchModel& leaf, Bandwidth node_speed, int lanes_needed, int uplinks,
                const std::string& what) {
  int lanes = breakout_lanes(leaf, node_speed);
  if (lanes == 0)
    at.fail("a " + format_bandwidth(node_speed) + " node port cannot attach to " + leaf.name + " ports of " +
            format_bandwidth(leaf.port_speed) + " (speeds must divide evenly)");
  int down_ports = (lanes_needed + lanes - 1) / lanes;
  if (down_ports + uplinks > leaf.ports)
    at.fail(what + " need " + std::to_string(down_ports) + " downlink ports plus " + std::to_string(uplinks) +
            " uplinks, but a " + leaf.name + " has " + std::to_string(leaf.ports) + " ports");
}

/** A design field that may be written {value, source}: its source joins the design's ledger. */
YamlNode sourced(const YamlNode& parent, const std::string& key, Design& d) {
  auto n = parent.required(key);
  auto own = n.figure_source();
  if (!own.empty()) d.sources.push_back({"design " + d.name, n.path(), own});
  return n.value();
}
std::optional<YamlNode> sourced_optional(const YamlNode& parent, const std::string& key, Design& d) {
  if (!parent.optional(key)) return std::nullopt;
  return sourced(parent, key, d);
}

/**
 * What a design may change of its enclosures' catalog model: `migration:` (any of mode, high_water,
 * low_water, pace; the rest stays the catalog's) and `buffer_ssds:` (how many write-buffer SSDs,
 * the buffer-sizing question). Each joins the ledger with its own source, or "design file".
 */
void dnode_overrides(DNodeModel& m, const YamlNode& n, Design& d) {
  auto ledger = [&](const YamlNode& f) {
    auto own = f.figure_source();
    d.sources.push_back({"design " + m.name, f.path(), own.empty() ? "design file: overrides the catalog" : own});
  };
  if (auto b = n.optional("buffer_ssds")) {
    ledger(*b);
    m.buffer_ssd_count = static_cast<int>(b->value().as_integer(1, 1000));
  }
  auto mig = n.optional("migration");
  if (!mig) return;
  ledger(*mig);
  read_migration(mig->value(), m.migration);
  m.migration.source = mig->figure_source().empty() ? "design file" : mig->figure_source();
}

/** Whole counts stay ints: anything beyond kMaxCount (or not finite) is refused before it is narrowed. */
int bounded_count(double v, const YamlNode& where, const char* what) {
  if (!(v <= double(kMaxCount)))
    where.fail("this gives " + format_number("%.4g", v) + " " + what + ", more than the " +
               std::to_string(kMaxCount) + " podsim can hold");
  return static_cast<int>(v);
}

/**
 * `scale_out:` replicates the building block. pods: N copies of everything. gpus: enough whole
 * pods for that many GPUs. usable: enough enclosures for that capacity, C-nodes at the block's C:D
 * ratio, clients unchanged (the capacity serves the same GPUs).
 */
void apply_scale_out(const std::optional<YamlNode>& so, Design& d) {
  if (!so) return;
  auto keys = so->keys();
  if (keys.size() != 1) so->fail("give exactly one of 'pods', 'gpus' or 'usable'");
  auto& s = d.scale_out;
  s.rule = keys[0];
  s.block_clients = d.client_count;
  s.block_cnodes = d.cnode_count;
  s.block_dnodes = d.dnode_count;
  if (s.rule == "pods" || s.rule == "gpus") {
    if (s.rule == "pods") {
      s.pods = static_cast<int>(so->required("pods").as_integer(1, 1000));
    } else {
      long long gpus = so->required("gpus").as_integer(1, kMaxCount);
      s.pods = static_cast<int>((gpus + d.gpu_count() - 1) / d.gpu_count());
    }
    d.client_count = bounded_count(double(d.client_count) * s.pods, *so, "clients");
    d.cnode_count = bounded_count(double(d.cnode_count) * s.pods, *so, "C-nodes");
    d.dnode_count = bounded_count(double(d.dnode_count) * s.pods, *so, "enclosures");
    s.factor = s.pods;
  } else if (s.rule == "usable") {
    auto target = so->required("usable");
    Bytes want = target.as_bytes();
    Bytes per_dnode = capacity_facts(d).usable / double(d.dnode_count);
    if (want.bytes() <= 0) target.fail("the target capacity must be positive");
    double ratio = double(d.cnode_count) / d.dnode_count;
    d.dnode_count = bounded_count(std::ceil(want / per_dnode - 1e-9), target, "enclosures");
    d.cnode_count = std::max(1, bounded_count(std::round(ratio * d.dnode_count), target, "C-nodes"));
    s.factor = double(d.dnode_count) / s.block_dnodes;
  } else {
    so->fail("unknown scale-out rule '" + s.rule + "' (expected pods, gpus or usable)");
  }
  so->finish();
}

template <class T, class F>
Claim<T> claim(const YamlNode& n, F parse) {
  Claim<T> c;
  if (n.is_map() && n.has("per")) {
    c.per = n.required("per").as_string();
    if (c.per != "server" && c.per != "appliance" && c.per != "enclosure")
      n.required("per").fail("a claim is per server, per appliance or per enclosure, got '" + c.per + "'");
  }
  auto v = n.value();
  c.source = n.figure_source().empty() ? "design file" : n.figure_source();
  if (v.is_sequence()) {
    auto items = v.items();
    if (items.size() != 2) v.fail("a claimed range is [low, high]");
    c.low = parse(items[0]);
    c.high = parse(items[1]);
    if (c.high < c.low) v.fail("a claimed range is [low, high], low first");
  } else {
    c.low = c.high = parse(v);
  }
  return c;
}

/**
 * A design of servers with internal drives, as the engine's C-nodes and enclosures: C-node i is
 * server i's NICs and CPU; enclosure i its drives (buffer and capacity tier alike: no destage),
 * reached over an internal link (no NIC, no fabric) and capped by the server's cap.
 */
void servers_as_nodes(Design& d, int count) {
  const ServerModel& s = d.server;
  d.cnode = CNodeModel{};
  static_cast<NicAttachment&>(d.cnode) = s;
  d.cnode.name = s.name;
  d.cnode.cores = s.cores;
  d.cnode.clock = s.clock;
  d.cnode.write_cycles_per_byte = s.write_cycles_per_byte;
  d.cnode.read_cycles_per_byte = s.read_cycles_per_byte;
  d.cnode.chassis_rack_units = s.rack_units;
  d.cnode.typical_power = s.typical_power;
  d.cnode.max_power = s.max_power;
  d.cnode_count = count;
  d.dnode = DNodeModel{};
  d.dnode.name = s.name + "-drives";
  d.dnode.nic = NicModel{s.name + "-internal", 1, kInternalLink, "", 1.0, 1.0};
  d.dnode.nic_count = 1;
  d.dnode.buffer_ssd = s.drive;
  d.dnode.buffer_ssd_count = s.drive_count;
  d.dnode.capacity_ssd = s.drive;
  d.dnode.capacity_ssd_count = s.drive_count;
  d.dnode.destage_unit = Bytes::from_bytes(1 << 30);
  d.dnode.destage_streams = 0;
  d.dnode.rack_units = 0;
  d.dnode_count = count;
}

}  // namespace

void set_server_caps(Design& d) {
  const ServerModel& s = d.server;
  // The cap is the internal enclosure's controller, which carries device bytes: a cap on user bytes
  // lets through the write amplification (RAID parity) on top (reads carry user bytes alone).
  const double amp = s.cap_counts_user ? d.protection.buffer_amplification() : 1.0;
  d.dnode.controller_read = s.cap_read.bytes_per_second() > 0 ? s.cap_read : kInternalLink;
  d.dnode.controller_write = s.cap_write.bytes_per_second() > 0 ? s.cap_write * amp : kInternalLink;
}

namespace {

/** `protection.across_servers`: `{copies: N}` (replication), `{data: k, parity: m}` (erasure coding
 *  across servers) or `{stored: X}` (a fitted or average figure, sent on as whole copies and a
 *  fraction), `by: server | client` (who sends the other parts: server by default), optional `source`. */
void load_across_servers(const YamlNode& n, Design& d) {
  const int forms = int(n.has("copies")) + int(n.has("data")) + int(n.has("stored"));
  if (forms != 1)
    n.fail("give one of `copies: N` (replication), `data: k, parity: m` (erasure coding across servers) or `stored: X` "
           "(bytes stored across servers per user byte, a fitted or average figure)");
  auto& pr = d.protection;
  if (n.has("stored")) {
    pr.set_across_servers(n.required("stored").as_number(1, 16));
  } else if (n.has("copies")) {
    pr.peers = static_cast<int>(n.required("copies").as_integer(1, 16)) - 1;
    pr.own_share = 1;
    pr.peer_share = 1;
  } else {
    const auto k = n.required("data").as_integer(1, 1000), m = n.required("parity").as_integer(0, 1000);
    pr.peers = static_cast<int>(k + m - 1);
    pr.own_share = pr.peer_share = 1.0 / double(k);
  }
  if (auto by = n.optional("by")) {
    const auto who = by->as_string();
    if (who != "server" && who != "client") by->fail("`by` is server (the server that took the byte sends the rest) or client");
    d.protection.peer_by_client = who == "client";
  }
  d.protection.peer_source = n.has("source") ? n.required("source").as_string() : "design file";
  d.sources.push_back({"design " + d.name, n.path(), d.protection.peer_source});
  n.finish();
}

/** A per-unit claim's totals: the figure times the count of its unit in the design. */
template <class T>
void per_unit(std::optional<Claim<T>>& c, const Design& d, const YamlNode& where) {
  if (!c || c->per.empty()) return;
  const bool servers = c->per != "enclosure";
  if (servers != d.internal_drives)
    where.fail(std::string("a claim per ") + c->per + " needs a design of " +
               (servers ? "servers or appliances (`servers:`)" : "enclosures (`dnodes:`)"));
  c->units = servers ? d.cnode_count : d.dnode_count;
  c->per_low = c->low;
  c->per_high = c->high;
  c->low = c->low * double(c->units);
  c->high = c->high * double(c->units);
}

}  // namespace

Claims load_claims(const YamlNode& c, const Design& d) {
  Claims out;
  if (auto n = c.optional("read")) out.read = claim<Bandwidth>(*n, [](const YamlNode& x) { return x.as_bandwidth(); });
  if (auto n = c.optional("write")) out.write = claim<Bandwidth>(*n, [](const YamlNode& x) { return x.as_bandwidth(); });
  if (auto n = c.optional("usable")) out.usable = claim<Bytes>(*n, [](const YamlNode& x) { return x.as_bytes(); });
  if (auto n = c.optional("racks")) {
    if (n->is_map() && n->has("per")) n->required("per").fail("racks are claimed for the whole design, not per unit");
    out.racks = claim<double>(*n, [](const YamlNode& x) { return double(x.as_integer(1, kMaxCount)); });
  }
  c.finish();
  per_unit(out.read, d, c);
  per_unit(out.write, d, c);
  per_unit(out.usable, d, c);
  return out;
}

Design load_design(const YamlNode& m, const std::filesystem::path& base_dir,
                   const std::optional<YamlNode>& scale_out) {
  Design d;
  d.name = m.required("name").as_name();
  auto catalog = Catalog::load_listed(m.required("catalog"), base_dir);
  d.sources = catalog.sources();

  std::tie(d.client, d.client_count) = counted(
      m, "clients", [&](const std::string& s) { return catalog.client(s); }, catalog, d,
      [&](ClientModel& c, const YamlNode& n) {
        if (auto p = n.optional("protocol"))
          c.protocol = model_at(*p, [&](const std::string& s) { return catalog.protocol(s); });
      });
  if (m.has("servers")) {
    if (m.has("cnodes") || m.has("dnodes"))
      m.required("servers").fail("give 'servers' (internal drives) or 'cnodes' and 'dnodes', not both");
    int count = 0;
    std::tie(d.server, count) = counted(
        m, "servers", [&](const std::string& s) { return catalog.server(s); }, catalog, d,
        [&](ServerModel& sm, const YamlNode& n) {
          // `drives: N` replaces the model's internal drive count ("what if each server had 24?", size's servers.drives).
          if (auto dr = n.optional("drives")) {
            auto own = dr->figure_source();
            d.sources.push_back({"design " + sm.name, dr->path(), own.empty() ? "design file: overrides the catalog" : own});
            sm.drive_count = static_cast<int>(dr->value().as_integer(1, 1000));
          }
        });
    d.internal_drives = true;
    servers_as_nodes(d, count);
  } else {
    std::tie(d.cnode, d.cnode_count) = counted(m, "cnodes", [&](const std::string& s) { return catalog.cnode(s); }, catalog, d);
    std::tie(d.dnode, d.dnode_count) = counted(
        m, "dnodes", [&](const std::string& s) { return catalog.dnode(s); }, catalog, d,
        [&](DNodeModel& dn, const YamlNode& n) { dnode_overrides(dn, n, d); });
  }

  auto sw = [&](const std::string& s) { return catalog.switch_model(s); };
  auto cf = m.required("client_fabric");
  d.client_fabric.leaf = model_at(cf.required("leaf"), sw);
  d.client_fabric.nodes_per_leaf = static_cast<int>(sourced(cf, "clients_per_leaf", d).as_integer(1, 100000));
  d.client_fabric.uplinks_per_leaf = static_cast<int>(sourced(cf, "uplinks_per_leaf", d).as_integer(1, 100000));
  cf.finish();
  check_leaf(cf, d.client_fabric.leaf, d.client.nic.port_speed,
             bounded_count(double(d.client_fabric.nodes_per_leaf) * d.client.ports(), cf, "ports on one leaf"),
             d.client_fabric.uplinks_per_leaf,
             std::to_string(d.client_fabric.nodes_per_leaf) + " clients of " + std::to_string(d.client.ports()) +
                 " ports each");

  auto sf = m.required("storage_fabric");
  d.storage_fabric.leaf = model_at(sf.required("leaf"), sw);
  d.storage_fabric.uplinks_per_leaf = static_cast<int>(sourced(sf, "uplinks_per_leaf", d).as_integer(1, 100000));
  sf.finish();
  for (auto [speed, what] : {std::pair{d.cnode.nic.port_speed, "C-node ports"},
                             std::pair{d.dnode.nic.port_speed, "D-node ports"}})
    if (!d.internal_drives || std::string(what) == "C-node ports")  // internal drives: no fabric port
      check_leaf(sf, d.storage_fabric.leaf, speed, breakout_lanes(d.storage_fabric.leaf, speed),
               d.storage_fabric.uplinks_per_leaf, what);

  auto pr = m.required("protection");
  // Servers: `raid: {data, parity}` inside each server (drive-level write amplification; mirroring
  // is 1 + 1). Disaggregated: the buffer and capacity stripes across enclosures.
  auto buf = pr.required(d.internal_drives ? "raid" : "buffer");
  d.protection.buffer_data = static_cast<int>(buf.required("data").as_integer(1, 1000));
  d.protection.buffer_parity = static_cast<int>(buf.required("parity").as_integer(0, 1000));
  buf.finish();
  auto cap = d.internal_drives ? buf : pr.required("capacity");
  if (d.internal_drives) {
    d.protection.capacity_data = d.protection.buffer_data;
    d.protection.capacity_parity = d.protection.buffer_parity;
  } else {
    d.protection.capacity_data = static_cast<int>(cap.required("data").as_integer(1, 10000));
    d.protection.capacity_parity = static_cast<int>(cap.required("parity").as_integer(0, 10000));
    cap.finish();
  }
  d.protection.reserve = sourced(pr, "reserve", d).as_percent();
  if (auto across = pr.optional("across_servers")) {
    if (!d.internal_drives) across->fail("protection across servers needs a design of servers (`servers:`); enclosures stripe across D-nodes (`buffer`, `capacity`)");
    load_across_servers(*across, d);
  }
  pr.finish();

  auto own_scale_out = m.optional("scale_out");
  if (own_scale_out && scale_out)
    scale_out->fail("the design " + d.name + " already scales out (at line " + std::to_string(own_scale_out->line()) +
                    "); give scale_out in one place");
  apply_scale_out(scale_out ? scale_out : own_scale_out, d);  // counts are final from here on
  // Totals that multiply counts are checked in floating point, before anything overflows an int.
  (void)bounded_count(double(d.client_count) * d.client.gpus, m.required("clients"), "GPUs");
  (void)bounded_count(double(d.client_count) * d.client.ports(), m.required("clients"), "client ports");
  (void)bounded_count(double(d.cnode_count) * d.cnode.ports() + double(d.dnode_count) * d.dnode.ports(),
                      m.required(d.internal_drives ? "servers" : "dnodes"), "storage ports");
  if (!(d.dnode.buffer_capacity().bytes() >= 1e6))
    m.required(d.internal_drives ? "servers" : "dnodes").fail(d.dnode.name + " has a write buffer of " + format_bytes(d.dnode.buffer_capacity()) +
                              ": every write lands in the buffer first, so it needs at least 1 MB (buffer SSDs x capacity)");
  if (d.internal_drives) set_server_caps(d);
  if (d.internal_drives && d.protection.buffer_width() > d.server.drive_count)
    buf.fail("a RAID stripe of " + std::to_string(d.protection.buffer_width()) + " drives, but a " + d.server.name +
             " has " + std::to_string(d.server.drive_count));
  if (d.internal_drives && d.protection.peers + 1 > d.cnode_count)
    pr.required("across_servers").fail("a write across " + std::to_string(d.protection.peers + 1) + " servers, but the design has " +
                                       std::to_string(d.cnode_count));
  if (!d.internal_drives && d.protection.buffer_width() > d.dnode_count)
    buf.fail("a buffer stripe of " + std::to_string(d.protection.buffer_width()) +
             " strips needs that many enclosures, the design has " + std::to_string(d.dnode_count));
  long long ssds = static_cast<long long>(d.dnode_count) * d.dnode.capacity_ssd_count;
  if (d.protection.capacity_data + d.protection.capacity_parity > ssds)
    cap.fail("a capacity stripe wider than the " + std::to_string(ssds) + " capacity SSDs of the design");

  auto sp = m.required("spine");
  d.spine = model_at(sp.required("model"), sw);
  auto facts = fabric_facts(d);
  int derived_spines = (facts.spine_ports_needed + d.spine.ports - 1) / d.spine.ports;
  if (auto c = sp.optional("count")) {
    d.spine_count = static_cast<int>(c->as_integer(1, kMaxCount));
    if (d.spine_count < derived_spines)
      c->fail("the leaves have " + std::to_string(facts.spine_ports_needed) + " uplinks but " +
              std::to_string(d.spine_count) + " x " + d.spine.name + " offer only " +
              std::to_string(static_cast<long long>(d.spine_count) * d.spine.ports) +
              " ports: more clients than the fabric has ports for");
  } else {
    d.spine_count = derived_spines;
  }
  sp.finish();

  auto racks = m.required("racks");
  d.rack = model_at(racks.required("model"), [&](const std::string& s) { return catalog.rack(s); });
  if (auto b = sourced_optional(racks, "power_budget", d)) d.rack.power_budget = b->as_power();
  racks.finish();
  if (d.dnode.max_power > d.rack.power_budget)
    racks.fail("one " + d.dnode.name + " (" + std::to_string(d.dnode.max_power.kilowatts()) +
               " kW max) exceeds the rack power budget");
  m.finish();
  return d;
}

Design load_design(const std::filesystem::path& file, const std::optional<YamlNode>& scale_out) {
  auto doc = YamlNode::load_file(file);
  auto d = load_design(doc.required("design"), file.parent_path(), scale_out);
  d.file = file;
  if (auto c = doc.optional("claims")) {
    d.claims = load_claims(*c, d);
  }
  doc.finish();
  return d;
}

}  // namespace podsim
