#pragma once
// Internal to workloads/: the jobs of a scenario and their steps (docs/scenario-format.md).
#include "topology/yaml_node.hpp"
#include "workloads/scenario.hpp"

namespace podsim {

/** Fills sc.jobs, sc.phases and sc.timelines from `phases:` (one job, every node) or `jobs:`. */
void parse_jobs(const YamlNode& scenario, Scenario& sc);

}  // namespace podsim
