// podsim check: the design's claims against a simulation and the max-flow bound.
#include <cmath>
#include <iostream>
#include <map>
#include <optional>

#include "analysis/claim_band.hpp"
#include "analysis/claim_check.hpp"
#include "analysis/hdf5_writer.hpp"
#include "analysis/json_output.hpp"
#include "analysis/output_file.hpp"
#include "sim/cli/buffer_full_run.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/forked_runs.hpp"
#include "sim/simulation.hpp"
#include "topology/input_error.hpp"

namespace podsim::cli {
namespace {

/** Index of the first phase of `kind`, or -1. */
int first_of(const Scenario& sc, PhaseKind kind) {
  for (size_t i = 0; i < sc.phases.size(); ++i)
    if (sc.phases[i].kind == kind) return static_cast<int>(i);
  return -1;
}

/**
 * The write and read claims over `samples` profiles drawn from `profile`: each sample is the
 * unprofiled scenario with the sample's knobs, simulated in a forked child.
 */
/** What a forked run sends back: the sustained rate (B/s) of the write and the read phase the claims
 *  use (NaN where there is none). Only those two: metrics of a pod-scale phase are not free. */
RunExtract sustained_of(int write_phase, int read_phase) {
  return [write_phase, read_phase](const Scenario&, const RunResult& res) {
    std::vector<double> sustained;
    for (int phase : {write_phase, read_phase})
      sustained.push_back(phase < 0 ? NAN : phase_metrics(res, size_t(phase)).sustained);
    return sustained;
  };
}

std::vector<ClaimBand> claim_bands(const Scenario& unprofiled, const Profile& profile, int samples, unsigned seed,
                                   int jobs, double tolerance, bool quiet) {
  const auto& claims = unprofiled.design().claims;
  const int w = first_of(unprofiled, PhaseKind::checkpoint_write), r = first_of(unprofiled, PhaseKind::prestage_read);
  std::vector<Scenario> scs;
  for (const auto& ps : sample_profiles(profile, samples, seed)) {
    scs.push_back(unprofiled);
    use_profile(scs.back(), ps);
  }
  std::vector<const Scenario*> ptrs;
  for (const auto& sc : scs) ptrs.push_back(&sc);
  if (!quiet)
    std::cerr << "[podsim] check: " << samples << " samples of profile " << profile.name << ", " << jobs
              << " at a time\n";
  const auto runs = simulate_forked(ptrs, jobs, sustained_of(w, r));
  for (const auto& run : runs)
    if (!run.error.empty() && !quiet) std::cerr << "[podsim] check: a sample failed: " << run.error << "\n";
  std::vector<ClaimBand> out;
  auto band = [&](const char* name, const auto& claim, int phase, size_t slot) {
    if (!claim || phase < 0) return;
    std::vector<double> v;
    for (const auto& run : runs) v.push_back(run.error.empty() && slot < run.values.size() ? run.values[slot] : NAN);
    out.push_back(claim_band(name, v, throughput_needed(*claim, tolerance)));
  };
  band("write", claims.write, w, 0);
  band("read", claims.read, r, 1);
  return out;
}

/**
 * Simulates the claim-check workload on the design at each requirement (podsim check --confirm), a
 * forked child each, and returns requirement key -> the claim's phase's sustained rate (NaN: failed).
 */
std::map<std::string, double> confirm_requirements(const Scenario& sc, double tolerance, int jobs, bool quiet) {
  const auto runs = requirement_runs(sc.design(), tolerance);
  std::vector<Scenario> scs;
  for (const auto& r : runs) {
    scs.push_back(sc);
    scs.back().layout = single_site_layout(r.design);
  }
  std::vector<const Scenario*> ptrs;
  for (const auto& s : scs) ptrs.push_back(&s);
  if (!quiet)
    std::cerr << "[podsim] check --confirm: " << runs.size() << " requirements to simulate, " << jobs << " at a time\n";
  const int w = first_of(sc, PhaseKind::checkpoint_write), r = first_of(sc, PhaseKind::prestage_read);
  const auto results = simulate_forked(ptrs, jobs, sustained_of(w, r));
  std::map<std::string, double> out;
  for (size_t i = 0; i < runs.size(); ++i) {
    const size_t slot = runs[i].write ? 0 : 1;  // sustained_of's order: write, then read
    const auto& res = results[i];
    out[runs[i].key] = res.error.empty() && slot < res.values.size() ? res.values[slot] : NAN;
    if (!res.error.empty() && !quiet) std::cerr << "[podsim] check --confirm: " << runs[i].key << " failed: " << res.error << "\n";
  }
  return out;
}

}  // namespace

int check(const Args& args) {
  po::options_description opts("check options");
  ClaimCheckOptions o;
  o.unclaimed_figures = true;  // a design that claims no rate still gets its simulated write and read
  std::string output, profile_file;
  int samples = -1, jobs = 2;
  unsigned seed = 1;
  opts.add_options()
      ("profile", po::value(&profile_file), "a calibrated profile (podsim calibrate): its knobs, and a band from their uncertainty")
      ("samples", po::value(&samples), "profiles drawn for the band (default 10 with --profile; 0: none)")
      ("seed", po::value(&seed)->default_value(1), "seed of the Latin-hypercube samples")
      ("jobs,j", po::value(&jobs)->default_value(2), "sample simulations at once")
      ("tolerance", po::value(&o.tolerance)->default_value(0.05, "0.05"), "a claim holds within this fraction of its low end")
      ("confirm", "simulate the design at each requirement the bound gives ('controller >= 26.4 GB/s'), -j at a time")
      ("sustained", "also simulate the write once the buffer is full (a write onto full buffers, as podsim run "
                    "--buffer-full), beside its closed form (seconds to minutes on a design of record)")
      ("output,o", po::value(&output), "also write the run's HDF5 file")
      ("json", "print the verdicts and the summary as JSON on stdout (schema podsim-json-1)")
      ("quiet,q", "no progress on stderr");
  po::variables_map vm;
  if (!parse(args, opts, {{"file", 1}},
             "usage: podsim check DESIGN|SCENARIO [options]\n"
             "  a DESIGN runs the built-in claim-check workload; a SCENARIO checks its design's claims on its phases",
             vm))
    return 0;
  const std::string file = vm["file"].as<std::string>();
  check_tolerance(o.tolerance);
  check_jobs(jobs);
  if (vm.count("samples")) check_option("--samples", samples, 0, 10000);
  if (!output.empty()) check_output_path(output, {file, profile_file});
  auto scenario = load_scenario_or_design(file);
  const bool quiet = vm.count("quiet") > 0, json = vm.count("json") > 0;
  if (scenario.layout.multi_site())
    throw InputError(scenario.layout.file.string(), 0, "layout",
                     "claims belong to a design: check each site's design file, not the layout of " +
                         std::to_string(scenario.layout.sites.size()) + " sites");
  std::optional<Profile> profile;
  std::optional<Scenario> unprofiled;
  if (!profile_file.empty()) {
    profile = load_profile(profile_file);
    unprofiled = scenario;
    use_profile(scenario, *profile);
  } else if (samples > 0) {
    throw InputError("command line", 0, "--samples", "samples are drawn from a profile: give --profile");
  }
  if (samples < 0) samples = profile && uncertain_knobs(*profile) > 0 ? 10 : 0;
  // The samples first: forked children need a process whose SimGrid engine was never started.
  std::vector<ClaimBand> bands;
  if (profile && samples > 0) bands = claim_bands(*unprofiled, *profile, samples, seed, jobs, o.tolerance, quiet);
  if (vm.count("confirm")) o.confirmed = confirm_requirements(scenario, o.tolerance, jobs, quiet);
  // Servers write to their drives directly (no buffer tier, one regime): nothing to fill.
  if (vm.count("sustained") && has_buffer_tier(scenario.layout))
    o.buffer_full = simulate_buffer_full(scenario.layout, "check --sustained", quiet);
  if (!quiet) std::cerr << "[podsim] check " << scenario.design().name << ": simulating workload " << scenario.name << "\n";
  auto result = run_simulation(scenario, {!quiet, {}});
  auto figures = compute_figures(scenario, result);
  const auto summary = summarize(scenario, figures);
  const auto verdicts = check_claims(scenario, figures, o);
  if (!output.empty()) write_hdf5(output, scenario, result, figures, summary, verdicts);
  if (json) {
    std::cout << run_json(scenario.name, output, summary, &verdicts, bands);
  } else {
    std::cout << claim_report(scenario, verdicts);
    if (profile) std::cout << band_report(bands, profile->name, uncertain_knobs(*profile));
  }
  return 0;
}

}  // namespace podsim::cli
