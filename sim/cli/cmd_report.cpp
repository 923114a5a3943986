// podsim report: an HTML page for a run, compare or sweep file; podsim summary: one page (PDF, ODP) for a deck. The plots come from matplotlib, so
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

/** Runs a script of analysis/report/ with the Python CMake found (each overridable by its variable). */
int run_script(const char* script_env, const char* configured_script, std::vector<std::string> args) {
  const std::string script = setting(script_env, configured_script);
  if (!std::filesystem::exists(script))
    throw std::runtime_error("the script " + script + " is missing (set " + script_env + ")");
  args.insert(args.begin(), {setting("PODSIM_PYTHON", PODSIM_PYTHON), script});
  return run_program(args);
}

}  // namespace

int summary(const Args& args) {
  po::options_description opts("summary options");
  std::string output;
  opts.add_options()("output,o", po::value(&output), "summary.pdf or summary.odp (default: COMPARE with .pdf)");
  po::variables_map vm;
  if (!parse(args, opts, {{"compare", 1}},
             "usage: podsim summary COMPARE.h5 [-o summary.pdf|summary.odp]\n"
             "  one page for a deck from a comparison file (podsim compare -o) and its run files: the table with\n"
             "  verdicts and assumption markers, throughput against the claims and reference lines, rack elevations",
             vm))
    return 0;
  const auto compare = vm["compare"].as<std::string>();
  if (!std::filesystem::exists(compare)) throw InputError(compare, 0, "file", "no such file");
  const auto out = output.empty() ? std::filesystem::path(compare).replace_extension(".pdf") : std::filesystem::path(output);
  const auto ext = out.extension().string();
  if (ext != ".pdf" && ext != ".odp") throw InputError("command line", 0, "--output", out.string() + ": give a .pdf or .odp file");
  check_output_path(out, {compare});
  return run_script("PODSIM_SUMMARY_SCRIPT", PODSIM_SUMMARY_SCRIPT, {compare, "-o", out.string()});
}

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
  std::vector<std::string> argv{result};
  if (!output.empty()) argv.insert(argv.end(), {"-o", output});
  if (vm.count("quiet")) argv.emplace_back("--quiet");
  return run_script("PODSIM_REPORT_SCRIPT", PODSIM_REPORT_SCRIPT, argv);
}

}  // namespace podsim::cli
