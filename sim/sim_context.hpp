#pragma once
// Internal to sim/: state shared by the actors of one run. Owned by run_simulation(); passed by
// reference to every actor, never global.
#include <deque>
#include <memory>
#include <vector>

#include "sim/platform_builder.hpp"
#include "sim/run_result.hpp"

namespace podsim {

/** @brief A strip waiting for write-buffer space on a D-node. */
struct BufferWaiter {
  int client;
  int stream;
  double bytes;
};

/** @brief Message to a client: space was reserved for one of its waiting strips. */
struct Admission {
  int stream;
  int dnode;
  double bytes;
};

/**
 * @brief Write-buffer state of one enclosure.
 * reserved: bytes allocated to strips (in flight or landed, not yet destaged); never above capacity.
 * landed: bytes written to the buffer SSDs and not yet taken by a destage operation.
 */
struct DNodeRuntime {
  double capacity = 0;
  double reserved = 0;
  double landed = 0;
  std::deque<BufferWaiter> waiters;
  sg4::MutexPtr mutex = sg4::Mutex::create();
  sg4::ConditionVariablePtr work = sg4::ConditionVariable::create();  ///< landed data, or flush
};

/** @brief Where a host attaches: the links a transfer to or from it crosses (spec link indices). */
struct Endpoint {
  int port = -1;        ///< NIC / port link
  int controller = -1;  ///< D-node controller link, else -1
  int uplink = -1;      ///< its leaf's uplink
  int leaf = -1;        ///< unique across client and storage leaves
};

struct SimContext {
  SimContext(const Scenario& sc, const PlatformSpec& ps, BuiltPlatform built, RunResult& out)
      : scenario(sc), spec(ps), platform(std::move(built)), result(out) {}
  const Scenario& scenario;
  const PlatformSpec& spec;
  BuiltPlatform platform;
  RunResult& result;
  double dt = 0.1;
  std::vector<DNodeRuntime> dnodes;
  std::vector<sg4::Mailbox*> admission_box;  ///< per client
  std::vector<long long> stripe_counter;     ///< per C-node, rotates buffer stripes over enclosures
  long long read_counter = 0;                ///< rotates chunk reads over enclosures
  bool flushing = false;                     ///< destage leftovers smaller than a unit
  sg4::ConditionVariablePtr drained = sg4::ConditionVariable::create();
  sg4::MutexPtr drained_mutex = sg4::Mutex::create();
  // Index of each resource's series in result.resources.
  std::vector<int> link_series;  ///< per spec link: up series; down = up + 1
  std::vector<int> cpu_series;   ///< per C-node
  std::vector<int> disk_series;  ///< per D-node: buffer read, buffer write, capacity read, capacity write
  PhaseRecord* phase = nullptr;          ///< the phase running now
  const PhaseSpec* phase_spec = nullptr;
  double acked = 0;              ///< user bytes acknowledged in the current phase
  long long activities = 0;

  std::vector<Endpoint> endpoints;  ///< clients, then C-nodes, then D-nodes
  [[nodiscard]] int client_endpoint(int i) const { return i; }
  [[nodiscard]] int cnode_endpoint(int i) const { return static_cast<int>(spec.clients.size()) + i; }
  [[nodiscard]] int dnode_endpoint(int i) const {
    return static_cast<int>(spec.clients.size() + spec.cnodes.size()) + i;
  }
  /**
   * Credits a finished transfer's bytes to every link of its route, spread evenly over its
   * lifetime. (SimGrid's link-load plugin would be exact, but it re-sums a link's usage on every
   * flow change: quadratic on a spine carrying 40k flows.)
   */
  void account_transfer(int src, int dst, double t0, double t1, double bytes);

  /** Records an amount moved by a disk or CPU between t0 and t1. */
  void account(int series, double t0, double t1, double amount) {
    spread_over_buckets(result.resources[series].amount, t0, t1, amount, dt);
  }
  /** Reserves buffer space on a D-node, or queues the strip; true when reserved now. */
  bool reserve(int dnode, const BufferWaiter& w);
  /** Returns destaged bytes to a D-node's buffer and admits waiting strips in FIFO order. */
  void release(int dnode, double bytes);
};

/** @brief Destage loop of one enclosure (daemon): buffer SSDs -> capacity SSDs in EC stripes. */
void destage_actor(SimContext& ctx, int dnode);

/** @brief One client node running its writers (or readers) for the current phase. */
void client_actor(SimContext& ctx, int client, int first_writer);

}  // namespace podsim
