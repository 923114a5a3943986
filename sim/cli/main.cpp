// podsim: the command line. Dispatches to one command and maps errors to exit codes:
// 0 success, 1 a run did not match its expected summary, 2 bad input, 3 output failure, 4 internal error,
// 5 a sweep finished with failed points, 130/143 interrupted (topology/process_cleanup.hpp).
#include <boost/program_options.hpp>

#include <iostream>
#include <map>
#include <new>

#include "analysis/output_file.hpp"
#include "sim/cli/commands.hpp"
#include "topology/files_touched.hpp"
#include "topology/input_error.hpp"
#include "topology/process_cleanup.hpp"

namespace {

constexpr const char* kUsage = R"(usage: podsim COMMAND [options]   (podsim COMMAND --help for its options)

commands:
  run SCENARIO|DESIGN   simulate: per phase bytes, completion, sustained and peak TB/s, utilization
                        per resource class, bottleneck; writes an HDF5 file
  check DESIGN          each claim of the design (read, write, usable, racks): claimed, simulated,
                        max-flow bound, verdict (holds / holds only if <assumption> / circular / refuted)
  compare FILE...       designs side by side (Markdown, CSV, HDF5), object-store baseline columns
  sweep SWEEP           every point of a sweep (a base scenario x axes), a process each, locally or
                        as a Slurm job array (--slurm); merged HDF5 + CSV; `sweep collect DIR`,
                        `sweep summary DIR` (exit 5: some points failed)
  report RESULT.h5      one self-contained HTML page (plots inline) for a run, compare or sweep file
  summary COMPARE.h5    one page for a deck (-o summary.pdf or .odp): table with verdicts, throughput
                        against the claims, rack elevations
  calibrate LAB MEAS... fit the model's knobs to measurements of a lab system (elbencho, IOR, fio,
                        CSV): a profile for run/check --profile, and a validation report
  validate CORPUS.csv   simulate published measured runs (IO500, MLPerf Storage) and compare;
                        --fit: shared knobs fitted across systems, leave-one-system-out errors
  size DESIGN           the cheapest variant meeting --target write=,read=,usable= by varying --vary
                        counts and the D-node model: bracketed by the bound, confirmed by simulation
  design DESIGN|LAYOUT  derived facts: fabric, capacity, racks, power, ceilings (per site)
  racks DESIGN          rack elevations as SVG
  help                  this text)";

}  // namespace

int main(int argc, char** argv) {
  using namespace podsim;
  install_interrupt_cleanup();  // SIGINT/SIGTERM: temporaries removed, children stopped, exit 130/143
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage << "\n";
    return args.empty() ? 2 : 0;
  }
  const std::map<std::string, int (*)(const cli::Args&)> commands{
      {"run", cli::run}, {"check", cli::check}, {"compare", cli::compare}, {"design", cli::design}, {"racks", cli::racks},
      {"sweep", cli::sweep}, {"report", cli::report}, {"calibrate", cli::calibrate}, {"validate", cli::validate}, {"size", cli::size}, {"summary", cli::summary}};
  const std::string cmd = args[0];
  args.erase(args.begin());
  try {
    auto it = commands.find(cmd);
    if (it == commands.end()) {
      std::cerr << "podsim: unknown command '" << cmd << "' (try podsim help)\n";
      return 2;
    }
    FilesTouched touched;  // no output of this command may replace a file it read or wrote
    return it->second(args);
  } catch (const InputError& e) {
    std::cerr << "podsim: error: " << e.what() << "\n";
    return 2;
  } catch (const boost::program_options::error& e) {
    std::cerr << "podsim: " << e.what() << " (try podsim " << cmd << " --help)\n";
    return 2;
  } catch (const OutputError& e) {
    std::cerr << "podsim: error: " << e.what() << "\n";
    return 3;
  } catch (const std::bad_alloc&) {
    // Input too large for this machine's memory: not a fault of podsim's, and not a crash.
    std::cerr << "podsim: error: out of memory: the run is too large for this machine (use model.slices, coarse "
                 "modes or a longer output.sample_interval)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "podsim: internal error: " << e.what() << "\n";
    return 4;
  }
}
