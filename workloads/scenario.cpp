#include "workloads/scenario.hpp"

#include <fstream>
#include <sstream>

#include "topology/input_error.hpp"
#include "topology/yaml_node.hpp"
#include "workloads/checkpoint_presets.hpp"

namespace podsim {

const char* to_string(PhaseKind k) { return k == PhaseKind::checkpoint_write ? "checkpoint_write" : "prestage_read"; }

long long PhaseSpec::writer_count() const {
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

/** `writers:` / `readers:`: a keyword for every GPU or node, or a count. */
std::vector<int> writers(const std::optional<YamlNode>& n, const Design& d, bool default_gpus) {
  std::string word = n ? (n->is_scalar() ? n->as_string() : "") : (default_gpus ? "all-gpus" : "all-nodes");
  if (word == "all-gpus") return std::vector<int>(d.client_count, d.client.gpus);
  if (word == "all-nodes" || word == "one-per-node") return std::vector<int>(d.client_count, 1);
  long long count = n->as_integer(1, static_cast<long long>(d.gpu_count()));
  return spread(count, d.client_count);
}

Bytes chunk_of(const YamlNode& phase) {
  auto c = phase.optional("chunk");
  Bytes chunk = c ? c->as_bytes() : MiB(64);
  if (chunk.bytes() < 1) c->fail("chunk must be at least 1 B");
  return chunk;
}

PhaseSpec checkpoint_phase(const YamlNode& p, const Design& d, int index) {
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

PhaseSpec prestage_phase(const YamlNode& p, const Design& d, int index) {
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

std::string read_file_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
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
    if (auto k = pl->optional("multipath"))
      sc.placement.multipath = static_cast<int>(k->as_integer(1, sc.design.cnode_count));
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
    if (keys.size() != 1) item.fail("each phase is a map with one key: checkpoint or prestage_read");
    if (keys[0] == "checkpoint")
      sc.phases.push_back(checkpoint_phase(item.required("checkpoint"), sc.design, index));
    else if (keys[0] == "prestage_read")
      sc.phases.push_back(prestage_phase(item.required("prestage_read"), sc.design, index));
    else
      item.fail("unknown phase '" + keys[0] + "' (expected checkpoint or prestage_read)");
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
  sc.text = read_file_text(file);
  auto s = doc.required("scenario");
  sc.name = s.required("name").as_string();
  auto dn = s.required("design");
  if (dn.is_scalar()) {
    auto path = file.parent_path() / dn.as_string();
    if (!std::filesystem::exists(path)) dn.fail("design file not found: " + path.string());
    sc.design = load_design(path);
  } else {
    sc.design = load_design(dn, file.parent_path());
    sc.design.file = file;
  }
  parse_body(s, sc);
  doc.finish();
  return sc;
}

Scenario load_scenario_or_design(const std::filesystem::path& file) {
  auto doc = YamlNode::load_file(file);
  if (!doc.has("scenario") && doc.has("design")) return claim_check_scenario(load_design(file));
  return load_scenario(file);
}

extern const char* const kClaimCheckWorkloadYaml;  // generated from presets/claim-check.yaml

Scenario claim_check_scenario(Design design) {
  Scenario sc;
  sc.text = kClaimCheckWorkloadYaml;
  sc.file = "workloads/presets/claim-check.yaml";
  auto doc = YamlNode::load_text(sc.text, sc.file.string());
  auto s = doc.required("scenario");
  sc.name = s.required("name").as_string() + "-" + design.name;
  sc.design = std::move(design);
  parse_body(s, sc);
  doc.finish();
  return sc;
}

}  // namespace podsim
