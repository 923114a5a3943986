// podsim design / podsim racks: derived facts and rack elevations, no simulation.
#include <iostream>

#include "analysis/output_file.hpp"
#include "analysis/rack_svg.hpp"
#include "analysis/report.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"

namespace podsim::cli {

int design(const Args& args) {
  po::options_description opts("design options");
  po::variables_map vm;
  if (!parse(args, opts, {{"design", 1}}, "usage: podsim design DESIGN", vm)) return 0;
  std::cout << design_report(load_design(vm["design"].as<std::string>()));
  return 0;
}

int racks(const Args& args) {
  po::options_description opts("racks options");
  std::string output;
  opts.add_options()("output,o", po::value(&output), "SVG file to write (default: <design name>-racks.svg)");
  po::variables_map vm;
  if (!parse(args, opts, {{"design", 1}}, "usage: podsim racks DESIGN [-o FILE.svg]", vm)) return 0;
  auto d = load_design(vm["design"].as<std::string>());
  if (output.empty()) output = d.name + "-racks.svg";
  write_text_file(output, rack_elevations_svg(d));
  std::cout << "rack elevations of " << d.name << ": " << output << " (SVG, open in a browser)\n";
  return 0;
}

}  // namespace podsim::cli
