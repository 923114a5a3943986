#include "workloads/checkpoint_presets.hpp"

#include <stdexcept>

#include "topology/yaml_node.hpp"

namespace podsim {

extern const char* const kCheckpointPresetsYaml;  // generated from presets/checkpoints.yaml

ModelStateBytes default_model_states() {
  auto doc = YamlNode::load_text(kCheckpointPresetsYaml, "workloads/presets/checkpoints.yaml");
  auto m = doc.required("model_states");
  return {m.required("weight_bytes").as_number(0, 64), m.required("optimizer_bytes").as_number(0, 64),
          m.required("source").as_string()};
}

CheckpointPreset checkpoint_preset(const std::string& name) {
  auto doc = YamlNode::load_text(kCheckpointPresetsYaml, "workloads/presets/checkpoints.yaml");
  auto presets = doc.required("presets");
  std::string known;
  for (const auto& key : presets.keys()) {
    if (key != name) {
      known += (known.empty() ? "" : ", ") + key;
      continue;
    }
    auto p = presets.required(key);
    return {key, p.required("size").as_bytes(), p.required("parameters").as_number(1, 1e15),
            static_cast<int>(p.required("ranks").as_integer(1, 1 << 30)), p.required("source").as_string()};
  }
  throw std::invalid_argument("unknown checkpoint preset '" + name + "' (known: " + known + ")");
}

}  // namespace podsim
