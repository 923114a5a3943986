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

/** @brief Looks a preset up; throws std::invalid_argument listing the known names. */
[[nodiscard]] CheckpointPreset checkpoint_preset(const std::string& name);

}  // namespace podsim
