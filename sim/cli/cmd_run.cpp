// podsim run: one scenario (or a design with the built-in workload), report, HDF5, summary.
#include <chrono>
#include <iostream>
#include <sstream>

#include "analysis/hdf5_writer.hpp"
#include "analysis/json_output.hpp"
#include "analysis/report.hpp"
#include "analysis/output_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/engine_options.hpp"
#include "sim/forked_runs.hpp"
#include "sim/simulation.hpp"
#include "topology/format.hpp"
#include "topology/input_error.hpp"

namespace podsim::cli {

namespace {
/** The scenario without its faults, simulated in a child (before this process runs SimGrid itself). */
FaultBaseline fault_free_baseline(const Scenario& faulted, bool quiet) {
  if (!quiet) std::cerr << "[podsim] " << faulted.name << ": simulating the fault-free baseline first\n";
  Scenario base = faulted;
  base.faults.clear();
  auto runs = simulate_forked({&base}, 1, [](const Scenario&, const RunResult& r) {
    std::vector<double> v;
    for (const auto& ph : r.phases) v.push_back(ph.last_done - ph.start);
    for (const auto& t : r.timelines) v.push_back(t.end - t.start);
    auto user = client_user_bytes(r);
    v.insert(v.end(), user.begin(), user.end());
    return v;
  });
  if (!runs.front().error.empty()) throw std::runtime_error("the fault-free baseline run failed: " + runs.front().error);
  const auto& v = runs.front().values;
  const auto phases = static_cast<long>(faulted.phases.size()), timelines = static_cast<long>(faulted.timelines.size());
  FaultBaseline b;
  b.phase_duration.assign(v.begin(), v.begin() + phases);
  b.training_time.assign(v.begin() + phases, v.begin() + phases + timelines);
  b.user_bytes.assign(v.begin() + phases + timelines, v.end());
  return b;
}
}  // namespace

int run(const Args& args) {
  po::options_description opts("run options");
  std::string output, expect, summary_out, profile_file;
  std::vector<std::string> cfg;
  double tolerance = 0.01;
  opts.add_options()
      ("output,o", po::value(&output), "HDF5 file to write (default: <scenario name>.h5 in the current folder)")
      ("profile", po::value(&profile_file), "a calibrated profile (podsim calibrate) applied to the design; for its band use podsim check")
      ("buffer-full", "run the built-in buffer-full write on the file's design or layout instead of its workload: a "
                      "write onto full write buffers, at the pace of migration (what check --sustained and compare --sustained simulate)")
      ("no-hdf5", "do not write the HDF5 file")
      ("no-baseline", "with faults: skip the fault-free baseline run (no extra times, no lost throughput)")
      ("summary", po::value(&summary_out)->implicit_value("-"), "write the flat summary to FILE (- for stdout)")
      ("expect", po::value(&expect), "compare the summary with an expected-summary FILE; exit 1 on a difference")
      ("tolerance", po::value(&tolerance)->default_value(0.01, "0.01"), "relative tolerance of --expect")
      ("cfg", po::value(&cfg)->composing(), "extra SimGrid option name:value (repeatable; see docs/simgrid-model.md)")
      ("json", "print the summary as JSON on stdout instead of the report (schema podsim-json-1)")
      ("quiet,q", "no progress on stderr");
  po::variables_map vm;
  if (!parse(args, opts, {{"scenario", 1}},
             "usage: podsim run SCENARIO|DESIGN [options]\n"
             "  a DESIGN file runs the built-in claim-check workload (workloads/presets/claim-check.yaml)",
             vm))
    return 0;
  const std::string scenario_file = vm["scenario"].as<std::string>();
  // Loading can take a while (a trace of millions of operations): say so before it starts.
  if (!vm.count("quiet")) std::cerr << "[podsim] loading " << scenario_file << " and the files it names\n";
  auto scenario = load_scenario_or_design(scenario_file);
  if (!profile_file.empty()) use_profile(scenario, load_profile(profile_file));
  // Built on the profiled layout, so the write is sized on the figures the run uses.
  if (vm.count("buffer-full")) {
    if (!has_buffer_tier(scenario.layout))
      throw InputError(scenario_file, 0, "--buffer-full", "a design of servers writes to its drives directly: it has no write buffer to fill");
    const auto profile = scenario.profile;
    scenario = buffer_full_scenario(scenario.layout);
    scenario.profile = profile;
  }
  const bool quiet = vm.count("quiet") > 0, json = vm.count("json") > 0;
  if (json && summary_out == "-") throw po::error("--json and --summary - both write to stdout; give --summary a FILE");
  check_tolerance(tolerance);
  for (const auto& c : cfg) check_engine_option(c);
  // Every output is checked before the run, not found unwritable after it.
  if (vm.count("no-hdf5")) output.clear();
  else if (output.empty()) output = scenario.name + ".h5";
  const std::vector<std::filesystem::path> inputs{scenario_file, expect, profile_file};
  if (!output.empty()) check_output_path(output, inputs);
  if (!summary_out.empty()) check_output_path(summary_out, inputs, true);
  check_distinct_outputs({output, summary_out});
  std::optional<std::vector<SummaryItem>> expected;  // read before the run: a bad file fails fast
  if (!expect.empty()) expected = read_summary(expect);
  if (!quiet)
    std::cerr << "[podsim] " << scenario.name << ": loaded, " << scenario.layout.client_count()
              << " clients on " << scenario.layout.sites.size() << " site(s), simulating"
              << (scenario.model.slices > 1 ? " " + slices_text(scenario.model) + " (progress is the slice's)" : std::string())
              << "\n";
  std::optional<FaultBaseline> baseline;
  if (!scenario.faults.empty() && !vm.count("no-baseline")) baseline = fault_free_baseline(scenario, quiet);
  auto result = run_simulation(scenario, {!quiet, cfg});
  // A fault timed after the workload changed nothing: say so rather than report it silently.
  double last = 0;
  for (const auto& ph : result.phases) last = std::max(last, ph.last_done);
  for (size_t i = 0; i < scenario.faults.size(); ++i) {
    const auto& f = scenario.faults[i];
    if (f.at.seconds() >= last)
      std::cerr << "podsim: warning: fault " << i + 1 << " (" << to_string(f.kind) << " of " << f.target << " at "
                << format_duration(f.at) << ") comes after the workload ended (" << format_duration(Duration::from_seconds(last))
                << "): it has no effect\n";
  }
  auto figures = compute_figures(scenario, result, baseline);
  auto summary = summarize(scenario, figures);
  // The design's claims travel with the run file so a report can draw them (multi-site: per site design, none here).
  std::vector<ClaimVerdict> claims;
  if (!scenario.layout.multi_site()) claims = check_claims(scenario, figures);
  if (!json) std::cout << run_report(scenario, result, figures);
  if (!output.empty()) {
    const auto write_start = std::chrono::steady_clock::now();
    write_hdf5(output, scenario, result, figures, summary, claims);
    const double write_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - write_start).count();
    if (!json)
      std::cout << "\nresults: " << output << " (HDF5, schema docs/hdf5-schema.md; written in "
                << format_number("%.2f s", write_seconds) << ")\n";
  }
  if (json) std::cout << run_json(scenario.name, output, summary, &claims);
  if (!summary_out.empty()) {
    std::ostringstream text;
    write_summary(text, summary);
    write_text_file(summary_out, text.str());
  }
  if (!expect.empty()) {
    auto diffs = compare_summaries(*expected, summary, tolerance);
    for (const auto& d : diffs) std::cerr << "podsim: differs from " << expect << ": " << d << "\n";
    if (!diffs.empty()) return 1;
    (json ? std::cerr : std::cout) << "summary matches " << expect << "\n";
  }
  return 0;
}

}  // namespace podsim::cli
