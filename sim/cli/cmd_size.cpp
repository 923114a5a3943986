// podsim size: the cheapest variant of a design that meets throughput and capacity targets with a
// margin of at least podsim's own error. The max-flow bound brackets (topology/sizing.hpp: nothing
// cheaper than the bound's answer can do better by simulation); simulation confirms, through the
// sweep machinery (a process a point, locally or as a Slurm job array), and refines (docs/sizing.md).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "analysis/claim_check.hpp"
#include "analysis/output_file.hpp"
#include "sim/cli/buffer_full_run.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/sweep_files.hpp"
#include "sim/cli/sweep_slurm.hpp"
#include "topology/design_facts.hpp"
#include "topology/figures_behind.hpp"
#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/max_flow_bound.hpp"
#include "topology/platform_spec.hpp"
#include "topology/sizing.hpp"
#include "workloads/model_error_band.hpp"
#include "workloads/scenario.hpp"

namespace podsim::cli {
namespace {

/** What the sized design must reach by simulation, and by how much more than the user's target. */
struct Needs {
  SizingTargets asked;   ///< as given
  SizingTargets needed;  ///< throughput targets times (1 + margin)
  double write_margin = 0, read_margin = 0;
  std::string margin_basis;
};

/** The margin of one direction: at least the knob resolution, and what the measured error needs at `confidence`. */
double margin_for(const char* op, double confidence) {
  const double r = ratio_at_confidence(model_error_band(op), confidence);
  return std::max(kKnobResolution, std::isfinite(r) && r > 0 ? 1 / r - 1 : 0.0);
}

Needs needs_of(const SizingTargets& t, std::optional<double> margin, double confidence) {
  Needs n;
  n.asked = n.needed = t;
  if (margin) {
    n.write_margin = n.read_margin = *margin;
    n.margin_basis = "given (--margin)";
  } else {
    n.write_margin = margin_for("write", confidence);
    n.read_margin = margin_for("read", confidence);
    n.margin_basis = format_number("podsim's measured error on published systems at %.0f %% confidence", confidence * 100) +
                     " (workloads/presets/model-error.yaml), at least the 1 % knob resolution";
  }
  if (t.write) n.needed.write = *t.write * (1 + n.write_margin);
  if (t.read) n.needed.read = *t.read * (1 + n.read_margin);
  if (t.write_sustained) n.needed.write_sustained = *t.write_sustained * (1 + n.write_margin);
  return n;
}

/** One simulated variant. */
struct Probe {
  SizingPoint point;
  double write = NAN, read = NAN;  ///< sustained B/s of the write and read phase
  std::string write_bottleneck, read_bottleneck, write_runner_up, read_runner_up;
  double write_headroom = NAN, read_headroom = NAN;  ///< the runner-up's, in %
  std::string error;               ///< the run failed: the last line of its log
  [[nodiscard]] bool meets(const SizingTargets& t) const {
    if (!error.empty()) return false;
    if (t.write && !(write >= t.write->bytes_per_second())) return false;
    return !(t.read && !(read >= t.read->bytes_per_second()));
  }
  /** Simulated / bound, the least over the simulated directions: how much the bound overstates. */
  [[nodiscard]] double loss(const SizingTargets& t) const {
    double l = 1;
    if (t.write) l = std::min(l, write / point.write_bound.bytes_per_second());
    if (t.read) l = std::min(l, read / point.read_bound.bytes_per_second());
    return std::isfinite(l) && l > 0 ? l : 1;
  }
};

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

/** The claim-check workload, only the phases the targets need, on the design inlined (absolute catalogs). */
std::string base_scenario(const DesignVariants& v, const SizingTargets& t) {
  YAML::Node doc = claim_check_workload_on(YAML::Load(v.yaml({}, {}))["design"]);
  YAML::Node sc = doc["scenario"];
  sc["name"] = "size";
  YAML::Node phases(YAML::NodeType::Sequence);
  for (const auto& p : sc["phases"])
    if ((p["checkpoint"] && t.write) || (p["prestage_read"] && t.read)) phases.push_back(p);
  sc["phases"] = phases;
  YAML::Emitter e;
  e << doc;
  return "# podsim size: the claim-check workload on the design being sized (written by podsim size)\n" +
         std::string(e.c_str()) + "\n";
}

struct Runner {
  const DesignVariants& variants;
  const std::vector<SizingKnob>& knobs;
  std::filesystem::path work;
  int jobs = 2;
  bool quiet = false;
  std::optional<SlurmOptions> slurm;
  int rounds_run = 0;

  /** Simulates `points` as one sweep round; a probe per point. */
  std::vector<Probe> simulate(const std::vector<SizingPoint>& points) {
    ++rounds_run;
    const auto name = "round-" + std::to_string(rounds_run);
    // The variants' values (model names among them) are scalars the emitter quotes, never YAML text.
    YAML::Emitter sweep;
    sweep << YAML::BeginMap << YAML::Key << "sweep" << YAML::Value << YAML::BeginMap << YAML::Key << "name"
          << YAML::Value << "size-" + name << YAML::Key << "base" << YAML::Value << "base.yaml" << YAML::Key << "mode"
          << YAML::Value << "zip" << YAML::Key << "axes" << YAML::Value << YAML::BeginMap;
    for (size_t k = 0; k < knobs.size(); ++k) {
      sweep << YAML::Key << "design." + knobs[k].field << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (const auto& p : points) sweep << p.values[k];
      sweep << YAML::EndSeq;
    }
    sweep << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    const auto file = work / (name + ".sweep.yaml");
    write_text_file(file, "# podsim size: variants simulated in round " + std::to_string(rounds_run) +
                              " (written by podsim size)\n" + sweep.c_str() + "\n");
    const auto prepared = prepare_sweep(file, (work / name).string());
    if (!quiet)
      std::cerr << "[podsim] size: round " << rounds_run << ", simulating " << points.size() << " variant(s)"
                << (slurm ? " on Slurm" : "") << "\n";
    if (slurm && !prepared.pending.empty())
      (void)submit_slurm_array(prepared, *slurm);
    else if (!slurm)
      run_pending_locally(prepared, jobs, quiet);
    const auto table = collect_sweep(prepared.dir.dir);
    std::vector<Probe> out;
    for (size_t i = 0; i < points.size(); ++i) {
      Probe pr;
      pr.point = points[i];
      const auto& row = table.rows.at(i);
      if (!row.done) pr.error = row.error.empty() ? "the run did not finish" : row.error;
      for (const auto& item : row.summary) {
        const auto dot = item.key.find('.');
        if (dot == std::string::npos) continue;
        const auto phase = item.key.substr(0, dot), what = item.key.substr(dot + 1);
        const bool w = phase.rfind("checkpoint", 0) == 0, r = phase.rfind("prestage", 0) == 0;
        if (!w && !r) continue;
        if (what == "sustained" && item.unit == "TB/s") (w ? pr.write : pr.read) = item.value * 1e12;
        if (what == "bottleneck") (w ? pr.write_bottleneck : pr.read_bottleneck) = item.text;
        if (what == "runner_up") (w ? pr.write_runner_up : pr.read_runner_up) = item.text;
        if (what == "runner_up_headroom") (w ? pr.write_headroom : pr.read_headroom) = item.value;
      }
      out.push_back(pr);
    }
    return out;
  }
};

std::string tbps(double bps) { return std::isfinite(bps) ? format_number("%.3f TB/s", bps / 1e12) : "-"; }

std::string values_text(const std::vector<SizingKnob>& knobs, const std::vector<std::string>& values) {
  std::vector<std::string> parts;
  for (size_t k = 0; k < knobs.size(); ++k) parts.push_back(knobs[k].field + "=" + values[k]);
  return joined(parts, " ");
}

/** The sized design file: the variant, renamed, with the targets as its claims. */
std::string sized_design_file(const DesignVariants& v, const std::vector<SizingKnob>& knobs, const SizingPoint& p,
                              const Needs& n, const std::filesystem::path& out) {
  YAML::Node doc = YAML::Load(v.yaml(knobs, p.values, std::filesystem::absolute(out).parent_path()));
  doc["design"]["name"] = doc["design"]["name"].as<std::string>() + "-sized";
  YAML::Node claims(YAML::NodeType::Map);
  auto claim = [&](const char* key, const std::string& value) {
    YAML::Node c;
    c["value"] = value;
    c["source"] = "podsim size target for " + v.file().string() + " (" + values_text(knobs, p.values) + ")";
    claims[key] = c;
  };
  if (n.asked.write) claim("write", format_number("%.6g TB/s", n.asked.write->bytes_per_second() / 1e12));
  if (n.asked.read) claim("read", format_number("%.6g TB/s", n.asked.read->bytes_per_second() / 1e12));
  if (n.asked.usable) claim("usable", format_number("%.6g PB", n.asked.usable->bytes() / 1e15));
  doc["claims"] = claims;
  YAML::Emitter e;
  e << doc;
  const std::string sustained =
      n.asked.write_sustained ? "# Also sized for " + tbps(n.asked.write_sustained->bytes_per_second()) +
                                    " of writes once the buffer is full (closed form; no claim field holds it).\n"
                              : "";
  // Paths and values are text from the command line: they live in the claims' sources (quoted by the
  // emitter), never in a comment line where a newline would start YAML of its own.
  return "# Sized by podsim size (the source design and the knob values are in each claim's source); check it\n"
         "# with podsim check on this file.\n" +
         sustained + e.c_str() + "\n";
}

/** The resource class a line-rate ceiling (design_facts.hpp) or a run's bottleneck text names. */
std::optional<ResourceClass> class_named(const std::string& text) {
  static const std::pair<const char*, ResourceClass> kCeilings[] = {
      {"client NICs", ResourceClass::client_nic}, {"client leaf uplinks", ResourceClass::client_leaf_uplink},
      {"spine", ResourceClass::spine}, {"storage leaf uplinks", ResourceClass::storage_leaf_uplink},
      {"C-node ports", ResourceClass::cnode_port}, {"server NICs", ResourceClass::cnode_port},
      {"C-node CPU", ResourceClass::cnode_cpu}, {"server CPU", ResourceClass::cnode_cpu},
      {"internal drives", ResourceClass::buffer_ssd}, {"D-node ports", ResourceClass::dnode_port},
      {"D-node controllers", ResourceClass::dnode_controller}, {"server caps", ResourceClass::dnode_controller},
      {"write-buffer SSDs", ResourceClass::buffer_ssd}, {"capacity SSDs (destage)", ResourceClass::capacity_ssd}};
  for (const auto& [name, cls] : kCeilings)
    if (text == name) return cls;
  const auto word = text.substr(0, text.find(' '));
  for (auto cls : {ResourceClass::client_nic, ResourceClass::client_leaf_uplink, ResourceClass::spine,
                   ResourceClass::storage_leaf_uplink, ResourceClass::cnode_port, ResourceClass::cnode_cpu,
                   ResourceClass::dnode_port, ResourceClass::dnode_controller, ResourceClass::buffer_ssd,
                   ResourceClass::capacity_ssd})
    if (word == to_string(cls)) return cls;
  return std::nullopt;
}

/** The two tightest line-rate ceilings of one direction: what binds by the bound, and the runner-up. */
std::string binding_by_line_rate(const Design& d, bool write, std::string& binding) {
  auto c = line_rate_ceilings(d);
  auto rate = [&](const Ceiling& x) { return (write ? x.write : x.read).bytes_per_second(); };
  std::sort(c.begin(), c.end(), [&](const Ceiling& a, const Ceiling& b) { return rate(a) < rate(b); });
  binding = c[0].resource;
  return c[0].resource + " (" + format_number("%.3f TB/s", rate(c[0]) / 1e12) + " at line rate), runner-up " +
         c[1].resource + format_number(" with %.1f %% headroom", (rate(c[1]) / rate(c[0]) - 1) * 100);
}

/** What the answer rests on: the assumed figures behind the binding resource, a claim-derived one said so. */
std::string rests_on(const Design& d, const std::string& binding) {
  const auto cls = class_named(binding);
  if (!cls) return "";
  std::string out;
  for (const auto& f : assumed_only(figures_behind(d, *cls)))
    out += (out.empty() ? "" : "; ") + f.model + " " + f.field.substr(f.field.rfind('.') + 1) +
           (f.derived_from_claim ? " (DERIVED FROM A CLAIM: the size inherits that claim's own figure)" : " (assumed)");
  return out;
}

}  // namespace

int size(const Args& args) {
  po::options_description opts("size options");
  std::string targets_text, vary_text, cost_text = "racks", output, work;
  double confidence = 0.5, margin = 0;
  int jobs = 2, rounds = 8;
  SlurmOptions slurm;
  opts.add_options()
      ("target", po::value(&targets_text)->required(), "what the design must reach: write=5TB/s,read=11TB/s,usable=215PB")
      ("vary", po::value(&vary_text)->required(),
       "fields it may change: dnodes.count, cnodes.count, dnodes.buffer_ssds, servers.count (each =LOW..HIGH, "
       "default 1..8x the design's), dnodes.model (=A|B, default every D-node model of the catalogs)")
      ("cost", po::value(&cost_text)->default_value("racks"), "what to minimise: racks (storage racks), kw (max power) or count (nodes)")
      ("confidence", po::value(&confidence)->default_value(0.5, "0.5"),
       "the margin: simulated rates must meet the targets in this share of podsim's measured errors")
      ("margin", po::value(&margin), "a fixed margin instead (a fraction: 0.1 is 10 %)")
      ("bound-only", "stop at the max-flow bound's answer (no simulation)")
      ("rounds", po::value(&rounds)->default_value(8), "simulation rounds at most")
      ("output,o", po::value(&output), "the sized design file (default: <design>-sized.yaml here)")
      ("work", po::value(&work), "folder for the simulated variants (default: <output>.size)")
      ("jobs,j", po::value(&jobs)->default_value(2), "variants simulated at once (a round's size)")
      ("slurm", "simulate each round as a Slurm job array, waiting for it")
      ("partition", po::value(&slurm.partition), "Slurm partition (default: the cluster's)")
      ("time", po::value(&slurm.time), "Slurm time limit per array task, e.g. 00:30:00")
      ("quiet,q", "no progress on stderr");
  po::variables_map vm;
  if (!parse(args, opts, {{"design", 1}},
             "usage: podsim size DESIGN --target write=5TB/s[,read=..,usable=..] --vary dnodes.count[,...] [options]\n"
             "  the cheapest variant of DESIGN that meets every target with a margin of at least podsim's error:\n"
             "  bracketed by the max-flow bound, confirmed and refined by simulating the claim-check workload.\n"
             "  Exit 0: found and written; 1: nothing within the ranges meets the targets",
             vm))
    return 0;
  const std::filesystem::path design_file = vm["design"].as<std::string>();
  check_jobs(jobs);
  check_option("--rounds", rounds, 1, 100);
  check_option("--confidence", confidence, 0.01, 1, " (a share: 0.5 is half of the measured errors)");
  if (vm.count("margin")) check_option("--margin", margin, 0, 10, " (a fraction: 0.1 is 10 %)");
  const bool quiet = vm.count("quiet") > 0, bound_only = vm.count("bound-only") > 0;
  if (vm.count("slurm")) {
    slurm.wait = true;
    check_slurm_options(slurm);
  }
  const auto targets = parse_sizing_targets(targets_text);
  const auto knobs = parse_sizing_knobs(vary_text, design_file);
  const auto cost = parse_sizing_cost(cost_text);
  const DesignVariants variants(design_file);
  if (output.empty()) output = load_design(design_file).name + "-sized.yaml";
  check_output_path(output, {design_file});
  const std::filesystem::path work_dir = work.empty() ? std::filesystem::path(output).replace_extension(".size") : std::filesystem::path(work);
  const auto needs = needs_of(targets, vm.count("margin") ? std::optional(margin) : std::nullopt, confidence);

  auto candidates = [&](double lambda) {
    SizingTargets t = needs.needed;  // the bound must reach the need over the sharing loss seen so far
    if (t.write) t.write = *t.write * (1 / lambda);
    if (t.read) t.read = *t.read * (1 / lambda);  // the sustained closed form is not simulated: no loss applies
    return bound_candidates(variants, knobs, t, cost, 12, [&](size_t n) {
      if (!quiet && n % 200 == 0) std::cerr << "[podsim] size: " << n << " variants bounded\n";
    });
  };
  const auto designed = variants.designed(knobs);
  const auto as_designed = evaluate_variant(variants, knobs, designed);
  auto first = candidates(1);
  std::cout << "podsim size " << design_file.string() << ": targets " << targets_text << ", varying " << vary_text
            << ", cheapest by " << to_string(cost) << "\n";
  if (needs.asked.write || needs.asked.read || needs.asked.write_sustained)
    std::cout << "  margin      " << (needs.asked.write || needs.asked.write_sustained ? format_number(" write %.1f %%", needs.write_margin * 100) : "")
              << (needs.asked.read ? format_number(" read %.1f %%", needs.read_margin * 100) : "") << ": "
              << needs.margin_basis << "\n";
  if (first.empty()) {
    std::cout << "  no variant within the ranges meets the targets even by the max-flow bound (widen a range, e.g. "
              << (variants.design(knobs, designed).internal_drives ? "servers.count=1..5000" : "dnodes.count=1..5000")
              << ", or vary another field)\n";
    return 1;
  }

  std::vector<Probe> probes;
  std::optional<Probe> best;  // the cheapest simulated variant that meets the needs
  const bool simulate = !bound_only && (targets.write || targets.read);
  Runner runner{variants, knobs, work_dir, jobs, quiet, vm.count("slurm") ? std::optional(slurm) : std::nullopt};
  if (simulate) {
    std::filesystem::create_directories(work_dir);
    write_text_file(work_dir / "base.yaml", base_scenario(variants, targets));
    const auto refined = refine_by_simulation(
        [&](double lambda) { return lambda == 1 ? first : candidates(lambda); },
        [&](const std::vector<SizingPoint>& batch) {
          std::vector<SimulatedVariant> out;
          for (const auto& pr : runner.simulate(batch)) {
            probes.push_back(pr);
            out.push_back({pr.point, pr.meets(needs.needed), pr.loss(needs.needed)});
          }
          return out;
        },
        cost, jobs, rounds);
    if (refined.best) best = probes[*refined.best];
  }

  const SizingPoint& answer = simulate ? (best ? best->point : first.front()) : first.front();
  std::cout << "\n  " << std::left;
  auto row = [](const std::string& what, const std::string& designed_v, const std::string& sized) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-28s %-22s %s\n", what.c_str(), designed_v.c_str(), sized.c_str());
    return std::string(line);
  };
  std::cout << row("", "as designed", simulate && !best ? "bound's answer (NOT confirmed)" : "sized");
  for (size_t k = 0; k < knobs.size(); ++k) std::cout << row(knobs[k].field, designed[k], answer.values[k]);
  const Probe* ap = nullptr;
  for (const auto& q : probes)
    if (q.point.values == answer.values) ap = &q;
  const Design sized = variants.design(knobs, answer.values);
  // Servers write straight to their drives: one regime, named as such (no buffer, no burst).
  const bool servers = sized.internal_drives;
  const std::string write_name = servers ? "write" : "write burst";
  // Both write regimes whenever a write is sized: the burst into the buffer and the rate once it is
  // full, each marked with whether it was the target, so a burst answer is never read as sustained.
  const bool any_write = targets.write || targets.write_sustained;
  auto sized_for = [](bool target) { return std::string(target ? "  (sized for this)" : "  (not a target)"); };
  if (any_write) {
    std::cout << row(write_name + " bound", tbps(as_designed.write_bound.bytes_per_second()),
                     tbps(answer.write_bound.bytes_per_second()) + (servers ? "" : sized_for(targets.write.has_value())));
    if (ap && targets.write)
      std::cout << row(write_name + " simulated", "", tbps(ap->write) + "  (need " + tbps(needs.needed.write->bytes_per_second()) + ")");
  }
  // A buffer-full target is sized on the closed form, then confirmed: the sized design simulated
  // by a write onto its full buffers (as check --sustained).
  std::optional<ClaimCheckOptions::BufferFull> full_run;
  if (targets.write_sustained && !servers && !bound_only)
    full_run = simulate_buffer_full(single_site_layout(sized), "size", quiet);
  if (any_write && !servers) {
    std::cout << row("write, buffer full", tbps(as_designed.sustained_bound.bytes_per_second()),
                     tbps(answer.sustained_bound.bytes_per_second()) + "  (closed form" + (full_run ? "" : ", not simulated") +
                         (targets.write_sustained ? "; need " + tbps(needs.needed.write_sustained->bytes_per_second()) : "") +
                         ")" + sized_for(targets.write_sustained.has_value()));
  }
  if (full_run) {
    const double need = needs.needed.write_sustained->bytes_per_second();
    const std::string how = format_number("  (a %.0f TB write onto full buffers", full_run->bytes / 1e12) + full_run->slicing + "; ";
    std::cout << row("write, buffer full simulated", "",
                     std::isnan(full_run->rate)
                         ? "never full" + how + "no strip waited for space: NOT confirmed)"
                         : tbps(full_run->rate) + how + (full_run->rate >= need ? "confirmed" : "NOT confirmed") + ")");
  }
  if (targets.read) {
    std::cout << row("read bound", tbps(as_designed.read_bound.bytes_per_second()), tbps(answer.read_bound.bytes_per_second()));
    if (ap) std::cout << row("read simulated", "", tbps(ap->read) + "  (need " + tbps(needs.needed.read->bytes_per_second()) + ")");
  }
  std::cout << row("usable", format_bytes(as_designed.usable), format_bytes(answer.usable))
            << row("storage racks", std::to_string(as_designed.racks), std::to_string(answer.racks))
            << row("storage power (max)", format_number("%.1f kW", as_designed.kw), format_number("%.1f kW", answer.kw))
            << row(servers ? "servers" : "C-nodes + D-nodes", std::to_string(as_designed.nodes), std::to_string(answer.nodes));
  for (const bool w : {true, false}) {
    if (!(w ? targets.write : targets.read)) continue;
    std::string binding;
    const auto by_bound = binding_by_line_rate(sized, w, binding);
    if (ap) {
      binding = w ? ap->write_bottleneck : ap->read_bottleneck;
      std::cout << "  " << (w ? write_name : "read") << " binds on " << binding << " (simulated), runner-up "
                << (w ? ap->write_runner_up : ap->read_runner_up) << format_number(" with %.1f %% headroom", (w ? ap->write_headroom : ap->read_headroom)) << "\n";
    } else {
      std::cout << "  " << (w ? write_name : "read") << " binds on " << by_bound << "\n";
    }
    if (const auto r = rests_on(sized, binding); !r.empty()) std::cout << "    rests on " << r << "\n";
  }
  if (any_write && !servers) {
    const auto limits = sustained_write_limits(make_platform_spec(sized));
    if (limits.size() >= 2)
      std::cout << "  buffer full, writes bind on " << limits[0].resource << " (closed form), runner-up " << limits[1].resource
                << format_number(" with %.1f %% headroom", (limits[1].ceiling / limits[0].ceiling - 1) * 100) << "\n";
    if (!limits.empty())
      if (const auto r = rests_on(sized, limits[0].resource); !r.empty()) std::cout << "    rests on " << r << "\n";
  }
  if (ap) {
    for (const char* op : {"write", "read"}) {
      const bool w = op[0] == 'w';
      const auto& asked = w ? targets.write : targets.read;
      if (!asked) continue;
      const double chance = share_at_least(model_error_band(op), asked->bytes_per_second() / (w ? ap->write : ap->read));
      std::cout << "  chance the " << op << " target holds: " << format_number("%.0f %%", chance * 100)
                << " (share of podsim's measured errors on published systems it survives)\n";
    }
  }
  if (!probes.empty()) {
    std::cout << "\n  simulated: " << probes.size() << (probes.size() == 1 ? " variant" : " variants") << " in "
              << runner.rounds_run << (runner.rounds_run == 1 ? " round" : " rounds") << " (" << work_dir.string() << "):\n";
    for (const auto& q : probes)
      std::cout << "    " << values_text(knobs, q.point.values) << ": "
                << (q.error.empty() ? (targets.write ? "write " + tbps(q.write) + " " : "") + (targets.read ? "read " + tbps(q.read) + " " : "")
                                    : "failed: " + q.error)
                << (q.meets(needs.needed) ? "meets" : "short") << ", bound " << (targets.write ? tbps(q.point.write_bound.bytes_per_second()) : tbps(q.point.read_bound.bytes_per_second()))
                << ", " << q.point.racks << " racks\n";
  }
  if (simulate && !best) {
    std::cout << "\n  no simulated variant met the targets in " << rounds << " rounds: the bound's answer is written, "
                 "unconfirmed (raise --rounds or widen the ranges)\n";
  }
  write_text_file(output, sized_design_file(variants, knobs, answer, needs, output));
  std::cout << "\n  design written to " << output << "\n";
  return simulate && !best ? 1 : 0;
}

}  // namespace podsim::cli
