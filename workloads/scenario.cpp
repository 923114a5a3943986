#include "workloads/scenario.hpp"

#include "workloads/stream_fill.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/max_flow_bound.hpp"
#include "topology/text_file.hpp"
#include "topology/yaml_node.hpp"
#include "workloads/fault_parser.hpp"
#include "workloads/job_parser.hpp"
#include "workloads/scenario_limits.hpp"
#include "workloads/scenario_slice.hpp"

namespace podsim {

const char* to_string(PhaseKind k) {
  switch (k) {
    case PhaseKind::checkpoint_write: return "checkpoint_write";
    case PhaseKind::prestage_read: return "prestage_read";
    case PhaseKind::object_store_drain: return "object_store_drain";
    case PhaseKind::restore_read: return "restore_read";
    case PhaseKind::object_store_fetch: return "object_store_fetch";
    case PhaseKind::trace_replay: return "trace_replay";
  }
  return "?";
}

bool is_write(PhaseKind k) { return k == PhaseKind::checkpoint_write; }
bool is_cnode_copy(PhaseKind k) { return k == PhaseKind::object_store_drain || k == PhaseKind::object_store_fetch; }

std::vector<int> writer_sites(const PhaseSpec& ph, const Layout& l, const std::vector<int>& node_of) {
  std::vector<int> out;
  if (is_cnode_copy(ph.kind) && ph.movement.given && ph.movement.strategy == MovementStrategy::copy_hosts) {
    for (size_t s = 0; s < l.sites.size(); ++s) out.insert(out.end(), static_cast<size_t>(ph.movement.hosts), int(s));
    return out;
  }
  const auto site = is_cnode_copy(ph.kind) ? l.site_of_cnode() : l.site_of_client();
  auto site_of = [&](size_t i) { return site[node_of.empty() ? i : static_cast<size_t>(node_of[i])]; };
  if (is_cnode_copy(ph.kind)) {
    for (size_t c = 0; c < ph.per_cnode.size(); ++c) out.push_back(site_of(c));
    return out;
  }
  for (size_t c = 0; c < ph.writers_on_client.size(); ++c)
    out.insert(out.end(), static_cast<size_t>(ph.writers_on_client[c]), site_of(c));
  return out;
}

const char* phase_noun(PhaseKind k) {
  switch (k) {
    case PhaseKind::checkpoint_write: return "writers";
    case PhaseKind::prestage_read: return "readers";
    case PhaseKind::object_store_drain:
    case PhaseKind::object_store_fetch: return "C-nodes";
    case PhaseKind::restore_read: return "readers";
    case PhaseKind::trace_replay: return "operations";
  }
  return "?";
}

const Design& Scenario::design() const {
  if (layout.sites.size() != 1) throw std::logic_error("scenario " + name + " spans several sites: no single design");
  return layout.sites.front().design;
}

long long PhaseSpec::writer_count() const {
  if (is_cnode_copy(kind)) return static_cast<long long>(per_cnode.size());
  long long n = 0;
  for (int w : writers_on_client) n += w;
  return n;
}

namespace {

/** Everything under `scenario:` but its name and design. */
void parse_body(const YamlNode& s, Scenario& sc) {
  std::optional<YamlNode> slices_node;
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
    if (auto x = pl->optional("enclosure_imbalance")) sc.placement.enclosure_imbalance = x->as_number(0, 0.9);
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
    if (auto tq = mo->optional("time_quantum")) {
      sc.model.time_quantum = tq->as_duration();
      // Beyond ~100 ms a quantum is a sizeable share of a chunk's life: completions would move too far.
      if (sc.model.time_quantum.seconds() < 0 || sc.model.time_quantum.seconds() > 0.1)
        tq->fail("time quantum must be between 0 and 100 ms");
    }
    if (auto mu = mo->optional("migration_unit")) {
      sc.model.migration_unit = mu->as_bytes();
      // A unit is taken from one enclosure's buffer at a time: beyond 1 TiB it would be most of one.
      if (!(sc.model.migration_unit.bytes() > 0 && sc.model.migration_unit.bytes() <= 1024.0 * (1LL << 30)))
        mu->fail("migration unit must be more than 0 and at most 1 TiB");
    }
    if (auto ba = mo->optional("buffer_at_start")) {
      auto v = ba->as_string();
      if (v != "empty" && v != "full") ba->fail("expected 'empty' or 'full', got '" + v + "'");
      sc.model.buffer_full_at_start = v == "full";
    }
    if (auto sl = mo->optional("slices")) {
      sc.model.slices = static_cast<int>(sl->as_integer(1, 100000));
      slices_node = sl;
    }
    if (auto how = mo->optional("slicing")) {
      auto v = how->as_string();
      if (v != "identical" && v != "near") how->fail("expected 'identical' or 'near', got '" + v + "'");
      sc.model.slicing = v == "near" ? Slicing::near : Slicing::identical;
      if (!slices_node) slices_node = how;
    }
    mo->finish();
  }
  parse_jobs(s, sc);
  if (auto f = s.optional("faults")) parse_faults(*f, sc);
  if (slices_node && sc.model.slices > 1) {
    try {  // the same checks the run makes, reported at the option
      const auto how = sc.model.slicing;
      (void)slice_scenario(sc, slice_platform(make_platform_spec(sc.layout), sc.model.slices, how), sc.model.slices, how);
    } catch (const std::invalid_argument& e) {
      slices_node->fail(e.what());
    }
  }
  if (auto out = s.optional("output")) {
    if (auto si = out->optional("sample_interval")) {
      sc.output.sample_interval = si->as_duration();
      // Every resource keeps one value per interval: below 1 ms a pod-scale run would need tens of GB.
      if (sc.output.sample_interval.seconds() < 1e-3) si->fail("sample interval must be at least 1 ms");
    }
    if (auto se = out->optional("series")) {
      const auto v = se->as_name();
      if (v == "per-class") sc.output.series = SeriesDetail::per_class;
      else if (v == "per-resource") sc.output.series = SeriesDetail::per_resource;
      else se->fail("give per-class (one series per resource class) or per-resource (one per resource), got '" + v + "'");
    }
    out->finish();
  }
  check_simulated_span(s, sc);
  s.finish();
}

/** A scenario from its parsed document; files it names are relative to `file`'s folder. */
Scenario scenario_from(const YamlNode& doc, std::string text, const std::filesystem::path& file) {
  Scenario sc;
  sc.file = file;
  sc.text = std::move(text);
  auto s = doc.required("scenario");
  sc.name = s.required("name").as_name();
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
    // A vendor's claims may sit beside its inline design (`scenario.claims`, as beside a design file's).
    if (auto c = s.optional("claims")) {
      d.claims = load_claims(*c, d);
    }
    sc.layout = single_site_layout(std::move(d));
  }
  if (auto c = s.optional("claims"); c && (ln || dn->is_scalar()))
    c->fail("claims go beside an inline design; a design file carries its own `claims:`");
  if (auto pn = s.optional("profile")) {
    auto path = file.parent_path() / pn->as_string();
    if (!std::filesystem::exists(path)) pn->fail("profile file not found: " + path.string());
    use_profile(sc, load_profile(path));
  }
  parse_body(s, sc);
  doc.finish();
  size_filled_streams(sc);
  return sc;
}

}  // namespace

Scenario load_scenario(const std::filesystem::path& file) {
  auto text = read_input_file(file);
  const auto doc = YamlNode::load_text(text, file.string());  // before the text is moved away
  return scenario_from(doc, std::move(text), file);
}

Scenario load_scenario_text(const std::string& text, const std::filesystem::path& file) {
  return scenario_from(YamlNode::load_text(text, file.string()), text, file);
}

void use_profile(Scenario& sc, const Profile& p) {
  if (!sc.profile.empty())
    throw InputError(p.file.string(), 0, "profile",
                     "the scenario already uses profile '" + sc.profile + "': give one profile, not two");
  for (auto& site : sc.layout.sites) apply_profile(site.design, p);
  sc.profile = p.name;
  size_filled_streams(sc);  // the profile may move per-stream ceilings
}

Scenario load_scenario_or_design(const std::filesystem::path& file) {
  auto doc = YamlNode::load_file(file);
  if (!doc.has("scenario") && doc.has("design")) return claim_check_scenario(single_site_layout(load_design(file)));
  if (!doc.has("scenario") && doc.has("layout")) return claim_check_scenario(load_layout(file));
  return load_scenario(file);
}

extern const char* const kClaimCheckWorkloadYaml;  // generated from presets/claim-check.yaml

YAML::Node claim_check_workload_on(const YAML::Node& design) {
  YAML::Node doc = YAML::Load(kClaimCheckWorkloadYaml);
  doc["scenario"]["design"] = design;
  return doc;
}

namespace {

/** The most identical slices (at most 18; slicing is pinned within 1 % by fidelity.slices) the
 *  scenario divides into, or with `how` near the most near-identical ones (fidelity.slices-near);
 *  1 when it does not. */
int most_slices(const Scenario& sc, Slicing how = Slicing::identical) {
  const auto whole = make_platform_spec(sc.layout);
  const int cnodes = sc.layout.sites.front().design.cnode_count;
  for (int n = 18; n > 1; --n) {
    if (how == Slicing::identical && cnodes % n != 0) continue;
    try {
      (void)slice_scenario(sc, slice_platform(whole, n, how), n, how);
      return n;
    } catch (const std::invalid_argument&) {
      // the layout does not divide into n slices: try fewer
    }
  }
  return 1;
}

/** A built-in workload (`text`, a scenario without a design) on `layout`, named after its design. */
Scenario workload_on(std::string text, const std::string& file, Layout layout) {
  Scenario sc;
  sc.text = std::move(text);
  sc.file = file;
  auto doc = YamlNode::load_text(sc.text, sc.file.string());
  auto s = doc.required("scenario");
  sc.name = s.required("name").as_name() + "-" + layout.name;
  sc.layout = std::move(layout);
  parse_body(s, sc);
  doc.finish();
  return sc;
}

/** A multi-site layout's claim check runs sliced (the customer's 4-pod plan checked whole took ~6
 *  minutes, sliced it takes seconds); a single site runs whole, as `podsim check` always has. */
int claim_check_slices(const Scenario& sc) { return sc.layout.multi_site() ? most_slices(sc) : 1; }

}  // namespace

bool has_buffer_tier(const Layout& layout) {
  return std::none_of(layout.sites.begin(), layout.sites.end(), [](const auto& s) { return s.design.internal_drives; });
}

Scenario buffer_full_scenario(Layout layout) {
  const auto spec = make_platform_spec(layout);
  // The write starts on full buffers (model buffer_at_start), so the whole phase is the buffer-full
  // regime, without the burst that fills them (that burst was most of the cost: 13.5 PB on the 1 EB
  // design did not finish in 15 minutes). kBufferFullStreams per node: with one, too few strips were
  // in flight per enclosure where controllers bind (1 GiB chunks 3.4 % slow, knobs.design1-buffer-full).
  // A minute at the closed form's pace, and at least kBufferFullChunks chunks per stream: with fewer,
  // streams finish in waves and the 10-90 % window moved the rate by up to 7 % (docs/simgrid-model.md).
  const double chunk = double(kBufferFullChunkGiB) * (1ull << 30);
  const double closed = max_flow_bound(spec).sustained.bytes_per_second();
  const double tb = std::max(std::ceil(closed * kBufferFullSeconds / 1e12),
                             std::ceil(double(spec.clients.size()) * kBufferFullStreams * kBufferFullChunks * chunk / 1e12));
  std::string text = "scenario:\n"
            "  name: buffer-full\n"
            "  placement: {policy: round_robin, multipath: 1}\n"
            "  # Speed knobs: rotated buffer strips, merged flows, a 1 ms quantum and the chunks below, with the\n"
            "  # catalog's migration unit (a coarser one moves the rate where enclosure controllers bind).\n"
            "  # Sliced when the layout divides (near-identical slices for a large one that does not).\n"
            "  model: {buffer_strips: rotate, writer_flows: merged, time_quantum: 1 ms, buffer_at_start: full}\n"
            "  phases:\n"
            "    - checkpoint: {size: " + format_number("%.0f", tb) + " TB, writers: one-per-node, chunk: " + std::to_string(kBufferFullChunkGiB) +
            " GiB, streams_per_writer: " + std::to_string(kBufferFullStreams) + "}\n"
            "  output: {sample_interval: 1 s}\n";
  auto sc = workload_on(std::move(text), "podsim run --buffer-full", std::move(layout));
  sc.phases.front().wait_for_buffer = false;  // the regime is what is measured, not the drain after it
  sc.model.slices = most_slices(sc);
  if (sc.model.slices == 1 && sc.layout.client_count() > kNearSliceClients) {
    sc.model.slicing = Slicing::near;
    sc.model.slices = most_slices(sc, Slicing::near);
  }
  return sc;
}

std::string slices_text(const ModelOptions& m) {
  if (m.slices <= 1) return {};
  return "one of " + std::to_string(m.slices) + (m.slicing == Slicing::near ? " near-identical" : " identical") + " slices";
}

std::string near_slices_text(const Scenario& sc) {
  const auto& m = sc.model;
  return m.slicing == Slicing::near && m.slices > 1 ? "on " + std::to_string(m.slices) + " near-identical slices" : std::string();
}

Scenario claim_check_scenario(Layout layout) {
  auto sc = workload_on(kClaimCheckWorkloadYaml, "workloads/presets/claim-check.yaml", std::move(layout));
  size_filled_streams(sc);
  sc.model.slices = claim_check_slices(sc);
  return sc;
}

void size_filled_streams(Scenario& sc) {
  if (std::none_of(sc.phases.begin(), sc.phases.end(), [](const PhaseSpec& ph) { return ph.streams_fill; })) return;
  const auto spec = make_platform_spec(sc.layout);
  sc.concurrency.clear();
  for (auto& ph : sc.phases) {
    if (!ph.streams_fill) continue;
    const bool write = ph.kind == PhaseKind::checkpoint_write;
    // The nodes the phase runs on: a job may have a part of them.
    const int clients = static_cast<int>(std::count_if(ph.writers_on_client.begin(), ph.writers_on_client.end(), [](int w) { return w > 0; }));
    const auto sizing = streams_to_fill(spec, write, clients);
    // A node's writers (its GPU ranks) share its streams: each runs enough for the node to have them.
    int writers = 0;
    for (int w : ph.writers_on_client)
      if (w > 0) writers = writers == 0 ? w : std::min(writers, w);
    writers = std::max(1, writers);
    ph.streams_per_writer = std::max(1, (sizing.per_client + writers - 1) / writers);
    StreamSizing used = sizing;
    used.per_client = ph.streams_per_writer * writers;
    sc.concurrency.push_back(used.text(write ? "write" : "read", clients > 0 ? clients : static_cast<int>(spec.clients.size())));
  }
}

}  // namespace podsim
