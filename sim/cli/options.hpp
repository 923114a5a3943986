#pragma once
// Shared option parsing for the commands: Boost.Program_options with positional arguments.
#include <boost/program_options.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace podsim::cli {

namespace po = boost::program_options;

/**
 * @brief Parses options plus positional arguments (the last positional name takes the rest);
 * returns false after printing `usage` and the options when --help was given.
 */
inline bool parse(const std::vector<std::string>& args, po::options_description& opts,
                  const std::vector<std::pair<std::string, int>>& positional, const std::string& usage,
                  po::variables_map& vm) {
  opts.add_options()("help,h", "this text");
  po::options_description all;
  all.add(opts);
  po::positional_options_description pos;
  for (const auto& [name, count] : positional) {
    const po::value_semantic* v = count == 1
                                      ? static_cast<const po::value_semantic*>(po::value<std::string>()->required())
                                      : po::value<std::vector<std::string>>()->required()->multitoken();
    all.add_options()(name.c_str(), v);
    pos.add(name.c_str(), count);
  }
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  if (vm.count("help")) {
    std::cout << usage << "\n" << opts;
    return false;
  }
  po::notify(vm);
  return true;
}

/** @brief --tolerance is a fraction in [0, 1]: NaN or infinity would make every comparison pass. */
inline void check_tolerance(double tolerance) {
  if (!(tolerance >= 0 && tolerance <= 1))
    throw po::error("--tolerance must be a fraction between 0 and 1 (0.01 is 1 %), got " + std::to_string(tolerance));
}

}  // namespace podsim::cli
