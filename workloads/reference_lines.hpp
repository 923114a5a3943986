#pragma once
/**
 * @file reference_lines.hpp
 * @brief Reference lines beside a throughput claim: NVIDIA's SuperPOD storage guidance scaled to the
 * design's GPU count, and the best published measured Llama3-1T checkpoint rates
 * (workloads/presets/reference-lines.yaml, compiled in; each line carries its source).
 */
#include <string>
#include <vector>

namespace podsim {

struct ReferenceLine {
  std::string label;        ///< "SuperPOD guidance, better (x162 SUs)"
  double bytes_per_second;  ///< B/s
  std::string source;
};

/** @brief The lines for `op` ("write" or "read") for a design of `gpus` GPUs, lowest first. */
[[nodiscard]] std::vector<ReferenceLine> reference_lines(const std::string& op, long long gpus);

}  // namespace podsim
