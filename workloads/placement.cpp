#include "workloads/placement.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace podsim {

namespace {
uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
}  // namespace

int cnode_for(const PlacementSpec& p, int client, int stream, int cnodes) {
  int base = p.policy == PlacementPolicy::round_robin
                 ? client % cnodes
                 : static_cast<int>(splitmix64(static_cast<uint64_t>(client)) % static_cast<uint64_t>(cnodes));
  int k = std::min(p.multipath, cnodes);
  int stride = std::max(1, cnodes / k);
  return (base + (stream % k) * stride) % cnodes;
}

int first_stripe_dnode(int cnode, long long stripe, int width, int dnodes) {
  return static_cast<int>((cnode * 7919LL + stripe * width) % dnodes);
}

double enclosure_weight(int enclosure, double imbalance) {
  constexpr double kGolden = 0.6180339887498949;
  double u = std::fmod((enclosure + 1) * kGolden, 1.0);
  return 1 + imbalance * (2 * u - 1);
}

EnclosureBalancer::EnclosureBalancer(int enclosures, double imbalance)
    : placed_(static_cast<size_t>(enclosures), 0.0), in_placement_(static_cast<size_t>(enclosures), true) {
  weight_.reserve(placed_.size());
  for (int e = 0; e < enclosures; ++e) {
    weight_.push_back(enclosure_weight(e, imbalance));
    by_load_.emplace(0.0, e);
  }
}

std::vector<int> EnclosureBalancer::place(int width, double strip_bytes) {
  std::vector<int> chosen;
  while (static_cast<int>(chosen.size()) < width && !by_load_.empty()) {
    chosen.push_back(by_load_.begin()->second);
    by_load_.erase(by_load_.begin());
  }
  for (int e : chosen) {
    auto i = static_cast<size_t>(e);
    placed_[i] += strip_bytes;
    by_load_.emplace(placed_[i] / weight_[i], e);
  }
  return chosen;
}

void EnclosureBalancer::remove(int enclosure) {
  auto i = static_cast<size_t>(enclosure);
  if (!in_placement_[i]) return;
  in_placement_[i] = false;
  by_load_.erase({placed_[i] / weight_[i], enclosure});
}

PlacementPolicy parse_placement_policy(const std::string& s) {
  if (s == "round_robin") return PlacementPolicy::round_robin;
  if (s == "hash") return PlacementPolicy::hash;
  throw std::invalid_argument("unknown placement policy '" + s + "' (expected round_robin or hash)");
}

const char* to_string(PlacementPolicy p) { return p == PlacementPolicy::round_robin ? "round_robin" : "hash"; }

}  // namespace podsim
