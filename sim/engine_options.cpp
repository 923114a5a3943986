#include "sim/engine_options.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "topology/format.hpp"
#include "topology/input_error.hpp"

namespace podsim {

std::vector<std::string> engine_options() {
  return {"network/model:CM02", "network/crosstraffic:0", "network/TCP-gamma:0", "contexts/guard-size:0",
          "network/maxmin-selective-update:1", "network/latency-factor:0"};
}

namespace {

struct Allowed {
  std::set<std::string> words;  ///< non-empty: one of these
  double min = 0, max = 0;      ///< otherwise a number in [min, max]
};

const std::map<std::string, Allowed>& allowed_options() {
  static const std::map<std::string, Allowed> options{
      {"network/model", {{"CM02", "LV08"}}},
      {"network/crosstraffic", {{"0", "1"}}},
      {"network/maxmin-selective-update", {{"0", "1"}}},
      {"network/TCP-gamma", {{}, 0, 1e12}},
      {"network/latency-factor", {{}, 0, 100}},
      {"network/bandwidth-factor", {{}, 1e-3, 1}},
      {"maxmin/precision", {{}, 1e-12, 1e-3}},
      {"surf/precision", {{}, 1e-12, 0.1}},       // the time quantum: at most 100 ms, as model.time_quantum
      {"contexts/stack-size", {{}, 128, 65536}},  // KiB
      {"contexts/guard-size", {{}, 0, 16}},       // pages
  };
  return options;
}

}  // namespace

void check_engine_option(const std::string& cfg) {
  auto bad = [&](const std::string& why) { throw InputError("command line", 0, "--cfg " + cfg, why); };
  const auto colon = cfg.find(':');
  if (colon == std::string::npos) bad("expected name:value");
  const std::string name = cfg.substr(0, colon), value = cfg.substr(colon + 1);
  const auto& options = allowed_options();
  const auto it = options.find(name);
  if (it == options.end()) {
    std::string names;
    for (const auto& [n, a] : options) names += (names.empty() ? "" : ", ") + n;
    bad("not an option podsim passes to SimGrid; these are: " + names);
  }
  const Allowed& a = it->second;
  if (!a.words.empty()) {
    if (!a.words.count(value)) {
      std::string words;
      for (const auto& w : a.words) words += (words.empty() ? "" : " or ") + w;
      bad("expected " + words + ", got '" + value + "'");
    }
    return;
  }
  double v = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || ptr != value.data() + value.size() || !std::isfinite(v))
    bad("expected a number, got '" + value + "'");
  if (v < a.min || v > a.max)
    bad("must be between " + format_number("%g", a.min) + " and " + format_number("%g", a.max) + ", got " + value);
}

}  // namespace podsim
