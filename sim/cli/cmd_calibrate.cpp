// podsim calibrate: fit the model's efficiency knobs to measurements of a lab system, write a
// profile any scenario can use, and a validation report (docs/calibration.md).
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>

#include <boost/algorithm/string.hpp>

#include "analysis/calibration_fit.hpp"
#include "analysis/calibration_report.hpp"
#include "analysis/output_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/forked_runs.hpp"
#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/profile.hpp"
#include "workloads/measurement.hpp"
#include "workloads/scenario.hpp"

namespace podsim::cli {
namespace {

namespace fs = std::filesystem;

/** Each measurement as a scenario on the lab design; a mismatch is an error at the measurement. */
std::vector<Scenario> measurement_scenarios(const std::vector<Measurement>& ms, const fs::path& design, int multipath,
                                            int chunks_per_stream, Bytes buffer) {
  std::vector<Scenario> out;
  for (const auto& m : ms) {
    try {
      out.push_back(load_scenario_text(measurement_scenario_yaml(m, design, multipath, chunks_per_stream, buffer),
                                       m.file + ":" + std::to_string(m.line)));
    } catch (const InputError& e) {
      throw InputError(m.file, m.line, "", "this measurement does not fit the lab design: " + std::string(e.what()));
    }
  }
  return out;
}

/** Simulated average rate of each scenario in `which`, with `set` applied to its design first. */
std::vector<double> simulate_rates(const std::vector<Scenario>& base, const std::vector<size_t>& which, int jobs,
                                   const std::function<void(Design&)>& set) {
  std::vector<Scenario> scs;
  for (size_t i : which) {
    scs.push_back(base[i]);
    set(scs.back().layout.sites[0].design);
  }
  std::vector<const Scenario*> ptrs;
  for (const auto& s : scs) ptrs.push_back(&s);
  const auto runs = simulate_forked(ptrs, jobs);
  std::vector<double> rates;
  for (size_t j = 0; j < runs.size(); ++j) {
    if (!runs[j].error.empty() || runs[j].values.empty())
      throw std::runtime_error("simulating measurement " + std::to_string(which[j] + 1) + " failed: " + runs[j].error);
    rates.push_back(runs[j].values[0]);
  }
  return rates;
}

/** --synthesize: the measurements' workloads simulated with a known profile, plus noise, as plain CSV. */
int synthesize(const std::vector<Measurement>& ms, const std::vector<Scenario>& base, const fs::path& truth_file,
               double noise, unsigned seed, int jobs, const fs::path& output) {
  const Profile truth = load_profile(truth_file);
  std::vector<size_t> all(ms.size());
  std::iota(all.begin(), all.end(), 0);
  const auto rates = simulate_rates(base, all, jobs, [&](Design& d) { apply_profile(d, truth); });
  std::mt19937 rng(seed);
  std::normal_distribution<double> z(0.0, 1.0);
  std::ostringstream csv;
  csv << "# Synthesised by podsim calibrate --synthesize " << truth_file.filename().string() << " --noise " << noise
      << " --seed " << seed << ": simulated with the true profile, times exp(noise x N(0,1))\n"
      << "label,clients,threads,block_size,file_size,iodepth,op,GB/s\n";
  for (size_t i = 0; i < ms.size(); ++i) {
    const auto& m = ms[i];
    const double measured = rates[i] * std::exp(noise * z(rng));
    csv << m.label << "," << m.hosts << "," << m.threads_per_host << "," << format_number("%.0f B", m.block.bytes()) << ","
        << format_number("%.0f B", m.bytes_per_thread.bytes()) << "," << m.iodepth << "," << (m.write ? "write" : "read")
        << "," << format_number("%.4f", measured / 1e9) << "\n";
  }
  write_text_file(output, csv.str());
  std::cerr << "[podsim] calibrate: wrote " << ms.size() << " synthesised measurements to " << output.string() << "\n";
  return 0;
}

}  // namespace

int calibrate(const Args& args) {
  po::options_description opts("calibrate options");
  std::string output, report_file, name, knob_list, truth;
  double assumed = 0.2, noise = 0.02;
  unsigned seed = 1;
  int jobs = 2, chunks_per_stream = 16, multipath = 0;
  FitOptions fo;
  opts.add_options()
      ("output,o", po::value(&output), "the profile to write (default: <design>-profile.yaml)")
      ("report", po::value(&report_file), "the validation report, Markdown (default: the profile's name with .md)")
      ("name", po::value(&name), "the profile's name (default: <design>-calibrated)")
      ("knobs", po::value(&knob_list), "comma-separated knobs to fit (default: every knob but stream_limit; see docs/calibration.md)")
      ("assumed-range", po::value(&assumed)->default_value(0.2, "0.2"),
       "a knob the measurements cannot determine keeps the design's figure, +- this fraction in the profile")
      ("max-evaluations", po::value(&fo.max_evaluations)->default_value(300), "simulations of the set per fit")
      ("no-loo", "skip the leave-one-out check")
      ("chunks-per-stream", po::value(&chunks_per_stream)->default_value(16),
       "simulate each measured run with at most this many chunks per stream (its steady rate, faster); 0: whole runs")
      ("multipath", po::value(&multipath), "C-nodes each lab client spreads its streams over (default: all, as a multipath NFS mount)")
      ("jobs,j", po::value(&jobs)->default_value(2), "simulations at once")
      ("synthesize", po::value(&truth),
       "instead of fitting: simulate the measurements' workloads with this (true) profile, add noise, write plain CSV to -o")
      ("noise", po::value(&noise)->default_value(0.02, "0.02"), "--synthesize: standard deviation of ln(measured)")
      ("seed", po::value(&seed)->default_value(1), "--synthesize: random seed")
      ("quiet,q", "no progress on stderr");
  po::variables_map vm;
  if (!parse(args, opts, {{"design", 1}, {"measurements", -1}},
             "usage: podsim calibrate LAB_DESIGN MEASUREMENTS... [options]\n"
             "  fits the model's knobs so that simulated runs of LAB_DESIGN reproduce the measurements\n"
             "  (elbencho CSV, IOR output, fio JSON or plain CSV), writes a profile and a validation report",
             vm))
    return 0;
  check_jobs(jobs);
  check_option("--chunks-per-stream", chunks_per_stream, 0, 1e6);
  check_option("--multipath", multipath, 0, 1e6);
  check_option("--noise", noise, 0, 1);
  check_option("--assumed-range", assumed, 0, 1);
  check_option("--max-evaluations", fo.max_evaluations, 1, 100000);
  const bool quiet = vm.count("quiet") > 0;
  const auto t0 = std::chrono::steady_clock::now();
  const fs::path design_file = vm["design"].as<std::string>();
  const Design lab = load_design(design_file);
  std::vector<Measurement> ms;
  for (const auto& f : vm["measurements"].as<std::vector<std::string>>()) {
    auto more = load_measurements(f, truth.empty());
    ms.insert(ms.end(), more.begin(), more.end());
  }
  const Bytes buffer = lab.dnode.buffer_capacity() * double(lab.dnode_count);
  if (multipath <= 0 || multipath > lab.cnode_count) multipath = lab.cnode_count;
  if (output.empty()) output = design_file.stem().string() + (truth.empty() ? "-profile.yaml" : "-measured.csv");
  if (report_file.empty() && truth.empty()) report_file = fs::path(output).replace_extension(".md").string();
  {  // every output checked before the fit, never equal to an input
    std::vector<fs::path> inputs{design_file};
    for (const auto& f : vm["measurements"].as<std::vector<std::string>>()) inputs.emplace_back(f);
    if (!truth.empty()) inputs.emplace_back(truth);
    check_output_path(output, inputs);
    if (!report_file.empty()) check_output_path(report_file, inputs);
    check_distinct_outputs({output, report_file});
  }
  // Synthesised measurements are whole runs, as a lab's are; the fit may shorten them.
  if (!truth.empty()) return synthesize(ms, measurement_scenarios(ms, design_file, multipath, 0, buffer), truth, noise, seed, jobs, output);
  const auto base = measurement_scenarios(ms, design_file, multipath, chunks_per_stream, buffer);

  std::vector<std::string> names;
  if (knob_list.empty()) {
    // Not stream_limit: where one C-node core serves one stream, a stream limit and the CPU's
    // cycles per byte look the same; fit it only when asked (docs/calibration.md).
    for (const auto& k : knob_table())
      if (std::string(k.name) != "stream_limit" && !is_shared_knob(k.name)) names.emplace_back(k.name);
  } else {
    boost::split(names, knob_list, boost::is_any_of(","));
  }
  FitProblem p;
  std::vector<std::string> units;
  for (auto& n : names) {
    boost::trim(n);
    const KnobInfo* info = nullptr;
    try {
      info = &knob_info(n);
    } catch (const std::invalid_argument& e) {
      throw InputError("command line", 0, "--knobs", e.what());
    }
    const double now = knob_value_in(lab, n);
    p.knobs.push_back({n, now > 0 ? now : info->high, info->low, info->high});  // no stream limit: start unbound
    units.emplace_back(info->unit);
  }
  for (const auto& m : ms) p.measured.push_back(m.measured.bytes_per_second());
  // A write does not depend on read knobs, nor a read on write knobs: Subplex moves a few knobs at
  // a time, so many of its steps leave a measurement's own knobs unchanged and hit this cache.
  std::map<std::pair<size_t, std::vector<double>>, double> cache;
  auto key = [&](size_t i, const std::vector<double>& x) {
    std::vector<double> own;
    for (size_t k = 0; k < x.size(); ++k)
      own.push_back(p.knobs[k].name.find(ms[i].write ? "read" : "write") == std::string::npos ? x[k] : 0);
    return std::make_pair(i, own);
  };
  p.predict = [&](const std::vector<double>& x, const std::vector<size_t>& which) {
    std::vector<size_t> missing;
    for (size_t i : which)
      if (!cache.count(key(i, x))) missing.push_back(i);
    const auto rates = simulate_rates(base, missing, jobs, [&](Design& d) {
      for (size_t k = 0; k < x.size(); ++k) set_knob(d, p.knobs[k].name, x[k]);
    });
    for (size_t j = 0; j < missing.size(); ++j) cache[key(missing[j], x)] = rates[j];
    std::vector<double> out;
    for (size_t i : which) out.push_back(cache.at(key(i, x)));
    return out;
  };
  fo.leave_one_out = vm.count("no-loo") == 0;
  if (!quiet) fo.progress = [](const std::string& s) { std::cerr << "[podsim] calibrate: " << s << "\n"; };
  fo.progress_every = 25;  // each evaluation simulates the measurements its knobs moved
  const FitResult fit = fit_knobs(p, fo);

  Profile prof;
  prof.name = name.empty() ? lab.name + "-calibrated" : name;
  prof.fitted_on = lab.name + ", " + std::to_string(ms.size()) + " measurements, rms error " +
                   format_number("%.1f %%", fit.rms * 100) +
                   (fit.loo_predicted.empty() ? "" : ", leave-one-out " + format_number("%.1f %%", fit.loo_rms * 100));
  for (size_t k = 0; k < p.knobs.size(); ++k) {
    KnobSetting s;
    s.knob = p.knobs[k].name;
    s.value = fit.value[k];
    if (fit.determined(k)) {
      // The fit's sigma, but never below the fit's own rms: residuals bound what a knob can claim.
      s.sigma = std::max(fit.sigma[k], fit.rms);
      if (fit.status[k] == "at bound") s.note = "at the edge of its search box";
    } else {
      if (s.knob == "stream_limit" && knob_value_in(lab, s.knob) <= 0) continue;  // no limit seen: none set
      s.low = s.value * (1 - assumed);
      s.high = s.value * (1 + assumed);
      if (units[k] == "fraction") s.high = std::min(*s.high, 1.0);
      // A knob not determined keeps the design's figure; a poorly determined one its fitted value.
      s.note = fit.status[k] + " by the measurements: the " +
               (fit.status[k] == "not determined" ? "design's" : "fitted") + " figure, +-" +
               format_number("%.0f %%", assumed * 100) + " assumed";
    }
    prof.knobs.push_back(s);
  }
  write_text_file(output, "# Written by podsim calibrate (docs/calibration.md)\n" + profile_yaml(prof));
  CalibrationInputs in{design_file.string(), ms, p.knobs, units,
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()};
  const auto text = calibration_report(in, fit);
  write_text_file(report_file, text);
  std::cout << text << "\nprofile: " << output << "\nreport: " << report_file << "\n";
  return 0;
}

}  // namespace podsim::cli
