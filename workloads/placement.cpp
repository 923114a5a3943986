#include "workloads/placement.hpp"

#include <algorithm>
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

PlacementPolicy parse_placement_policy(const std::string& s) {
  if (s == "round_robin") return PlacementPolicy::round_robin;
  if (s == "hash") return PlacementPolicy::hash;
  throw std::invalid_argument("unknown placement policy '" + s + "' (expected round_robin or hash)");
}

const char* to_string(PlacementPolicy p) { return p == PlacementPolicy::round_robin ? "round_robin" : "hash"; }

}  // namespace podsim
