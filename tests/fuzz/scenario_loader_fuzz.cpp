// libFuzzer target: the scenario loader, then the platform spec and the max-flow bound every run
// derives from it. Bad input must end as an InputError (file, line, field); anything else (another
// exception, a crash, a sanitizer report, a hang, runaway memory) is a finding.
// Relative file names in a fuzzed scenario resolve from scenarios/, so the designs of record load.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "topology/input_error.hpp"
#include "topology/max_flow_bound.hpp"
#include "topology/platform_spec.hpp"
#include "workloads/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::filesystem::path kFile = std::filesystem::path(PODSIM_SOURCE_DIR) / "scenarios/fuzzed.yaml";
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto scenario = podsim::load_scenario_text(text, kFile);
    const auto spec = podsim::make_platform_spec(scenario.layout);
    (void)podsim::max_flow_bound(spec);
  } catch (const podsim::InputError&) {
    // The contract for bad input.
  }
  return 0;
}
