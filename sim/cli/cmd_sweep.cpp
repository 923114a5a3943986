// podsim sweep: a base scenario crossed with axes, one simulation per point, each its own podsim
// process (SimGrid keeps one engine per process). Points are files: a point whose scenario file is
// unchanged and whose run file exists is done and is skipped on a rerun; failed points run again.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "analysis/hdf5_writer.hpp"
#include "analysis/output_file.hpp"
#include "analysis/sweep_summary.hpp"
#include "analysis/sweep_table.hpp"
#include "sim/cli/child_runs.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "workloads/sweep.hpp"

namespace podsim::cli {
namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string point_stem(int index) {
  char b[16];
  std::snprintf(b, sizeof b, "p%04d", index);
  return b;
}

std::string duration_text(double s) {
  const int m = static_cast<int>(s / 60);
  return m > 0 ? std::to_string(m) + " min " + std::to_string(static_cast<int>(s) % 60) + " s"
               : std::to_string(static_cast<int>(s)) + " s";
}

int run_sweep(const std::filesystem::path& file, std::string out_dir, int jobs, bool quiet) {
  const auto spec = load_sweep(file);
  const auto points = expand_sweep(spec);  // bad input (paths, values in the file) fails here
  if (out_dir.empty()) out_dir = spec.name + ".sweep";
  const std::filesystem::path dir(out_dir), pdir = dir / "points";
  std::error_code ec;
  std::filesystem::create_directories(pdir, ec);
  if (ec) throw OutputError("cannot create " + pdir.string() + ": " + ec.message());

  SweepTable table{spec.name, to_string(spec.mode), spec.file, {}, {}};
  for (const auto& a : spec.axes) table.axes.push_back(a.path);
  std::vector<ChildRun> runs;
  std::vector<size_t> run_row;  // table row of each child run
  for (const auto& p : points) {
    const auto stem = point_stem(p.index);
    const auto yaml = pdir / (stem + ".yaml"), h5 = pdir / (stem + ".h5");
    SweepRow row;
    row.index = p.index;
    row.values = p.values;
    row.result = h5;
    const bool same = std::filesystem::exists(yaml) && read_text(yaml) == p.scenario_yaml;
    if (same && std::filesystem::exists(h5)) {
      row.done = true;  // finished by an earlier run of this sweep
    } else {
      write_text_file(yaml, p.scenario_yaml);
      std::filesystem::remove(h5, ec);
      runs.push_back({{"run", yaml.string(), "-o", h5.string(), "--quiet"}, pdir / (stem + ".log")});
      run_row.push_back(table.rows.size());
    }
    table.rows.push_back(std::move(row));
  }

  const size_t skipped = points.size() - runs.size();
  if (!quiet)
    std::cerr << "[podsim] sweep " << spec.name << ": " << points.size() << " points (" << to_string(spec.mode)
              << "), " << skipped << " already done, " << runs.size() << " to run, " << jobs << " at a time\n";
  const auto start = std::chrono::steady_clock::now();
  size_t finished = 0, failed = 0;
  run_children(runs, jobs, [&](size_t i) {
    ++finished;
    if (runs[i].exit_code != 0) ++failed;
    if (quiet) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double eta = elapsed / double(finished) * double(runs.size() - finished);
    std::cerr << "[podsim] sweep " << spec.name << ": " << finished << "/" << runs.size() << " run"
              << (failed ? " (" + std::to_string(failed) + " failed)" : std::string()) << ", "
              << duration_text(elapsed) << " elapsed, ETA " << duration_text(eta) << "\n";
  });
  for (size_t r = 0; r < runs.size(); ++r) {
    auto& row = table.rows[run_row[r]];
    row.exit_code = runs[r].exit_code;
    row.done = runs[r].exit_code == 0 && std::filesystem::exists(row.result);
    if (!row.done) row.error = log_tail(runs[r].log, 1, "");
  }
  for (auto& row : table.rows)
    if (row.done) row.summary = read_hdf5_summary(row.result);

  write_sweep_hdf5(dir / "sweep.h5", table);
  write_text_file(dir / "sweep.csv", sweep_csv(table));
  size_t not_done = 0;
  for (const auto& row : table.rows) not_done += row.done ? 0 : 1;
  std::cout << "sweep " << spec.name << ": " << points.size() - not_done << "/" << points.size() << " points done";
  if (not_done) std::cout << ", " << not_done << " failed (rerun the same command to retry them)";
  std::cout << "\nresults: " << (dir / "sweep.h5").string() << " (HDF5), " << (dir / "sweep.csv").string()
            << " (CSV); per point: " << pdir.string() << "/pNNNN.{yaml,h5,log}\n";
  return not_done ? 5 : 0;
}

}  // namespace

int sweep(const Args& args) {
  po::options_description opts("sweep options");
  std::string output;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  opts.add_options()
      ("output,o", po::value(&output), "results folder (default: <sweep name>.sweep)")
      ("jobs,j", po::value(&jobs)->default_value(jobs), "points at once (each a process)")
      ("quiet,q", "no progress on stderr");
  po::variables_map vm;
  if (!parse(args, opts, {{"what", -1}},
             "usage: podsim sweep SWEEP.yaml [options]     run every point (a rerun skips finished ones)\n"
             "       podsim sweep summary RESULTS          how each axis moves the headline figures\n"
             "  RESULTS: a sweep's results folder or its sweep.h5",
             vm))
    return 0;
  const auto what = vm["what"].as<std::vector<std::string>>();
  if (what.size() == 2 && what[0] == "summary") {
    std::filesystem::path p = what[1];
    if (std::filesystem::is_directory(p)) p /= "sweep.h5";
    std::cout << sweep_summary(read_sweep_hdf5(p));
    return 0;
  }
  if (what.size() != 1) throw po::error("give one sweep file, or: summary RESULTS");
  if (jobs < 1) throw po::error("--jobs must be at least 1");
  return run_sweep(what[0], output, jobs, vm.count("quiet") > 0);
}

}  // namespace podsim::cli
