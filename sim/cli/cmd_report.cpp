// podsim report: an HTML page for a run, compare or sweep file. The plots come from matplotlib, so
// the page is built by analysis/report/podsim_report.py; this command finds Python and the script
// and passes the exit code through (2 bad input, 3 unwritable output).
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "sim/cli/child_runs.hpp"
#include "analysis/output_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "topology/input_error.hpp"

namespace podsim::cli {
namespace {

/** An environment override, else the value CMake found at configure time. */
std::string setting(const char* env, const char* configured) {
  const char* v = std::getenv(env);
  return v && *v ? v : configured;
}

}  // namespace

int report(const Args& args) {
  po::options_description opts("report options");
  std::string output;
  opts.add_options()
      ("output,o", po::value(&output), "HTML file to write (default: RESULT with .html)")
      ("quiet,q", "no progress on stderr");
  po::variables_map vm;
  if (!parse(args, opts, {{"result", 1}},
             "usage: podsim report RESULT.h5 [-o report.html]\n"
             "  one self-contained HTML page (figures inline) for a run, a compare or a sweep file\n"
             "  (uses Python with matplotlib and h5py: PODSIM_PYTHON overrides the interpreter)",
             vm))
    return 0;
  const auto result = vm["result"].as<std::string>();
  if (!std::filesystem::exists(result)) throw InputError(result, 0, "file", "no such file");
  check_output_path(output.empty() ? std::filesystem::path(result).replace_extension(".html") : std::filesystem::path(output),
                    {result});
  const std::string script = setting("PODSIM_REPORT_SCRIPT", PODSIM_REPORT_SCRIPT);
  if (!std::filesystem::exists(script))
    throw std::runtime_error("the report script " + script + " is missing (set PODSIM_REPORT_SCRIPT)");
  std::vector<std::string> argv{setting("PODSIM_PYTHON", PODSIM_PYTHON), script, result};
  if (!output.empty()) argv.insert(argv.end(), {"-o", output});
  if (vm.count("quiet")) argv.emplace_back("--quiet");
  return run_program(argv);
}

}  // namespace podsim::cli
