#include "workloads/scenario.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <sstream>

#include "topology/input_error.hpp"
#include "topology/text_file.hpp"
#include "topology/yaml_node.hpp"
#include "workloads/checkpoint_presets.hpp"

namespace podsim {

const char* to_string(PhaseKind k) {
  switch (k) {
    case PhaseKind::checkpoint_write: return "checkpoint_write";
    case PhaseKind::prestage_read: return "prestage_read";
    case PhaseKind::object_store_drain: return "object_store_drain";
  }
  return "?";
}

const char* phase_noun(PhaseKind k) {
  switch (k) {
    case PhaseKind::checkpoint_write: return "writers";
    case PhaseKind::prestage_read: return "readers";
    case PhaseKind::object_store_drain: return "C-nodes";
  }
  return "?";
}

const Design& Scenario::design() const {
  if (layout.sites.size() != 1) throw std::logic_error("scenario " + name + " spans several sites: no single design");
  return layout.sites.front().design;
}

long long PhaseSpec::writer_count() const {
  if (kind == PhaseKind::object_store_drain) return static_cast<long long>(per_cnode.size());
  long long n = 0;
  for (int w : writers_on_client) n += w;
  return n;
}

namespace {

/** Spreads n writers over the clients as evenly as possible (first clients get the extra one). */
std::vector<int> spread(long long n, int clients) {
  std::vector<int> out(clients, static_cast<int>(n / clients));
  for (long long i = 0; i < n % clients; ++i) out[i] += 1;
  return out;
}

/** `writers:` / `readers:`: a keyword for every GPU or node (of every site), or a count. */
std::vector<int> writers(const std::optional<YamlNode>& n, const Layout& l, bool default_gpus) {
  std::string word = n ? (n->is_scalar() ? n->as_string() : "") : (default_gpus ? "all-gpus" : "all-nodes");
  const int clients = static_cast<int>(l.client_count());
  if (word == "all-gpus") {
    std::vector<int> out;
    for (const auto& site : l.sites) out.insert(out.end(), site.design.client_count, site.design.client.gpus);
    return out;
  }
  if (word == "all-nodes" || word == "one-per-node") return std::vector<int>(clients, 1);
  long long count = n->as_integer(1, l.gpu_count());
  return spread(count, clients);
}

Bytes chunk_of(const YamlNode& phase) {
  auto c = phase.optional("chunk");
  Bytes chunk = c ? c->as_bytes() : MiB(64);
  if (chunk.bytes() < 1) c->fail("chunk must be at least 1 B");
  return chunk;
}

PhaseSpec checkpoint_phase(const YamlNode& p, const Layout& d, int index) {
  PhaseSpec s;
  s.kind = PhaseKind::checkpoint_write;
  s.name = "checkpoint-" + std::to_string(index);
  auto preset = p.optional("preset");
  auto size = p.optional("size");
  auto params = p.optional("parameters");
  auto bpp = p.optional("bytes_per_parameter");
  int given = (preset ? 1 : 0) + (size ? 1 : 0) + (params ? 1 : 0);
  if (given != 1) p.fail("give exactly one of 'preset', 'size', or 'parameters' with 'bytes_per_parameter'");
  if (preset) {
    try {
      auto ps = checkpoint_preset(preset->as_string());
      s.total = ps.size;
      s.description = ps.name + " preset (" + format_bytes(ps.size) + ", " + ps.source + ")";
    } catch (const std::invalid_argument& e) {
      preset->fail(e.what());
    }
  } else if (size) {
    s.total = size->as_bytes();
    s.description = format_bytes(s.total) + " checkpoint";
  } else {
    if (!bpp) p.fail("'parameters' needs 'bytes_per_parameter'");
    double n = params->as_number(), b = bpp->as_number();
    if (n <= 0 || b <= 0) params->fail("parameters and bytes_per_parameter must be positive");
    s.total = Bytes::from_bytes(n * b);
    s.description = format_bytes(s.total) + " checkpoint (" + std::to_string(n) + " parameters x " +
                    std::to_string(b) + " B)";
  }
  if (bpp && !params) bpp->fail("'bytes_per_parameter' goes with 'parameters'");
  s.writers_on_client = writers(p.optional("writers"), d, true);
  s.chunk = chunk_of(p);
  if (auto st = p.optional("streams_per_writer")) s.streams_per_writer = static_cast<int>(st->as_integer(1, 1024));
  if (s.total.bytes() <= 0) p.fail("the checkpoint has no bytes");
  s.per_writer = s.total / double(s.writer_count());
  p.finish();
  return s;
}

PhaseSpec prestage_phase(const YamlNode& p, const Layout& d, int index) {
  PhaseSpec s;
  s.kind = PhaseKind::prestage_read;
  s.name = "prestage-" + std::to_string(index);
  s.total = p.required("dataset").as_bytes();
  if (s.total.bytes() <= 0) p.required("dataset").fail("the dataset has no bytes");
  s.writers_on_client = writers(p.optional("readers"), d, false);
  s.chunk = chunk_of(p);
  if (auto st = p.optional("streams_per_reader")) s.streams_per_writer = static_cast<int>(st->as_integer(1, 1024));
  s.per_writer = s.total / double(s.writer_count());
  s.description = format_bytes(s.total) + " dataset read from the capacity tier";
  p.finish();
  return s;
}

/** `total` split over the sites in proportion to `weight` (one per site), then evenly over each site's C-nodes. */
std::vector<Bytes> spread_over_cnodes(Bytes total, const std::vector<double>& weight, const Layout& l) {
  double sum = 0;
  for (double w : weight) sum += w;
  std::vector<Bytes> out;
  for (size_t s = 0; s < l.sites.size(); ++s) {
    const int cnodes = l.sites[s].design.cnode_count;
    out.insert(out.end(), cnodes, total * (weight[s] / sum) / double(cnodes));
  }
  return out;
}

/** A checkpoint's writers per site: each site drains what its own clients wrote. */
std::vector<double> writers_per_site(const PhaseSpec& ckpt, const Layout& l) {
  std::vector<double> out;
  size_t client = 0;
  for (const auto& site : l.sites) {
    long long writers = 0;
    for (int i = 0; i < site.design.client_count; ++i) writers += ckpt.writers_on_client[client++];
    out.push_back(double(writers));
  }
  return out;
}

PhaseSpec drain_phase(const YamlNode& p, const Layout& l, const std::vector<PhaseSpec>& earlier, int index) {
  if (!l.object_store) p.fail("a drain copies to the object store: the scenario needs a layout with `object_store:`");
  PhaseSpec s;
  s.kind = PhaseKind::object_store_drain;
  s.name = "drain-" + std::to_string(index);
  auto of = p.optional("of");
  auto size = p.optional("size");
  if (of && size) p.fail("give 'of' (an earlier checkpoint) or 'size' (data already on the local tier), not both");
  std::string what;
  if (size) {
    s.total = size->as_bytes();
    if (s.total.bytes() <= 0) size->fail("the drain has no bytes");
    std::vector<double> gpus;
    for (const auto& site : l.sites) gpus.push_back(double(site.design.gpu_count()));
    s.per_cnode = spread_over_cnodes(s.total, gpus, l);
    what = "data on the local tier (split by GPUs per site)";
  } else {
    const PhaseSpec* ckpt = nullptr;
    for (const auto& e : earlier)
      if (e.kind == PhaseKind::checkpoint_write && (!of || e.name == of->as_string())) ckpt = &e;
    if (!ckpt && of) of->fail("no earlier checkpoint phase is named '" + of->as_string() + "'");
    if (!ckpt) p.fail("a drain copies a checkpoint: put a checkpoint phase before it, or give 'size'");
    s.total = ckpt->total;
    s.per_cnode = spread_over_cnodes(s.total, writers_per_site(*ckpt, l), l);
    what = ckpt->name;
  }
  s.chunk = chunk_of(p);
  if (auto st = p.optional("streams_per_cnode")) s.streams_per_writer = static_cast<int>(st->as_integer(1, 1024));
  s.per_writer = s.total / double(s.writer_count());
  s.description = format_bytes(s.total) + " of " + what + " copied to " + l.object_store->model.name +
                  " by each site's C-nodes";
  p.finish();
  return s;
}

/** Everything under `scenario:` but its name and design. */
void parse_body(const YamlNode& s, Scenario& sc) {
  if (auto pl = s.optional("placement")) {
    if (auto pol = pl->optional("policy")) {
      try {
        sc.placement.policy = parse_placement_policy(pol->as_string());
      } catch (const std::invalid_argument& e) {
        pol->fail(e.what());
      }
    }
    if (auto k = pl->optional("multipath")) {
      int fewest = sc.layout.sites.front().design.cnode_count;
      for (const auto& site : sc.layout.sites) fewest = std::min(fewest, site.design.cnode_count);
      sc.placement.multipath = static_cast<int>(k->as_integer(1, fewest));
    }
    pl->finish();
  }
  if (auto mo = s.optional("model")) {
    if (auto bs = mo->optional("buffer_strips")) {
      auto v = bs->as_string();
      if (v != "each" && v != "rotate") bs->fail("expected 'each' or 'rotate', got '" + v + "'");
      sc.model.rotate_buffer_strips = v == "rotate";
    }
    if (auto wf = mo->optional("writer_flows")) {
      auto v = wf->as_string();
      if (v != "each" && v != "merged") wf->fail("expected 'each' or 'merged', got '" + v + "'");
      sc.model.merge_writer_flows = v == "merged";
    }
    mo->finish();
  }
  auto phases = s.required("phases");
  if (!phases.is_sequence()) phases.fail("expected a list of phases");
  int index = 1;
  for (const auto& item : phases.items()) {
    auto keys = item.keys();
    if (keys.size() != 1) item.fail("each phase is a map with one key: checkpoint, prestage_read or drain");
    if (keys[0] == "checkpoint")
      sc.phases.push_back(checkpoint_phase(item.required("checkpoint"), sc.layout, index));
    else if (keys[0] == "prestage_read")
      sc.phases.push_back(prestage_phase(item.required("prestage_read"), sc.layout, index));
    else if (keys[0] == "drain")
      sc.phases.push_back(drain_phase(item.required("drain"), sc.layout, sc.phases, index));
    else
      item.fail("unknown phase '" + keys[0] + "' (expected checkpoint, prestage_read or drain)");
    ++index;
  }
  if (sc.phases.empty()) phases.fail("the scenario has no phases");
  if (auto out = s.optional("output")) {
    if (auto si = out->optional("sample_interval")) {
      sc.output.sample_interval = si->as_duration();
      // Every resource keeps one value per interval: below 1 ms a pod-scale run would need tens of GB.
      if (sc.output.sample_interval.seconds() < 1e-3) si->fail("sample interval must be at least 1 ms");
    }
    out->finish();
  }
  s.finish();
}

}  // namespace

Scenario load_scenario(const std::filesystem::path& file) {
  Scenario sc;
  sc.file = file;
  auto doc = YamlNode::load_file(file);
  sc.text = read_text_file(file);
  auto s = doc.required("scenario");
  sc.name = s.required("name").as_string();
  auto dn = s.optional("design");
  auto ln = s.optional("layout");
  if (dn.has_value() == ln.has_value()) s.fail("give exactly one of 'design' (a file or a map) or 'layout' (a file)");
  if (ln) {
    auto path = file.parent_path() / ln->as_string();
    if (!std::filesystem::exists(path)) ln->fail("layout file not found: " + path.string());
    sc.layout = load_layout(path);
  } else if (dn->is_scalar()) {
    auto path = file.parent_path() / dn->as_string();
    if (!std::filesystem::exists(path)) dn->fail("design file not found: " + path.string());
    sc.layout = single_site_layout(load_design(path));
  } else {
    Design d = load_design(*dn, file.parent_path());
    d.file = file;
    sc.layout = single_site_layout(std::move(d));
  }
  parse_body(s, sc);
  doc.finish();
  return sc;
}

Scenario load_scenario_or_design(const std::filesystem::path& file) {
  auto doc = YamlNode::load_file(file);
  if (!doc.has("scenario") && doc.has("design")) return claim_check_scenario(single_site_layout(load_design(file)));
  if (!doc.has("scenario") && doc.has("layout")) return claim_check_scenario(load_layout(file));
  return load_scenario(file);
}

extern const char* const kClaimCheckWorkloadYaml;  // generated from presets/claim-check.yaml

Scenario claim_check_scenario(Layout layout) {
  Scenario sc;
  sc.text = kClaimCheckWorkloadYaml;
  sc.file = "workloads/presets/claim-check.yaml";
  auto doc = YamlNode::load_text(sc.text, sc.file.string());
  auto s = doc.required("scenario");
  sc.name = s.required("name").as_string() + "-" + layout.name;
  sc.layout = std::move(layout);
  parse_body(s, sc);
  doc.finish();
  return sc;
}

}  // namespace podsim
