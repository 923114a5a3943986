#pragma once
// `faults:` of a scenario: each fault's kind, time, target (by name) and parameters, checked
// against the platform the scenario builds, so a typo in a node name is an error at its line.
#include "topology/yaml_node.hpp"
#include "workloads/scenario.hpp"

namespace podsim {

/** @brief Parses `faults:` into sc.faults; needs sc.layout set. */
void parse_faults(const YamlNode& faults, Scenario& sc);

}  // namespace podsim
