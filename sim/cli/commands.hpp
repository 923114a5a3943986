#pragma once
// One function per `podsim` command; each parses its own options and returns the exit code
// (errors are thrown and mapped to exit codes in main.cpp).
#include <string>
#include <vector>

namespace podsim::cli {

using Args = std::vector<std::string>;

int run(const Args& args);      // cmd_run.cpp
int design(const Args& args);   // cmd_design.cpp
int racks(const Args& args);    // cmd_design.cpp
int check(const Args& args);    // cmd_check.cpp
int compare(const Args& args);  // cmd_compare.cpp
int sweep(const Args& args);    // cmd_sweep.cpp
int report(const Args& args);   // cmd_report.cpp
int summary(const Args& args);  // cmd_report.cpp
int calibrate(const Args& args);  // cmd_calibrate.cpp
int validate(const Args& args);   // cmd_validate.cpp
int size(const Args& args);       // cmd_size.cpp


}  // namespace podsim::cli
