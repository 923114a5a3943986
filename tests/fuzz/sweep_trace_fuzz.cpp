// libFuzzer target: the sweep-file and trace loaders (issue 25: a sweep step of 1e-300 crashed,
// trace fields skipped the range limits). The first byte picks the loader: even, a sweep file
// (relative to scenarios/sweeps/, so `base: ../small-pod.yaml` loads) expanded into its points
// when it has few; odd, a trace CSV. Bad input must end as an InputError; anything else (another
// exception, a crash, a sanitizer report, a hang, runaway memory) is a finding.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "topology/input_error.hpp"
#include "workloads/sweep.hpp"
#include "workloads/trace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::filesystem::path kDir = std::filesystem::path(PODSIM_SOURCE_DIR) / "scenarios/sweeps";
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    if (data[0] % 2 == 0) {
      const auto spec = podsim::load_sweep_text(text, kDir / "fuzzed.yaml");
      // Expanding writes every point's YAML: keep the fuzzer's executions short.
      double points = 1;
      for (const auto& a : spec.axes) points *= a.values.empty() ? 1 : double(a.values.size());
      if (spec.mode == podsim::SweepMode::random || spec.mode == podsim::SweepMode::lhs) points = spec.samples;
      if (points <= 64) (void)podsim::expand_sweep(spec);
    } else {
      (void)podsim::parse_trace(text, kDir / "fuzzed.csv");
    }
  } catch (const podsim::InputError&) {
    // The contract for bad input.
  }
  return 0;
}
