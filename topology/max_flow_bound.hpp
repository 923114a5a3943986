#pragma once
/**
 * @file max_flow_bound.hpp
 * @brief Upper bound on user throughput: the max flow of the platform graph (Boost.Graph).
 *
 * Capacities are in user bytes per second: a resource that carries f bytes per user byte
 * (the C-node's outbound port carries the buffer stripe's (data+parity)/data) gets capacity / f.
 * The graph relaxes two constraints (client-to-C-node placement, and storage-leaf uplinks between
 * C-nodes and D-nodes), so it is a valid upper bound, not an estimate: no simulated run may exceed it.
 * The write bound is the burst bound (buffer not full); `sustained` is the bound once it is full.
 */
#include <string>
#include <vector>

#include "topology/platform_spec.hpp"

namespace podsim {

struct FlowBound {
  Bandwidth write;   ///< checkpoint burst into the write buffer
  Bandwidth read;    ///< reads from the capacity tier
  Bandwidth destage; ///< buffer -> capacity tier, the migration rate with no client traffic
  Bandwidth drain;   ///< capacity tier -> WAN -> object store; zero without an object store
  Bandwidth fetch;   ///< object store -> WAN -> capacity tier (pre-staging); zero without an object store
  /** Client writes once the buffer is full and migration binds (in = out): every resource carries
   *  its per-user-byte load of both the buffer stripe and the migration (sustained_write_limits); the burst when nothing destages. */
  Bandwidth sustained;
};

/** `reduction`: the most any written data reduces (user bytes / stored bytes), 1 for none. */
[[nodiscard]] FlowBound max_flow_bound(const PlatformSpec& p, double reduction = 1);

/** The client burst bound alone (FlowBound::write, or ::read): one max flow instead of four, for
 *  searches that bisect on it (claim requirements, sizing). */
[[nodiscard]] Bandwidth client_bound(const PlatformSpec& p, bool write);

/** @brief One resource class's ceiling on sustained writes: its total capacity / its load per user byte. */
struct SustainedLimit {
  std::string resource;  ///< e.g. "dnode_port in"
  double per_user_byte = 0;  ///< bytes (or cycles) it carries per user byte written
  Bandwidth ceiling;         ///< total capacity / per_user_byte, in user bytes per second
};

/**
 * @brief The closed form of sustained writes (docs/simgrid-model.md, "migration"): per resource
 * class, its load per user byte with the buffer full. Both modes: buffer SSDs take the buffer
 * stripe a_b = (data + parity) / data and give back 1 user byte, capacity SSDs take s = a_c / reduction.
 * `cnodes` mode adds the fabric: enclosure ports and controllers take a_b + s in and give 1 out, C-node
 * ports take 2 in (client + migration read) and give a_b + s out, C-node CPU spends write + migrate
 * cycles per byte. Sorted, tightest first; empty for a design without destage (internal drives).
 */
[[nodiscard]] std::vector<SustainedLimit> sustained_write_limits(const PlatformSpec& p, double reduction = 1);

}  // namespace podsim
