// podsim design / podsim racks: derived facts and rack elevations, no simulation.
#include <iostream>

#include "analysis/output_file.hpp"
#include "analysis/rack_svg.hpp"
#include "analysis/report.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "topology/input_error.hpp"
#include "topology/layout.hpp"

namespace podsim::cli {

int design(const Args& args) {
  po::options_description opts("design options");
  po::variables_map vm;
  if (!parse(args, opts, {{"design", 1}}, "usage: podsim design DESIGN|LAYOUT", vm)) return 0;
  const std::string file = vm["design"].as<std::string>();
  if (!is_layout_file(file)) {
    std::cout << design_report(load_design(file));
    return 0;
  }
  auto l = load_layout(file);
  if (l.multi_site()) {
    std::cout << layout_report(l);
    return 0;
  }
  Design d = l.sites.front().design;  // a scaled copy of a design: report it under the layout's name
  d.name = l.name;
  d.file = l.file;
  std::cout << design_report(d);
  return 0;
}

int racks(const Args& args) {
  po::options_description opts("racks options");
  std::string output;
  opts.add_options()("output,o", po::value(&output), "SVG file to write (default: <design name>-racks.svg)");
  po::variables_map vm;
  if (!parse(args, opts, {{"design", 1}}, "usage: podsim racks DESIGN [-o FILE.svg]", vm)) return 0;
  const std::string file = vm["design"].as<std::string>();
  Design d;
  if (is_layout_file(file)) {
    auto l = load_layout(file);
    if (l.sites.size() > 1) throw InputError(file, 0, "layout", "racks are drawn per design: give one site's design file");
    d = l.sites.front().design;
    d.name = l.name;
  } else {
    d = load_design(file);
  }
  if (output.empty()) output = d.name + "-racks.svg";
  check_output_path(output, {file});
  write_text_file(output, rack_elevations_svg(d));
  std::cout << "rack elevations of " << d.name << ": " << output << " (SVG, open in a browser)\n";
  return 0;
}

}  // namespace podsim::cli
