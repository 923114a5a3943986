#include "workloads/model_error_band.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "topology/yaml_node.hpp"

namespace podsim {

extern const char* const kModelErrorYaml;  // generated from presets/model-error.yaml

ModelErrorBand model_error_band(const std::string& op) {
  const auto doc = YamlNode::load_text(kModelErrorYaml, "workloads/presets/model-error.yaml");
  ModelErrorBand band;
  band.source = doc.required("source").as_string();
  std::set<std::string> systems;
  for (const auto& run : doc.required("runs").items())
    if (run.required("op").as_string() == op) {
      band.ratios.push_back(run.required("ratio").as_number(1e-3, 1e3));
      systems.insert(run.required("system").as_string());
    }
  band.systems = static_cast<int>(systems.size());
  std::sort(band.ratios.begin(), band.ratios.end());
  return band;
}

double share_at_least(const ModelErrorBand& band, double fraction) {
  if (band.ratios.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto first = std::lower_bound(band.ratios.begin(), band.ratios.end(), fraction);
  return static_cast<double>(band.ratios.end() - first) / static_cast<double>(band.ratios.size());
}

double ratio_at_confidence(const ModelErrorBand& band, double confidence) {
  if (band.ratios.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto n = static_cast<double>(band.ratios.size());
  const auto keep = static_cast<size_t>(std::clamp(std::ceil(confidence * n - 1e-9), 1.0, n));  // ratios at or above r
  return band.ratios[band.ratios.size() - keep];
}

}  // namespace podsim
