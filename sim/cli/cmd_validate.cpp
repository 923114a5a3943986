// podsim validate: simulate published measured runs and compare (docs/validation.md); with --fit,
// fit the shared knobs across systems and test them leave-one-system-out.
#include <cctype>
#include <chrono>
#include <functional>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "analysis/metrics.hpp"
#include "analysis/output_file.hpp"
#include "analysis/validation.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "analysis/cross_system_fit.hpp"
#include "sim/forked_runs.hpp"
#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/max_flow_bound.hpp"
#include "topology/platform_spec.hpp"
#include "topology/profile.hpp"
#include "workloads/corpus.hpp"
#include "workloads/scenario.hpp"

namespace podsim::cli {
namespace {

namespace fs = std::filesystem;

// Each row's scenario is held until the runs finish (~30 kB a row): 20,000 rows stay under 1 GB.
constexpr size_t kMostCorpusRows = 20000;

const std::vector<std::string> kDirections{"up", "down", "read", "write", "compute"};

/** A row id as a plain file name inside --emit's folder: an id is the corpus's text, never a path. */
std::string file_name_of(const std::string& id) {
  std::string out;
  for (char c : id) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '+' ? c : '_';
  if (out.empty() || out.size() > 200) out = "row-" + std::to_string(std::hash<std::string>{}(id));
  return out;
}

std::vector<Simulated> simulate(std::vector<Scenario> runs, const std::vector<std::vector<double>>& knob_values,
                                const std::vector<std::string>& knob_names, int jobs) {
  for (size_t i = 0; i < runs.size(); ++i)
    if (!knob_values.empty())
      for (size_t k = 0; k < knob_names.size(); ++k) set_knob(runs[i].layout.sites[0].design, knob_names[k], knob_values[i][k]);
  std::vector<const Scenario*> ptrs;
  for (const auto& s : runs) ptrs.push_back(&s);
  const auto out = simulate_forked(ptrs, jobs, [](const Scenario&, const RunResult& r) {
    const auto m = phase_metrics(r, 0);
    std::vector<double> v{m.average, -1, -1};
    if (const auto* b = m.bottleneck()) {
      v[1] = static_cast<double>(b->cls);
      for (size_t d = 0; d < kDirections.size(); ++d)
        if (kDirections[d] == b->direction) v[2] = double(d);
    }
    return v;
  });
  std::vector<Simulated> res;
  for (size_t i = 0; i < out.size(); ++i) {
    const auto& o = out[i];
    Simulated s;
    s.error = o.error;
    if (o.error.empty() && o.values.size() == 3) {
      s.rate = o.values[0];
      if (o.values[1] >= 0 && o.values[2] >= 0)
        s.bottleneck = class_label(static_cast<ResourceClass>(int(o.values[1])), kDirections[static_cast<size_t>(o.values[2])],
                                   runs[i].design().internal_drives);
    }
    res.push_back(s);
  }
  return res;
}

/** Streams the row's phase runs at once (processes x streams each): what a per-stream ceiling multiplies. */
double stream_count(const Scenario& sc) {
  double n = 0;
  for (const auto& ph : sc.phases)
    n = std::max(n, double(ph.writer_count()) * double(std::max(1, ph.streams_per_writer)));
  return n;
}

/** The max-flow bound of a row's scenario in its direction, B/s. */
double bound_of(const Scenario& sc, bool write) {
  const auto b = max_flow_bound(make_platform_spec(sc.layout));
  return (write ? b.write : b.read).bytes_per_second();
}

}  // namespace

int validate(const Args& args) {
  po::options_description opts("validate options");
  std::string profile_file, output, markdown, emit, fitted_profile, error_file;
  int jobs = 2, max_evals = 3000;
  opts.add_options()
      ("profile", po::value(&profile_file), "shared knobs to predict with (default: topology/catalog/shared-knobs.yaml, compiled in)")
      ("line-rate", "predict with no shared knobs: line rate, no limits (the uncalibrated model)")
      ("fit", "fit the shared knobs jointly over the rows, test them leave-one-system-out, and predict with the fit")
      ("write-profile", po::value(&fitted_profile), "--fit: write the fitted knobs as a profile (shared-knobs.yaml's format)")
      ("write-error", po::value(&error_file), "--fit: write measured / leave-one-system-out predicted per row, the band podsim check uses (workloads/presets/model-error.yaml's format)")
      ("max-evaluations", po::value(&max_evals)->default_value(3000), "--fit: evaluations of the fast stand-in per fit")
      ("output,o", po::value(&output), "results as HDF5 (/validation, docs/hdf5-schema.md)")
      ("markdown", po::value(&markdown), "the table and statistics as Markdown (- for stdout)")
      ("emit", po::value(&emit), "write each simulated row's scenario into this folder (podsim run can replay it)")
      ("json", "print the results as JSON on stdout instead of the table")
      ("loose", "also simulate rows that state no server port count, with 1 port per server (loose checks: never fitted, not in the statistics)")
      ("jobs,j", po::value(&jobs)->default_value(2), "simulations at once")
      ("quiet,q", "no progress on stderr");
  po::variables_map vm;
  if (!parse(args, opts, {{"corpus", -1}},
             "usage: podsim validate CORPUS.csv... [options]\n"
             "  turns each measured run (IO500 ior-easy, MLPerf Storage unet3d and checkpointing; columns in\n"
             "  docs/validation.md) into a design and a workload, simulates it and prints measured vs predicted",
             vm))
    return 0;
  check_jobs(jobs);
  check_option("--max-evaluations", max_evals, 10, 1e6);
  const bool quiet = vm.count("quiet") > 0, fit = vm.count("fit") > 0;
  if (vm.count("line-rate") && !profile_file.empty()) throw po::error("give --profile or --line-rate, not both");
  if ((!fitted_profile.empty() || !error_file.empty()) && !fit) throw po::error("--write-profile and --write-error go with --fit");
  const auto t0 = std::chrono::steady_clock::now();
  const auto corpus_files = vm["corpus"].as<std::vector<std::string>>();
  std::vector<fs::path> inputs(corpus_files.begin(), corpus_files.end());
  if (!profile_file.empty()) inputs.emplace_back(profile_file);
  for (const auto& o : {output, markdown, fitted_profile, error_file})
    if (!o.empty()) check_output_path(o, inputs, o == markdown);
  check_distinct_outputs({output, markdown, fitted_profile, error_file});
  if (vm.count("json") && markdown == "-") throw po::error("--json and --markdown - both print on stdout: give --markdown a file");
  if (!emit.empty() && !fs::is_directory(emit)) throw po::error("--emit: no such folder: " + emit);

  Profile profile;
  profile.name = fit ? "line-rate (the fit's start)" : "line-rate";
  if (!profile_file.empty()) profile = load_profile(profile_file);
  else if (!vm.count("line-rate")) profile = shipped_shared_knobs();

  std::vector<CorpusRow> rows;
  std::map<std::string, const CorpusRow*> by_id;
  for (const auto& f : corpus_files) {
    auto more = load_corpus(f, vm.count("loose") > 0);
    if (rows.size() + more.size() > kMostCorpusRows)
      throw InputError(f, 0, "", "the corpus has more than " + std::to_string(kMostCorpusRows) +
                                     " rows; validate at most that many at once (split the files)");
    rows.insert(rows.end(), more.begin(), more.end());
  }
  for (const auto& r : rows)  // an id names one measured run: two would share an --emit file and a table row
    if (auto [it, fresh] = by_id.emplace(r.id, &r); !fresh)
      throw InputError(r.file, r.line, "column 1 (id)", "the id '" + r.id + "' is also the id of " + it->second->where());
  ValidationReport rep;
  rep.profile = profile.name;
  std::vector<Scenario> scs;
  std::vector<size_t> sim_rows;  // rep.rows index of each scenario
  std::set<std::string> emitted;  // --emit's file names so far
  for (const auto& r : rows) {
    ValidationRow v;
    v.id = r.id;
    v.system = r.system;
    v.benchmark = to_string(r.benchmark);
    v.op = r.write ? "write" : "read";
    v.fs_class = r.fs_class;
    v.transport = r.transport;
    v.where = r.where();
    v.measured = r.measured_gbps * 1e9;
    v.skipped = r.skipped;
    v.training = !r.loose;
    v.client_stated = r.client_stated();
    v.demand = r.demand;
    v.assumptions = r.assumptions;
    if (v.skipped.empty()) {
      // A fit starts from the uncalibrated model: no profile's figure may leak into it.
      const auto yaml = corpus_scenario_yaml(r, fit ? nullptr : &profile);
      try {
        scs.push_back(load_scenario_text(yaml, r.where()));
        sim_rows.push_back(rep.rows.size());
        if (!fit) v.bound = bound_of(scs.back(), r.write);  // a fit's bounds come at its knobs
        if (!emit.empty()) {
          // Two ids can map to one file name ("a/b", "a_b"): the later one takes its line number.
          auto name = file_name_of(r.id);
          if (!emitted.insert(name).second) name += "-line-" + std::to_string(r.line);
          emitted.insert(name);
          write_text_file(fs::path(emit) / (name + ".yaml"), yaml);
        }
      } catch (const InputError& e) {
        v.skipped = std::string("the row's design does not hold together: ") + e.what();
      }
    }
    rep.rows.push_back(v);
  }
  if (scs.empty()) throw InputError(corpus_files.front(), 0, "", "no row can be simulated (every row lacks a figure the model needs)");
  auto say = [&](const std::string& s) {
    if (!quiet) std::cerr << "[podsim] validate: " << s << "\n";
  };
  say("simulating " + std::to_string(scs.size()) + " of " + std::to_string(rows.size()) + " rows (-j " +
      std::to_string(jobs) + ")");
  auto fill = [&](const std::vector<Simulated>& sims) {
    for (size_t i = 0; i < sims.size(); ++i) {
      auto& v = rep.rows[sim_rows[i]];
      if (!sims[i].error.empty()) throw std::runtime_error("simulating " + v.where + " (" + v.id + ") failed: " + sims[i].error);
      v.predicted = sims[i].rate;
      v.bottleneck = sims[i].bottleneck;
    }
  };
  fill(simulate(scs, {}, {}, jobs));

  if (fit) {
    std::vector<size_t> fit_rows;  // scenario indices of the training rows
    std::vector<FitRow> fr_rows;
    for (size_t i = 0; i < scs.size(); ++i) {
      const auto& r = rows[sim_rows[i]];
      if (r.loose) continue;
      fit_rows.push_back(i);
      fr_rows.push_back({&r, scs[i].design(), rep.rows[sim_rows[i]].measured, stream_count(scs[i])});
    }
    if (fit_rows.empty()) throw InputError(corpus_files.front(), 0, "", "--fit: no training row (loose rows are never fitted)");
    // Simulates the scenarios `which` (indices into scs), each with its own knob values.
    auto simulate_at = [&](const std::vector<size_t>& which, const std::vector<std::string>& names,
                           const std::vector<std::vector<double>>& values) {
      std::vector<Scenario> sub;
      for (size_t i : which) sub.push_back(scs[i]);
      return simulate(std::move(sub), values, names, jobs);
    };
    CrossSystemFit cf;
    try {
      cf = fit_cross_system(
          fr_rows, [&](const auto& names, const auto& values) { return simulate_at(fit_rows, names, values); }, max_evals, say);
    } catch (const std::invalid_argument& e) {
      throw InputError(corpus_files.front(), 0, "", e.what());
    }
    const auto& names = cf.names;
    const auto& x = cf.value;
    std::vector<size_t> all_rows(scs.size());
    std::iota(all_rows.begin(), all_rows.end(), 0);
    std::vector<std::vector<double>> row_knobs;  // each row's knobs: stage 2's reach only rows of unstated clients
    for (size_t i = 0; i < scs.size(); ++i) row_knobs.push_back(cf.values_for(x, rows[sim_rows[i]].client_stated()));
    fill(simulate_at(all_rows, names, row_knobs));
    say("simulating each row with the knobs fitted without its system");
    const auto loso = simulate_at(fit_rows, names, cf.loso);
    for (size_t j = 0; j < fit_rows.size(); ++j) {
      if (!loso[j].error.empty()) throw std::runtime_error("simulating " + rep.rows[sim_rows[fit_rows[j]]].where + " failed: " + loso[j].error);
      rep.rows[sim_rows[fit_rows[j]]].loso = loso[j].rate;
    }
    rep.profile = "fitted (" + std::to_string(fit_rows.size()) + " rows of " + std::to_string(cf.systems) + " systems)";
    rep.covariance = cf.covariance;
    for (size_t i = 0; i < scs.size(); ++i) {  // the bound at the knobs the predictions used
      Scenario at = scs[i];
      for (size_t k = 0; k < names.size(); ++k) set_knob(at.layout.sites[0].design, names[k], row_knobs[i][k]);
      rep.rows[sim_rows[i]].bound = bound_of(at, rows[sim_rows[i]].write);
    }
    for (size_t k = 0; k < names.size(); ++k)
      rep.knobs.push_back(FittedKnob{names[k], knob_info(names[k]).unit, cf.status[k], x[k], cf.sigma[k], cf.stage[k]});
    if (!fitted_profile.empty()) {
      Profile out;
      out.name = "shared-knobs";
      const auto s = rep.stats(true), c = rep.stats(true, true);
      out.fitted_on = std::to_string(fit_rows.size()) + " published rows of " + std::to_string(cf.systems) +
                      " systems (podsim validate --fit); leave-one-system-out median |error| " +
                      format_number("%.0f %%", s.median * 100) + ", 90th percentile " + format_number("%.0f %%", s.p90 * 100) +
                      "; rows with client hardware stated: " + format_number("%.0f %%", c.median * 100) + ", " +
                      format_number("%.0f %%", c.p90 * 100) + " (" + std::to_string(c.rows) +
                      " rows); stage-2 knobs (unstated clients) are not shipped";
      for (size_t k = 0; k < names.size(); ++k) {
        if (cf.status[k] == "not determined") continue;  // the data says nothing: line rate, no limit
        if (cf.stage[k] == 2) continue;  // a stand-in for hardware the sources do not state
        KnobSetting ks;
        ks.knob = names[k];
        ks.value = x[k];
        ks.sigma = std::max(cf.sigma[k], 1e-3);
        if (cf.status[k] != "determined") ks.note = cf.status[k];
        out.knobs.push_back(ks);
      }
      write_text_file(fitted_profile,
                      "# Shared knobs: NIC efficiency per transport and direction, per-client protocol limits and\n"
                      "# per-server caps per file-system class ('any': the fallback fitted over every system;\n"
                      "# 'unstated-': clients whose NICs the source does not state).\n"
                      "# Written by podsim validate --fit (docs/validation.md); regenerate, never edit by hand.\n" +
                          profile_yaml(out));
    }
  }
  if (!error_file.empty()) {
    // The band is podsim's error on capability, every training row its system left out (a row is
    // never scored on its own demand: the accelerators an MLPerf run reports are its measurement).
    std::vector<const ValidationRow*> band;
    std::set<std::string> systems;
    for (const auto& r : rep.rows)
      if (r.loso && *r.loso > 0 && r.training) {
        band.push_back(&r);
        systems.insert(r.system);
      }
    // Ids and system names are corpus text: the emitter quotes them, so none can add a run or a key.
    YAML::Emitter e;
    e << YAML::BeginMap << YAML::Key << "source" << YAML::Value
      << "podsim validate --fit on scenarios/measured/ (IO500 ior-easy, MLPerf Storage v1.0 unet3d, v3.0 checkpointing); "
         "ratio = measured / leave-one-system-out prediction"
      << YAML::Key << "rows" << YAML::Value
      << std::to_string(band.size()) + " training rows of " + std::to_string(systems.size()) +
             " systems, capability scored (never a row's own accelerator demand), each system left out"
      << YAML::Key << "runs" << YAML::Value << YAML::BeginSeq;
    for (const auto* r : band)
      e << YAML::Flow << YAML::BeginMap << YAML::Key << "id" << YAML::Value << r->id << YAML::Key << "system"
        << YAML::Value << r->system << YAML::Key << "op" << YAML::Value << r->op << YAML::Key << "ratio" << YAML::Value
        << format_number("%.4g", r->measured / *r->loso) << YAML::EndMap;
    e << YAML::EndSeq << YAML::EndMap;
    std::ostringstream y;
    y << "# podsim's own error on published systems: measured / predicted for each run, each predicted with\n"
      << "# the shared knobs fitted leaving its own system out. podsim check multiplies a simulated rate by\n"
      << "# these ratios for its band and chance (docs/claim-check.md). Written by podsim validate --fit\n"
      << "# --write-error (docs/validation.md); regenerate, never edit by hand. Each id names its source:\n"
      << "# io500-N-... is IO500 submission N (SC18-ISC21 lists), mlperf1-/mlperf3- a closed result of\n"
      << "# mlcommons/storage_results_v1.0 / v3.0.\n"
      << e.c_str() << "\n";
    write_text_file(error_file, y.str());
  }
  rep.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!output.empty()) write_validation_hdf5(output, rep);
  const auto text = validation_text(rep);
  if (!markdown.empty()) write_text_file(markdown, text);
  if (vm.count("json")) std::cout << validation_json(rep).dump(2) << "\n";
  else if (markdown != "-") std::cout << text;
  return 0;
}

}  // namespace podsim::cli
