#include "topology/catalog.hpp"

#include <algorithm>
#include <tuple>

#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/yaml_node.hpp"

namespace podsim {

const char* to_string(Migration::Mode m) { return m == Migration::Mode::cnodes ? "cnodes" : "enclosure"; }

void read_migration(const YamlNode& v, Migration& m) {
  if (auto k = v.optional("mode")) {
    const auto mode = k->as_string();
    if (mode == "enclosure") m.mode = Migration::Mode::enclosure;
    else if (mode == "cnodes") m.mode = Migration::Mode::cnodes;
    else k->fail("unknown migration mode '" + mode + "' (expected enclosure or cnodes)");
  }
  if (auto h = v.optional("high_water")) m.high_water = h->as_percent();
  if (auto l = v.optional("low_water")) m.low_water = l->as_percent();
  if (auto r = v.optional("pace")) {
    m.pace = r->as_bandwidth();
    if (m.pace.bytes_per_second() <= 0) r->fail("must be greater than zero (leave pace out for none)");
  }
  if (m.low_water > m.high_water)
    v.fail("the low-water mark (" + format_number("%.3g %%", 100 * m.low_water) + ") is above the high-water mark (" +
           format_number("%.3g %%", 100 * m.high_water) + ")");
  if (m.high_water >= 1) v.fail("a high-water mark at or above 100 % never starts migration");
  v.finish();
}

/** Parses entries kind by kind, so references (SSD, NIC) resolve regardless of file order. */
class CatalogLoader {
 public:
  explicit CatalogLoader(Catalog& c) : c_(c) {}

  void collect(const YamlNode& file) {
    (void)file.optional("catalog");  // a descriptive title
    auto models = file.required("models");
    for (const auto& name : models.keys()) {
      auto entry = models.required(name);
      auto kind = entry.required("kind").as_string();
      if (seen_.count(name)) entry.fail("model '" + name + "' is defined twice (also at " + seen_[name] + ")");
      seen_[name] = entry.file() + ":" + std::to_string(entry.line());
      entries_[kind].push_back({name, entry});
    }
    models.finish();
    file.finish();
  }

  void parse_all() {
    static const std::vector<std::string> kOrder{"nic", "ssd", "switch", "rack", "client", "cnode", "dnode",
                                                   "object_store", "wan", "server", "protocol", "copy_host"};
    for (const auto& [kind, list] : entries_)
      if (std::find(kOrder.begin(), kOrder.end(), kind) == kOrder.end())
        list.front().second.required("kind").fail("unknown kind '" + kind +
                                                  "' (expected nic, ssd, switch, rack, client, cnode, dnode, object_store, wan, server, protocol or copy_host)");
    for (const auto& kind : kOrder)
      for (const auto& [name, e] : entries_[kind]) parse(kind, name, e);
  }

 private:
  /** Records the figure's source (its own, else the entry's) and returns the node. */
  YamlNode fig(const YamlNode& e, const std::string& model, const std::string& key) {
    auto n = e.required(key);
    note(n, model);
    return n.value();
  }
  void note(const YamlNode& n, const std::string& model) {
    auto own = n.figure_source();
    c_.sources_.push_back({model, n.path(), own.empty() ? entry_source_ : own, n.figure_derived_from_claim()});
  }
  static std::string transport(const YamlNode& n) {
    static const std::vector<std::string> known{"rdma-ib", "opa", "roce", "tcp", "slingshot", "unstated"};
    auto t = n.as_string();
    if (std::find(known.begin(), known.end(), t) == known.end())
      n.fail("unknown transport '" + t + "' (expected rdma-ib, opa, roce, tcp, slingshot or unstated)");
    return t;
  }
  int count(const YamlNode& n, long long min = 1) { return static_cast<int>(n.as_integer(min, 1'000'000)); }
  double fraction(const YamlNode& n) {
    return n.as_number(0.01, 1);  // below 1 % no real device runs; 1e-300 made a run that never ends
  }
  Bandwidth positive(const YamlNode& n) {
    auto bw = n.as_bandwidth();
    if (bw.bytes_per_second() <= 0) n.fail("must be greater than zero");
    return bw;
  }
  std::pair<Power, Power> power(const YamlNode& e, const std::string& model) {
    auto p = fig(e, model, "power");
    Power typical = p.required("typical").as_power(), max = p.required("max").as_power();
    if (max < typical) p.fail("max power is below typical power");
    p.finish();
    return {typical, max};
  }
  template <class M>
  const M& ref(const std::map<std::string, M>& table, const YamlNode& n, const char* kind) {
    auto name = n.as_string();
    auto it = table.find(name);
    if (it == table.end()) n.fail("unknown " + std::string(kind) + " model '" + name + "' in the catalog");
    return it->second;
  }
  /** `ports: {count: N, speed: S}` */
  std::pair<int, Bandwidth> ports(const YamlNode& e, const std::string& model) {
    auto n = fig(e, model, "ports");
    int c = count(n.required("count"));
    Bandwidth speed = positive(n.required("speed"));
    n.finish();
    return {c, speed};
  }
  /** `nics: {model: X, count: N}` */
  std::pair<NicModel, int> nics(const YamlNode& e, const std::string& model) {
    auto n = fig(e, model, "nics");
    auto nic = ref(c_.nics_, n.required("model"), "nic");
    int cnt = count(n.required("count"));
    n.finish();
    return {nic, cnt};
  }
  /** `cpu: {cores, clock, cycles_per_byte: {write, read[, migrate]}}` of a C-node or a server;
   *  `migrate` (C-nodes) is the work per byte moved from the write buffer to the capacity tier. */
  std::tuple<int, Frequency, double, double> cpu(const YamlNode& e, const std::string& model, double* migrate = nullptr) {
    auto n = fig(e, model, "cpu");
    const int cores = count(n.required("cores"));
    const Frequency clock = n.required("clock").as_frequency();
    if (clock.hertz() < 1e6) n.required("clock").fail("a C-node clock runs at 1 MHz or more");
    auto cpb = n.required("cycles_per_byte");
    // Real storage software spends well under 100 cycles per byte; 1e4 leaves room for what-ifs.
    const double write = cpb.required("write").as_number(0, 1e4), read = cpb.required("read").as_number(0, 1e4);
    if (migrate)
      if (auto m = cpb.optional("migrate")) *migrate = m->as_number(0, 1e4);
    cpb.finish();
    n.finish();
    return {cores, clock, write, read};
  }
  /** `migration: {mode: enclosure | cnodes, high_water: P %, low_water: P %, pace: R}` of an enclosure. */
  Migration migration(const YamlNode& e, const std::string& model) {
    Migration m;
    if (!e.optional("migration")) return m;
    auto src = e.required("migration").figure_source();
    m.source = src.empty() ? entry_source_ : src;
    auto n = fig(e, model, "migration");
    (void)n.required("mode");  // a catalog entry says where its migration runs; a design may override parts
    read_migration(n, m);
    return m;
  }
  std::pair<SsdModel, int> ssds(const YamlNode& e, const std::string& model, const std::string& key) {
    auto n = fig(e, model, key);
    auto ssd = ref(c_.ssds_, n.required("model"), "ssd");
    int cnt = count(n.required("count"));
    n.finish();
    return {ssd, cnt};
  }

  void parse(const std::string& kind, const std::string& name, const YamlNode& e) {
    (void)e.required("kind");
    entry_source_ = e.required("source").as_string();
    if (entry_source_.empty()) e.required("source").fail("a source line is required (or 'assumed: why')");
    if (kind == "nic") {
      NicModel m;
      m.name = name;
      std::tie(m.ports, m.port_speed) = ports(e, name);
      // `efficiency: 0.96`, or per direction `efficiency: {write: 0.8, read: 0.9}`.
      auto eff = fig(e, name, "efficiency");
      if (eff.is_map()) {
        m.efficiency_write = fraction(eff.required("write"));
        m.efficiency_read = fraction(eff.required("read"));
        eff.finish();
      } else {
        m.set_efficiency(fraction(eff));
      }
      if (auto t = e.optional("transport")) m.transport = transport(*t);
      c_.nics_[name] = m;
    } else if (kind == "ssd") {
      SsdModel m;
      m.name = name;
      m.capacity = fig(e, name, "capacity").as_bytes();
      m.read = positive(fig(e, name, "read"));
      m.write = positive(fig(e, name, "write"));
      c_.ssds_[name] = m;
    } else if (kind == "switch") {
      SwitchModel m;
      m.name = name;
      std::tie(m.ports, m.port_speed) = ports(e, name);
      m.rack_units = count(fig(e, name, "rack_units"));
      m.latency = fig(e, name, "latency").as_duration();
      std::tie(m.typical_power, m.max_power) = power(e, name);
      c_.switches_[name] = m;
    } else if (kind == "rack") {
      RackModel m;
      m.name = name;
      m.rack_units = count(fig(e, name, "rack_units"));
      m.power_budget = fig(e, name, "power_budget").as_power();
      c_.racks_[name] = m;
    } else if (kind == "client") {
      ClientModel m;
      m.name = name;
      m.gpus = count(fig(e, name, "gpus"));
      std::tie(m.nic, m.nic_count) = nics(e, name);
      if (auto g = e.optional("nodes")) m.nodes = count(*g);
      if (auto b = e.optional("benchmark")) m.benchmark = b->as_name();
      // The benchmark client's own ceilings (podsim validate writes them from its shared knobs).
      for (auto [key, w, r] : {std::tuple{"host_limit", &m.host_limit_write, &m.host_limit_read},
                               std::tuple{"stream_limit", &m.stream_limit_write, &m.stream_limit_read}})
        if (e.optional(key)) {
          auto l = fig(e, name, key);
          *w = positive(l.required("write"));
          *r = positive(l.required("read"));
          l.finish();
        }
      c_.clients_[name] = m;
    } else if (kind == "cnode") {
      CNodeModel m;
      m.name = name;
      std::tie(m.nic, m.nic_count) = nics(e, name);
      std::tie(m.cores, m.clock, m.write_cycles_per_byte, m.read_cycles_per_byte) =
          cpu(e, name, &m.migrate_cycles_per_byte);
      auto chassis = fig(e, name, "chassis");
      m.chassis_rack_units = count(chassis.required("rack_units"));
      m.nodes_per_chassis = count(chassis.required("nodes"));
      chassis.finish();
      std::tie(m.typical_power, m.max_power) = power(e, name);
      c_.cnodes_[name] = m;
    } else if (kind == "dnode") {
      DNodeModel m;
      m.name = name;
      std::tie(m.nic, m.nic_count) = nics(e, name);
      auto ctl = fig(e, name, "controller");
      m.controller_read = positive(ctl.required("read"));
      m.controller_write = positive(ctl.required("write"));
      ctl.finish();
      std::tie(m.buffer_ssd, m.buffer_ssd_count) = ssds(e, name, "buffer_ssd");
      std::tie(m.capacity_ssd, m.capacity_ssd_count) = ssds(e, name, "capacity_ssd");
      auto destage = fig(e, name, "destage");
      m.destage_unit = destage.required("unit").as_bytes();
      if (m.destage_unit.bytes() <= 0) destage.required("unit").fail("must be greater than zero");
      m.destage_streams = count(destage.required("streams"));
      destage.finish();
      m.migration = migration(e, name);
      m.rack_units = count(fig(e, name, "rack_units"));
      std::tie(m.typical_power, m.max_power) = power(e, name);
      c_.dnodes_[name] = m;
    } else if (kind == "object_store") {
      ObjectStoreModel m;
      m.name = name;
      auto g = fig(e, name, "guidance");
      m.guidance_throughput = positive(g.required("throughput"));
      m.guidance_per = g.required("per_stored").as_bytes();
      if (m.guidance_per.bytes() <= 0) g.required("per_stored").fail("must be greater than zero");
      g.finish();
      auto a = fig(e, name, "account");
      m.account_capacity = a.required("capacity").as_bytes();
      m.account_ingress = positive(a.required("ingress"));
      m.account_egress = positive(a.required("egress"));
      m.account_requests = a.required("requests_per_second").as_number(1, 1e12);
      a.finish();
      if (e.optional("url_copy")) {
        auto u = fig(e, name, "url_copy");
        m.url_copy_max_request = u.required("max_request").as_bytes();
        if (m.url_copy_max_request.bytes() <= 0) u.required("max_request").fail("must be greater than zero");
        u.finish();
      }
      if (e.optional("https_cycles_per_byte"))
        m.https_cycles_per_byte = fig(e, name, "https_cycles_per_byte").as_number(0, 1e4);
      c_.object_stores_[name] = m;
    } else if (kind == "protocol") {
      ProtocolModel m;
      m.name = name;
      m.protocol_class = e.required("class").as_name();
      auto pc = fig(e, name, "per_client");
      m.per_client_write = positive(pc.required("write"));
      m.per_client_read = positive(pc.required("read"));
      pc.finish();
      c_.protocols_[name] = m;
    } else if (kind == "server") {
      ServerModel m;
      m.name = name;
      m.server_class = e.required("class").as_name();
      std::tie(m.nic, m.nic_count) = nics(e, name);
      if (e.optional("cpu")) {
        std::tie(m.cores, m.clock, m.write_cycles_per_byte, m.read_cycles_per_byte) = cpu(e, name);
      } else {
        m.clock = Frequency::from_hertz(1e9);  // no CPU figure: the CPU is never the limit
      }
      std::tie(m.drive, m.drive_count) = ssds(e, name, "drives");
      if (e.optional("cap")) {
        auto cap = fig(e, name, "cap");
        m.cap_read = positive(cap.required("read"));
        m.cap_write = positive(cap.required("write"));
        if (auto counts = cap.optional("counts")) {
          const auto c = counts->as_name();
          if (c != "user" && c != "device")
            counts->fail("a cap counts 'user' bytes (what clients write) or 'device' bytes (parity included), got '" + c + "'");
          m.cap_counts_user = c == "user";
        }
        cap.finish();
      }
      m.rack_units = count(fig(e, name, "rack_units"));
      std::tie(m.typical_power, m.max_power) = power(e, name);
      c_.servers_[name] = m;
    } else if (kind == "copy_host") {
      CopyHostModel m;
      m.name = name;
      std::tie(m.nic, m.nic_count) = nics(e, name);
      // cycles_per_byte: write = per byte uploaded to the store, read = per byte downloaded from it.
      std::tie(m.cores, m.clock, m.upload_cycles_per_byte, m.download_cycles_per_byte) = cpu(e, name);
      c_.copy_hosts_[name] = m;
    } else if (kind == "wan") {
      WanModel m;
      m.name = name;
      m.bandwidth = positive(fig(e, name, "bandwidth"));
      m.latency = fig(e, name, "latency").as_duration();
      c_.wans_[name] = m;
    }
    e.finish();
  }

  Catalog& c_;
  std::string entry_source_;
  std::map<std::string, std::string> seen_;
  std::map<std::string, std::vector<std::pair<std::string, YamlNode>>> entries_;
};

Catalog Catalog::load(const std::vector<std::filesystem::path>& files, const std::vector<YamlNode>& inline_docs) {
  Catalog c;
  CatalogLoader loader(c);
  for (const auto& f : files) loader.collect(YamlNode::load_file(f));
  for (const auto& doc : inline_docs) loader.collect(doc);
  loader.parse_all();
  return c;
}

Catalog Catalog::load_listed(const YamlNode& list, const std::filesystem::path& base_dir) {
  std::vector<std::filesystem::path> files;
  std::vector<YamlNode> inline_docs;
  for (const auto& item : list.items()) {
    if (item.is_map()) {  // an inline catalog: `{models: {...}}` (podsim validate writes these)
      inline_docs.push_back(item);
      continue;
    }
    auto p = base_dir / item.as_string();
    if (!std::filesystem::exists(p)) item.fail("catalog file not found: " + p.string());
    files.push_back(p);
  }
  return load(files, inline_docs);
}

namespace {
template <class M>
const M& find(const std::map<std::string, M>& table, const std::string& name, const char* kind) {
  auto it = table.find(name);
  if (it == table.end()) {
    std::string known;
    for (const auto& [k, v] : table) known += (known.empty() ? "" : ", ") + k;
    throw UnknownModel("unknown " + std::string(kind) + " model '" + name + "' (the catalog has: " +
                       (known.empty() ? "none" : known) + ")");
  }
  return it->second;
}
}  // namespace

const ClientModel& Catalog::client(const std::string& n) const { return find(clients_, n, "client"); }
const ServerModel& Catalog::server(const std::string& n) const { return find(servers_, n, "server"); }
const ProtocolModel& Catalog::protocol(const std::string& n) const { return find(protocols_, n, "protocol"); }
const CNodeModel& Catalog::cnode(const std::string& n) const { return find(cnodes_, n, "cnode"); }
const DNodeModel& Catalog::dnode(const std::string& n) const { return find(dnodes_, n, "dnode"); }
std::vector<std::string> Catalog::dnode_names() const {
  std::vector<std::string> out;
  for (const auto& [name, model] : dnodes_) out.push_back(name);
  return out;
}
const SwitchModel& Catalog::switch_model(const std::string& n) const { return find(switches_, n, "switch"); }
const RackModel& Catalog::rack(const std::string& n) const { return find(racks_, n, "rack"); }
const ObjectStoreModel& Catalog::object_store(const std::string& n) const {
  return find(object_stores_, n, "object_store");
}
const WanModel& Catalog::wan(const std::string& n) const { return find(wans_, n, "wan"); }
const CopyHostModel& Catalog::copy_host(const std::string& n) const { return find(copy_hosts_, n, "copy_host"); }
const NicModel& Catalog::nic(const std::string& n) const { return find(nics_, n, "nic"); }

}  // namespace podsim
