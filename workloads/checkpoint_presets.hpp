#pragma once
#include <string>

#include "topology/units.hpp"

namespace podsim {

/** @brief A named checkpoint model from workloads/presets/checkpoints.yaml (compiled in). */
struct CheckpointPreset {
  std::string name;
  Bytes size;
  double parameters = 0;
  int ranks = 0;  ///< writer ranks in the MLPerf Storage CLOSED configuration
  std::string source;
};

/** @brief Checkpointed bytes per parameter of mixed-precision Adam (defaults of a parallel model). */
struct ModelStateBytes {
  double weights = 0;
  double optimizer = 0;
  std::string source;
};
[[nodiscard]] ModelStateBytes default_model_states();

/** @brief Looks a preset up; throws std::invalid_argument listing the known names. */
[[nodiscard]] CheckpointPreset checkpoint_preset(const std::string& name);

}  // namespace podsim
