#pragma once
/**
 * @file max_flow_bound.hpp
 * @brief Upper bound on user throughput: the max flow of the platform graph (Boost.Graph).
 *
 * Capacities are in user bytes per second: a resource that carries f bytes per user byte
 * (the C-node's outbound port carries the buffer stripe's (data+parity)/data) gets capacity / f.
 * The graph relaxes two constraints (client-to-C-node placement, and storage-leaf uplinks between
 * C-nodes and D-nodes), so it is a valid upper bound, not an estimate: no simulated run may exceed it.
 * The write bound is the burst bound (buffer not full); destage_bound() is the sustained one.
 */
#include "topology/platform_spec.hpp"

namespace podsim {

struct FlowBound {
  Bandwidth write;   ///< checkpoint burst into the write buffer
  Bandwidth read;    ///< reads from the capacity tier
  Bandwidth destage; ///< buffer -> capacity tier, what writes fall to once the buffer is full
  Bandwidth drain;   ///< capacity tier -> WAN -> object store; zero without an object store
  Bandwidth fetch;   ///< object store -> WAN -> capacity tier (pre-staging); zero without an object store
};

[[nodiscard]] FlowBound max_flow_bound(const PlatformSpec& p);

}  // namespace podsim
