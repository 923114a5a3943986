#pragma once
// Shared option parsing for the commands: Boost.Program_options with positional arguments.
#include <boost/program_options.hpp>

#include <cstdio>
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

/**
 * @brief Every numeric option has a range (exit 2 outside it): NaN or infinity would make every
 * comparison pass, and --jobs 100000 would start that many processes at once.
 */
inline void check_option(const char* option, double value, double low, double high, const char* what = "") {
  if (!(value >= low && value <= high)) {
    char range[96];
    std::snprintf(range, sizeof range, " must be between %g and %g", low, high);
    throw po::error(std::string(option) + range + what + ", got " + std::to_string(value));
  }
}
/** @brief --tolerance is a fraction in [0, 1]. */
inline void check_tolerance(double tolerance) { check_option("--tolerance", tolerance, 0, 1, " (a fraction: 0.01 is 1 %)"); }
/** @brief Processes at once: at most 256 (the machines podsim runs on have a few cores). */
inline void check_jobs(int jobs) { check_option("--jobs", jobs, 1, 256); }

}  // namespace podsim::cli
