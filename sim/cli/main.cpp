// podsim: the command line. Parses options, calls the library, maps errors to exit codes:
// 0 success, 1 a run did not match its expected summary, 2 bad input, 3 output failure, 4 internal error.
#include <boost/program_options.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analysis/hdf5_writer.hpp"
#include "analysis/report.hpp"
#include "sim/simulation.hpp"
#include "topology/input_error.hpp"

namespace po = boost::program_options;
using namespace podsim;

namespace {

constexpr const char* kUsage = R"(usage: podsim COMMAND [options]

commands:
  run SCENARIO      simulate a scenario: per phase bytes, completion, sustained and peak TB/s,
                    utilization per resource class, bottleneck; writes an HDF5 file
  design DESIGN     print a design's derived facts: fabric, capacity, racks, power, ceilings
  help              this text

run options:)";

int cmd_run(const std::vector<std::string>& args) {
  po::options_description opts;
  std::string output, expect, summary_out;
  std::vector<std::string> cfg;
  double tolerance = 0.01;
  opts.add_options()
      ("output,o", po::value(&output), "HDF5 file to write (default: <scenario name>.h5 in the current folder)")
      ("no-hdf5", "do not write the HDF5 file")
      ("summary", po::value(&summary_out)->implicit_value("-"), "write the flat summary to FILE (- for stdout)")
      ("expect", po::value(&expect), "compare the summary with an expected-summary FILE; exit 1 on a difference")
      ("tolerance", po::value(&tolerance)->default_value(0.01), "relative tolerance of --expect")
      ("cfg", po::value(&cfg)->composing(), "extra SimGrid option name:value (repeatable; see docs/simgrid-model.md)")
      ("quiet,q", "no progress on stderr")
      ("help,h", "this text");
  po::options_description all;
  all.add(opts).add_options()("scenario", po::value<std::string>()->required());
  po::positional_options_description pos;
  pos.add("scenario", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  if (vm.count("help")) {
    std::cout << kUsage << "\n" << opts;
    return 0;
  }
  po::notify(vm);
  auto scenario = load_scenario(vm["scenario"].as<std::string>());
  const bool quiet = vm.count("quiet") > 0;
  if (!quiet) std::fprintf(stderr, "[podsim] %s: loaded, %d clients, simulating\n", scenario.name.c_str(),
                           scenario.design.client_count);
  auto result = run_simulation(scenario, {!quiet, cfg});
  auto figures = compute_figures(scenario, result);
  auto summary = summarize(scenario, figures);
  std::cout << run_report(scenario, result, figures);
  if (!vm.count("no-hdf5")) {
    if (output.empty()) output = scenario.name + ".h5";
    write_hdf5(output, scenario, result, figures, summary);
    std::cout << "\nresults: " << output << " (HDF5, schema docs/hdf5-schema.md)\n";
  }
  if (!summary_out.empty()) {
    if (summary_out == "-") {
      write_summary(std::cout, summary);
    } else {
      std::ostringstream text;
      write_summary(text, summary);
      auto tmp = summary_out + ".tmp";
      std::ofstream(tmp) << text.str();
      std::filesystem::rename(tmp, summary_out);
    }
  }
  if (!expect.empty()) {
    auto diffs = compare_summaries(read_summary(expect), summary, tolerance);
    for (const auto& d : diffs) std::cerr << "podsim: differs from " << expect << ": " << d << "\n";
    if (!diffs.empty()) return 1;
    std::cout << "summary matches " << expect << "\n";
  }
  return 0;
}

int cmd_design(const std::vector<std::string>& args) {
  if (args.size() != 1) throw po::error("design takes one DESIGN file");
  std::cout << design_report(load_design(args[0]));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage << "\n  (podsim run --help lists them)\n";
    return args.empty() ? 2 : 0;
  }
  const std::string cmd = args[0];
  args.erase(args.begin());
  try {
    if (cmd == "run") return cmd_run(args);
    if (cmd == "design") return cmd_design(args);
    std::cerr << "podsim: unknown command '" << cmd << "' (try podsim help)\n";
    return 2;
  } catch (const InputError& e) {
    std::cerr << "podsim: error: " << e.what() << "\n";
    return 2;
  } catch (const po::error& e) {
    std::cerr << "podsim: " << e.what() << " (try podsim help)\n";
    return 2;
  } catch (const OutputError& e) {
    std::cerr << "podsim: error: " << e.what() << "\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "podsim: internal error: " << e.what() << "\n";
    return 4;
  }
}
