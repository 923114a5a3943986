// podsim check: the design's claims against a simulation and the max-flow bound.
#include <iostream>

#include "analysis/claim_check.hpp"
#include "analysis/hdf5_writer.hpp"
#include "analysis/json_output.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/simulation.hpp"
#include "topology/input_error.hpp"

namespace podsim::cli {

int check(const Args& args) {
  po::options_description opts("check options");
  ClaimCheckOptions o;
  std::string output;
  opts.add_options()
      ("tolerance", po::value(&o.tolerance)->default_value(0.05), "a claim holds within this fraction of its low end")
      ("output,o", po::value(&output), "also write the run's HDF5 file")
      ("json", "print the verdicts and the summary as JSON on stdout (schema podsim-json-1)")
      ("quiet,q", "no progress on stderr");
  po::variables_map vm;
  if (!parse(args, opts, {{"file", 1}},
             "usage: podsim check DESIGN|SCENARIO [options]\n"
             "  a DESIGN runs the built-in claim-check workload; a SCENARIO checks its design's claims on its phases",
             vm))
    return 0;
  auto scenario = load_scenario_or_design(vm["file"].as<std::string>());
  const bool quiet = vm.count("quiet") > 0, json = vm.count("json") > 0;
  if (scenario.layout.multi_site())
    throw InputError(scenario.layout.file.string(), 0, "layout",
                     "claims belong to a design: check each site's design file, not the layout of " +
                         std::to_string(scenario.layout.sites.size()) + " sites");
  if (scenario.design().claims.empty()) {
    const std::vector<ClaimVerdict> none;
    std::cout << (json ? run_json(scenario.name, "", {}, &none) : claim_report(scenario, none));
    return 0;
  }
  if (!quiet) std::cerr << "[podsim] check " << scenario.design().name << ": simulating workload " << scenario.name << "\n";
  auto result = run_simulation(scenario, {!quiet, {}});
  auto figures = compute_figures(scenario, result);
  const auto summary = summarize(scenario, figures);
  const auto verdicts = check_claims(scenario, figures, o);
  if (!output.empty()) write_hdf5(output, scenario, result, figures, summary, verdicts);
  std::cout << (json ? run_json(scenario.name, output, summary, &verdicts) : claim_report(scenario, verdicts));
  return 0;
}

}  // namespace podsim::cli
