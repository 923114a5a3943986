#include "workloads/reference_lines.hpp"

#include <algorithm>

#include "topology/format.hpp"
#include "topology/yaml_node.hpp"

namespace podsim {

extern const char* const kReferenceLinesYaml;  // generated from presets/reference-lines.yaml

std::vector<ReferenceLine> reference_lines(const std::string& op, long long gpus) {
  const auto doc = YamlNode::load_text(kReferenceLinesYaml, "workloads/presets/reference-lines.yaml");
  std::vector<ReferenceLine> out;
  const auto su = doc.required("superpod_guidance");
  const double per_unit = static_cast<double>(su.required("gpus_per_unit").as_integer(1, 1 << 20));
  const double units = static_cast<double>(gpus) / per_unit;
  for (const auto& level : su.required("levels").items())
    out.push_back({"SuperPOD guidance, " + level.required("name").as_string() + format_number(" (x%.1f SUs)", units),
                   level.required(op).as_bandwidth().bytes_per_second() * units, su.required("source").as_string()});
  const auto measured = doc.required("measured_checkpoints");
  const auto preset = measured.required("preset").as_string();
  const std::string source = measured.required("source").as_string();
  double best = 0;
  std::string best_label;
  for (const auto& run : measured.required("runs").items()) {
    const double rate = run.required(op).as_bandwidth().bytes_per_second();
    if (rate > best) {
      best = rate;
      best_label = "measured " + preset + " checkpoint " + op + ", best published (" +
                   run.required("system").as_string() + ", " + run.required("id").as_string() + ")";
    }
  }
  if (best > 0) out.push_back({best_label, best, source});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.bytes_per_second < b.bytes_per_second; });
  return out;
}

}  // namespace podsim
