// podsim sweep: a base scenario crossed with axes, one simulation per point, each its own podsim
// process (SimGrid keeps one engine per process), locally or as a Slurm job array. The results
// folder is the state (sim/cli/sweep_files.hpp): a rerun runs only what is not finished.
#include <iostream>
#include <thread>

#include "analysis/sweep_summary.hpp"
#include "analysis/sweep_table.hpp"
#include "sim/cli/child_runs.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/sweep_files.hpp"
#include "sim/cli/sweep_slurm.hpp"

namespace podsim::cli {
namespace {

/** Prints the outcome; exit 0 when every point is done, 5 otherwise. */
int report(const SweepTable& t, const std::filesystem::path& dir) {
  size_t failed = 0;
  for (const auto& r : t.rows) failed += r.done ? 0 : 1;
  std::cout << "sweep " << t.name << ": " << t.rows.size() - failed << "/" << t.rows.size() << " points done";
  if (failed) std::cout << ", " << failed << " not done (rerun the same command to retry them)";
  std::cout << "\nresults: " << (dir / "sweep.h5").string() << " (HDF5), " << (dir / "sweep.csv").string()
            << " (CSV); per point: " << (dir / "points").string() << "/pNNNN.{yaml,h5,log,exit}\n";
  return failed ? 5 : 0;
}

}  // namespace

int sweep(const Args& args) {
  po::options_description opts("sweep options");
  std::string output;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  SlurmOptions slurm;
  opts.add_options()
      ("output,o", po::value(&output), "results folder (default: <sweep name>.sweep)")
      ("jobs,j", po::value(&jobs)->default_value(jobs), "local: points at once (each a process)")
      ("slurm", "submit the points as a Slurm job array instead of running them here")
      ("partition", po::value(&slurm.partition), "Slurm partition (default: the cluster's)")
      ("time", po::value(&slurm.time), "Slurm time limit per array task, e.g. 00:30:00")
      ("points-per-task", po::value(&slurm.points_per_task)->default_value(1), "points each array task runs in turn")
      ("wait", "Slurm: wait for the array, then collect the results")
      ("quiet,q", "no progress on stderr");
  po::variables_map vm;
  if (!parse(args, opts, {{"what", -1}},
             "usage: podsim sweep SWEEP.yaml [options]     run every point (a rerun skips finished ones)\n"
             "       podsim sweep collect DIR              merge a folder's point results (after --slurm)\n"
             "       podsim sweep summary DIR              how each axis moves the headline figures",
             vm))
    return 0;
  const auto what = vm["what"].as<std::vector<std::string>>();
  if (what.size() == 2 && what[0] == "summary") {
    std::filesystem::path p = what[1];
    if (std::filesystem::is_directory(p)) p /= "sweep.h5";
    std::cout << sweep_summary(read_sweep_hdf5(p));
    return 0;
  }
  if (what.size() == 2 && what[0] == "collect") return report(collect_sweep(what[1]), what[1]);
  if (what.size() != 1) throw po::error("give one sweep file, or: collect DIR, or: summary DIR");
  check_jobs(jobs);
  check_option("--points-per-task", slurm.points_per_task, 1, 100000);
  const bool quiet = vm.count("quiet") > 0;
  slurm.wait = vm.count("wait") > 0;

  if (vm.count("slurm")) check_slurm_options(slurm);
  const auto s = prepare_sweep(what[0], output);
  if (!quiet)
    std::cerr << "[podsim] sweep " << s.spec.name << ": " << s.total << " points (" << to_string(s.spec.mode) << "), "
              << s.total - s.pending.size() << " already done, " << s.pending.size() << " to run"
              << (vm.count("slurm") ? " on Slurm" : ", " + std::to_string(jobs) + " at a time") << "\n";
  if (vm.count("slurm") && !s.pending.empty()) {
    const auto job = submit_slurm_array(s, slurm);
    if (!slurm.wait) {
      std::cout << "submitted Slurm job " << job << " (" << s.pending.size() << " points); when it is done: podsim "
                << "sweep collect " << s.dir.dir.string() << "\n";
      return 0;
    }
    if (!quiet) std::cerr << "[podsim] sweep " << s.spec.name << ": Slurm job " << job << " ended\n";
  } else if (!vm.count("slurm")) {
    run_pending_locally(s, jobs, quiet);
  }
  return report(collect_sweep(s.dir.dir), s.dir.dir);
}

}  // namespace podsim::cli
