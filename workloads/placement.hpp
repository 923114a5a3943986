#pragma once
/**
 * @file placement.hpp
 * @brief Which C-node serves which client stream (a mount and its multipath connections).
 *
 * round_robin: client i mounts C-node i mod C; hash: a hash of i picks it (uneven on purpose,
 * as DNS or VIP hashing is); multipath k: a client's streams spread over k C-nodes spaced C/k
 * apart (nconnect / remoteports-style). Imbalance is an effect to model, not to average away.
 */
#include <string>

namespace podsim {

enum class PlacementPolicy { round_robin, hash };

struct PlacementSpec {
  PlacementPolicy policy = PlacementPolicy::round_robin;
  int multipath = 1;
};

/** @brief The C-node (0..cnodes-1) that carries stream `stream` of client `client`. */
[[nodiscard]] int cnode_for(const PlacementSpec& p, int client, int stream, int cnodes);
/** @brief The first enclosure (0..dnodes-1) of a C-node's `stripe`-th buffer stripe of `width`
 *  strips: each C-node starts at its own offset (a prime stride spreads them) and rotates. */
[[nodiscard]] int first_stripe_dnode(int cnode, long long stripe, int width, int dnodes);
[[nodiscard]] PlacementPolicy parse_placement_policy(const std::string& s);  // throws std::invalid_argument
[[nodiscard]] const char* to_string(PlacementPolicy p);

}  // namespace podsim
