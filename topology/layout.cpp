#include "topology/layout.hpp"

#include <algorithm>
#include <set>

#include "topology/design_facts.hpp"
#include "topology/format.hpp"
#include "topology/object_store.hpp"
#include "topology/yaml_node.hpp"

namespace podsim {

Bandwidth ObjectStoreSite::ingress() const {
  return std::min(model.throughput_for(stored), model.account_ingress * double(accounts));
}
Bandwidth ObjectStoreSite::egress() const {
  return std::min(model.throughput_for(stored), model.account_egress * double(accounts));
}

long long Layout::gpu_count() const {
  long long n = 0;
  for (const auto& s : sites) n += s.design.gpu_count();
  return n;
}
long long Layout::client_count() const {
  long long n = 0;
  for (const auto& s : sites) n += s.design.client_count;
  return n;
}

std::vector<int> Layout::gpus_per_client() const {
  std::vector<int> out;
  for (const auto& s : sites) out.insert(out.end(), s.design.client_count, s.design.client.gpus);
  return out;
}

std::vector<int> Layout::site_of_client() const {
  std::vector<int> out;
  for (size_t i = 0; i < sites.size(); ++i) out.insert(out.end(), sites[i].design.client_count, static_cast<int>(i));
  return out;
}

std::vector<int> Layout::site_of_cnode() const {
  std::vector<int> out;
  for (size_t i = 0; i < sites.size(); ++i) out.insert(out.end(), sites[i].design.cnode_count, static_cast<int>(i));
  return out;
}

std::vector<SiteFacts> site_facts(const Layout& l) {
  std::vector<SiteFacts> out;
  for (const auto& s : l.sites) {
    const Design& d = s.design;
    auto racks = rack_layout(d);
    auto power = power_facts(d);
    SiteFacts f;
    f.name = s.name;
    f.gpus = d.gpu_count();
    f.clients = d.client_count;
    f.cnodes = d.cnode_count;
    f.servers = d.internal_drives;
    f.dnodes = d.dnode_count;
    f.usable = capacity_facts(d).usable;
    f.storage_racks = storage_rack_count(racks);
    f.storage_spine_racks = storage_spine_rack_count(racks);
    f.fabric_racks = client_fabric_rack_count(racks);
    f.power_typical = power.storage_typical;
    f.power_max = power.storage_max;
    f.fabric_power_typical = power.client_fabric_typical;
    f.fabric_power_max = power.client_fabric_max;
    out.push_back(f);
  }
  return out;
}

SiteFacts layout_totals(const Layout& l) {
  SiteFacts t;
  t.name = l.name;
  t.servers = !l.sites.empty();  // every site of servers: the totals are servers too
  for (const auto& f : site_facts(l)) {
    t.servers = t.servers && f.servers;
    t.gpus += f.gpus;
    t.clients += f.clients;
    t.cnodes += f.cnodes;
    t.dnodes += f.dnodes;
    t.usable = t.usable + f.usable;
    t.storage_racks += f.storage_racks;
    t.storage_spine_racks += f.storage_spine_racks;
    t.fabric_racks += f.fabric_racks;
    t.power_typical = t.power_typical + f.power_typical;
    t.power_max = t.power_max + f.power_max;
    t.fabric_power_typical = t.fabric_power_typical + f.fabric_power_typical;
    t.fabric_power_max = t.fabric_power_max + f.fabric_power_max;
  }
  return t;
}

Layout single_site_layout(Design design) {
  Layout l;
  l.name = design.name;
  l.file = design.file;
  l.sites.push_back({design.name, std::move(design), std::nullopt});
  return l;
}

bool is_layout_file(const std::filesystem::path& file) { return YamlNode::load_file(file).has("layout"); }

namespace {

template <class T, class F>
T lookup(const YamlNode& n, F find) {
  try {
    return find(n.as_string());
  } catch (const UnknownModel& e) {
    n.fail(e.what());
  }
}

ObjectStoreSite object_store_of(const YamlNode& o, const Catalog& catalog) {
  ObjectStoreSite s;
  s.model = lookup<ObjectStoreModel>(o.required("model"), [&](const std::string& m) { return catalog.object_store(m); });
  auto stored = o.required("stored");
  s.stored = stored.as_bytes();
  if (s.stored.bytes() <= 0) stored.fail("must be greater than zero");
  // Knobs over the catalog's figures: the store's throughput per stored capacity, and one account's limits.
  auto positive = [](const YamlNode& n) {
    Bandwidth b = n.as_bandwidth();
    if (b.bytes_per_second() <= 0) n.fail("must be greater than zero");
    return b;
  };
  if (auto g = o.optional("guidance")) {
    s.model.guidance_throughput = positive(g->required("throughput"));
    s.model.guidance_per = g->required("per_stored").as_bytes();
    if (s.model.guidance_per.bytes() <= 0) g->required("per_stored").fail("must be greater than zero");
    g->finish();
  }
  if (auto a = o.optional("account")) {
    if (auto in = a->optional("ingress")) s.model.account_ingress = positive(*in);
    if (auto out = a->optional("egress")) s.model.account_egress = positive(*out);
    a->finish();
  }
  if (auto a = o.optional("accounts")) {
    s.accounts = static_cast<int>(a->as_integer(1, 100000));
    s.accounts_given = true;
    const int need = object_store_figures(s.model, s.stored).accounts_for_capacity;
    if (s.accounts < need)
      a->fail(std::to_string(s.accounts) + " accounts hold " + format_bytes(s.model.account_capacity * double(s.accounts)) +
              ", less than the " + format_bytes(s.stored) + " stored: the capacity needs " + std::to_string(need));
  } else {
    s.accounts = object_store_figures(s.model, s.stored).accounts();
  }
  o.finish();
  return s;
}

}  // namespace

Layout load_layout(const std::filesystem::path& file) {
  auto doc = YamlNode::load_file(file);
  auto m = doc.required("layout");
  Layout l;
  l.file = file;
  l.name = m.required("name").as_name();
  // The catalog holds the WAN and object-store models; a layout without either needs none.
  auto cat = m.optional("catalog");
  auto catalog = cat ? Catalog::load_listed(*cat, file.parent_path()) : Catalog::load({});
  auto sites = m.required("sites");
  if (!sites.is_sequence() || sites.items().empty()) sites.fail("expected a list of sites");
  std::set<std::string> names, wans;
  for (const auto& item : sites.items()) {
    Site s;
    auto name = item.required("name");
    s.name = name.as_name();
    if (!names.insert(s.name).second) name.fail("two sites are named '" + s.name + "'");
    auto dn = item.required("design");
    auto path = file.parent_path() / dn.as_string();
    if (!std::filesystem::exists(path)) dn.fail("design file not found: " + path.string());
    auto scale_out = item.optional("scale_out");
    s.design = load_design(path, scale_out);
    if (scale_out) s.design.claims = {};  // the vendor's claims were made for the unscaled block
    if (auto wan = item.optional("wan")) {
      s.wan = lookup<WanModel>(*wan, [&](const std::string& w) { return catalog.wan(w); });
      wans.insert(s.wan->name);
    }
    item.finish();
    l.sites.push_back(std::move(s));
  }
  if (auto os = m.optional("object_store")) l.object_store = object_store_of(*os, catalog);
  if (auto ch = m.optional("copy_host")) {
    if (!l.object_store) ch->fail("copy hosts copy to an object store: the layout has no `object_store:`");
    l.copy_host = lookup<CopyHostModel>(*ch, [&](const std::string& h) { return catalog.copy_host(h); });
  }
  for (const auto& site : l.sites)
    if (l.object_store && !site.wan)
      sites.fail("site '" + site.name + "' has no `wan:` link to the object store");
  if (!l.object_store && l.sites.size() > 1)
    sites.fail("several sites need an `object_store:` their WAN links lead to");
  for (const auto& src : catalog.sources())
    if (wans.count(src.model) || (l.object_store && src.model == l.object_store->model.name) ||
        (l.copy_host && src.model == l.copy_host->name))
      l.sources.push_back(src);
  m.finish();
  doc.finish();
  return l;
}

}  // namespace podsim
