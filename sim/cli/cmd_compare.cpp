// podsim compare: designs side by side. Each scenario runs in its own podsim process (one SimGrid
// engine per process); the table is built from each run's HDF5 /summary, plus baseline columns.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include "analysis/compare_table.hpp"
#include "analysis/hdf5_writer.hpp"
#include "analysis/json_output.hpp"
#include "analysis/rack_svg.hpp"
#include "sim/cli/child_runs.hpp"
#include "analysis/output_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "topology/layout.hpp"
#include "topology/input_error.hpp"
#include "topology/yaml_node.hpp"

namespace podsim::cli {

namespace {
/** compare --sustained simulates a design's buffer-full write when one run of it has at most this
 *  many client nodes: ncp-pod-1eb, 10,368 unsliced, took about 5 s of wall per simulated second of
 *  migration alone, where the sliced designs of record take 5-35 s for the whole write
 *  (docs/simgrid-model.md, "The buffer-full write without its burst"). It now runs on near-identical
 *  slices (its 2,113 C-nodes divide by nothing); the limit guards a layout that slices neither way. */
constexpr long kMostBufferFullClients = 4000;

}  // namespace

int compare(const Args& args) {
  po::options_description opts("compare options");
  std::string output = "compare.h5", markdown = "-", csv, runs_dir;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  opts.add_options()
      ("output,o", po::value(&output)->default_value(output), "HDF5 file with the table (/compare)")
      ("markdown", po::value(&markdown)->default_value(markdown), "Markdown table to FILE (- for stdout)")
      ("csv", po::value(&csv), "CSV table to FILE (- for stdout)")
      ("runs-dir", po::value(&runs_dir), "where each design's run file and log go (default: <output>.runs)")
      ("jobs,j", po::value(&jobs)->default_value(jobs), "simulations at once (each a process; ~0.3 GiB peak per 41k-GPU pod claim check, docs/performance.md)")
      ("sustained", "also simulate each design's write once its buffer is full (podsim run --buffer-full, a run file "
                    "of its own): the table's buffer-full row is then simulated, not the closed form")
      ("json", "print the table as JSON on stdout instead of Markdown (schema podsim-json-1)")
      ("quiet,q", "no progress on stderr");
  po::variables_map vm;
  if (!parse(args, opts, {{"files", -1}},
             "usage: podsim compare FILE... [options]\n"
             "  FILE: a scenario, a design (run with the built-in claim-check workload), or an\n"
             "  object-store baseline (extra columns, sized like each design unless it sets `stored:`)",
             vm))
    return 0;
  check_jobs(jobs);
  const bool quiet = vm.count("quiet") > 0, json = vm.count("json") > 0, sustained = vm.count("sustained") > 0;
  if (json && (markdown == "-" && !vm["markdown"].defaulted())) throw po::error("--json and --markdown - both write to stdout");
  if (json && csv == "-") throw po::error("--json and --csv - both write to stdout");
  if (markdown == "-" && csv == "-" && !vm["markdown"].defaulted())
    throw po::error("--markdown - and --csv - both write to stdout: give one a FILE");
  if ((json || csv == "-") && vm["markdown"].defaulted()) markdown.clear();  // stdout holds one format
  if (runs_dir.empty()) runs_dir = output + ".runs";
  const auto& files = vm["files"].as<std::vector<std::string>>();
  const std::vector<std::filesystem::path> inputs(files.begin(), files.end());
  check_output_path(output, inputs);
  if (!markdown.empty()) check_output_path(markdown, inputs, true);
  if (!csv.empty()) check_output_path(csv, inputs, true);
  check_distinct_outputs({output, markdown, csv});

  // Load everything first: bad input fails before any simulation starts.
  std::vector<Scenario> scenarios;
  std::vector<std::filesystem::path> scenario_files;
  std::vector<ObjectStoreBaseline> baselines;
  for (const auto& f : vm["files"].as<std::vector<std::string>>()) {
    if (YamlNode::load_file(f).has("object_store")) {
      baselines.push_back(load_object_store(f));
    } else {
      scenarios.push_back(load_scenario_or_design(f));
      scenario_files.push_back(f);
    }
  }
  if (scenarios.empty()) throw po::error("compare needs at least one scenario or design");
  std::error_code ec;
  std::filesystem::create_directories(runs_dir, ec);
  if (ec) throw OutputError("cannot create " + runs_dir + ": " + ec.message());

  // One run per design; with --sustained, then one buffer-full write per design that has a buffer
  // tier (`full_run[i]`: its index in `runs`, or -1).
  std::vector<ChildRun> runs;
  std::vector<std::string> run_names;
  auto add = [&](size_t i, const std::string& suffix, std::vector<std::string> extra) {
    const auto stem = std::to_string(i + 1) + "-" + scenarios[i].name + suffix;
    const auto h5 = std::filesystem::path(runs_dir) / (stem + ".h5");
    std::vector<std::string> args{"run", scenario_files[i].string(), "-o", h5.string(), "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    runs.push_back({std::move(args), std::filesystem::path(runs_dir) / (stem + ".log")});
    run_names.push_back(scenarios[i].name + (suffix.empty() ? "" : " (buffer full)"));
  };
  for (size_t i = 0; i < scenarios.size(); ++i) add(i, "", {});
  std::vector<int> full_run(scenarios.size(), -1);
  std::vector<std::string> not_simulated(scenarios.size());  // why a design's buffer-full write was not run
  std::vector<std::string> sliced_near(scenarios.size());    // how it was, when on near-identical slices
  for (size_t i = 0; sustained && i < scenarios.size(); ++i) {
    if (!has_buffer_tier(scenarios[i].layout)) continue;
    const auto sc = buffer_full_scenario(scenarios[i].layout);
    const long simulated = sc.layout.client_count() / sc.model.slices;
    if (simulated > kMostBufferFullClients) {
      not_simulated[i] = std::to_string(simulated) + " client nodes in one run (" +
                         (sc.model.slices > 1 ? "one of " + std::to_string(sc.model.slices) + " slices" : std::string("no slices")) +
                         "); podsim run --buffer-full runs it, slowly";
      continue;
    }
    if (const auto near = near_slices_text(sc); !near.empty()) sliced_near[i] = near + " (its run file's slicing)";
    full_run[i] = static_cast<int>(runs.size());
    add(i, "-buffer-full", {"--buffer-full"});
  }
  size_t done = 0, failed = 0;
  const auto start = std::chrono::steady_clock::now();
  if (!quiet) std::cerr << "[podsim] compare: " << runs.size() << " runs, " << jobs << " at a time\n";
  run_children(runs, jobs, [&](size_t i) {
    ++done;
    failed += runs[i].exit_code ? 1 : 0;
    if (quiet) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "[podsim] compare: " << run_names[i] << (runs[i].exit_code ? " FAILED" : " done") << " in "
              << static_cast<int>(runs[i].wall_seconds) << " s; " << batch_progress(done, runs.size(), failed, elapsed)
              << "\n";
  });
  // A design whose run failed is said (its log's end on stderr, a line under the table) and the
  // others are compared; exit 5 then, as a sweep with failed points. None ran: nothing to compare.
  std::vector<std::string> failures;
  for (size_t i = 0; i < runs.size(); ++i)
    if (runs[i].exit_code != 0) {
      failures.push_back(run_names[i] + " (" + runs[i].args[1] + ": exit " + std::to_string(runs[i].exit_code) + "; log " +
                         runs[i].log.string() + ")");
      std::cerr << "podsim: the run of " << run_names[i] << " (" << runs[i].args[1] << ") failed (exit " << runs[i].exit_code
                << "); its log " << runs[i].log.string() << " ends:\n" << log_tail(runs[i].log, 8, "    ") << "\n";
    }
  if (std::all_of(runs.begin(), runs.begin() + static_cast<long>(scenarios.size()), [](const ChildRun& r) { return r.exit_code != 0; }))
    throw OutputError("every run failed (" + std::to_string(scenarios.size()) + " designs): nothing to compare");

  CompareBuilder table;
  for (size_t i = 0; i < scenarios.size(); ++i) {
    if (runs[i].exit_code != 0) continue;
    const auto& h5 = runs[i].args[3];
    const auto& layout = scenarios[i].layout;
    table.add_run(layout.name, h5, read_hdf5_summary(h5),
                  layout.multi_site() ? std::string() : rack_elevations_svg(scenarios[i].design()));
    if (const int f = full_run[i]; f >= 0 && runs[f].exit_code == 0) {
      table.add_buffer_full(runs[f].args[3], read_hdf5_summary(runs[f].args[3]));
      if (!sliced_near[i].empty()) table.note_buffer_full(sliced_near[i]);
    }
    if (!not_simulated[i].empty()) table.note_buffer_full("not simulated: " + not_simulated[i]);
  }
  for (const auto& b : baselines) {
    if (b.stored) {
      table.add_object_store(b, *b.stored, "");
      continue;
    }
    for (size_t i = 0; i < scenarios.size(); ++i)
      if (runs[i].exit_code == 0) table.add_object_store(b, layout_totals(scenarios[i].layout).usable, scenarios[i].layout.name);
  }
  auto compared = table.table();
  compared.failed = failures;
  const int rc = failures.empty() ? 0 : 5;
  write_compare_hdf5(output, compared);
  if (!csv.empty()) write_text_file(csv, compare_csv(compared));
  if (!markdown.empty()) write_text_file(markdown, compare_markdown(compared));
  if (json) {
    std::cout << compare_json(compared, output);
    return rc;
  }
  if (markdown != "-") std::cout << "table: " << markdown << "\n";
  std::cout << "compare file: " << output << " (HDF5, /compare); runs: " << runs_dir << "/\n";
  for (const auto& f : failures) std::cout << "not compared, its run failed: " << f << "\n";
  return rc;
}

}  // namespace podsim::cli
