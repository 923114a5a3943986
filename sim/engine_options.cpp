#include "sim/engine_options.hpp"

namespace podsim {

std::vector<std::string> engine_options() {
  return {"network/model:CM02", "network/crosstraffic:0", "network/TCP-gamma:0", "contexts/guard-size:0",
          "network/maxmin-selective-update:1", "network/latency-factor:0"};
}

}  // namespace podsim
