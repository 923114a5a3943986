#pragma once
// Internal to sim/: state shared by the actors of one run. Owned by run_simulation(); passed by
// reference to every actor, never global.
#include <deque>
#include <set>
#include <memory>
#include <vector>

#include "sim/platform_builder.hpp"
#include "workloads/run_result.hpp"
#include "workloads/placement.hpp"

namespace podsim {

/** @brief A strip waiting for write-buffer space on a D-node. */
struct BufferWaiter {
  int client;
  int stream;
  double bytes;
  int epoch = 0;  ///< the stream's attempt: a strip of an abandoned attempt (failover) is stale
};

/** @brief Message to a client: space was reserved for one of its waiting strips. */
struct Admission {
  int stream;
  int dnode;
  double bytes;
  int epoch = 0;
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
  double landed_stored = 0;  ///< what `landed` takes on the capacity tier after data reduction
  bool migrating = false;    ///< between the high-water mark and the low-water mark
  std::deque<BufferWaiter> waiters;
  // Faults (sim/fault_actor.cpp).
  bool lost = false;          ///< the whole enclosure is gone: no buffer, no destage, reads reconstructed
  bool reduced_writes = false;  ///< while lost: stripes omit its strip instead of moving it
  double degraded_share = 0;  ///< share of its data read by reconstruction (until its rebuild ends)
  double read_amplification = 1;  ///< survivor bytes read per reconstructed byte
  int fault = -1;                 ///< the scenario fault that hit it, for its record
  sg4::MutexPtr mutex = sg4::Mutex::create();
  sg4::ConditionVariablePtr work = sg4::ConditionVariable::create();  ///< landed data, or flush
};

/** @brief Where a host attaches: the links a transfer to or from it crosses (spec link indices). */
struct Endpoint {
  int port = -1;        ///< NIC / port link (the intake link for the object store)
  int controller = -1;  ///< D-node controller link, else -1
  int uplink = -1;      ///< its leaf's uplink, -1 for the object store
  int spine = -1;       ///< its site's spine, -1 for the object store
  int wan = -1;         ///< its site's WAN link, -1 when none
  int leaf = -1;        ///< unique across client and storage leaves (and the object store)
  int site = -1;        ///< -1 for the object store
};

/**
 * @brief Accounting of one in-flight activity: where its amount goes (a resource series, or the
 * links of a transfer's route), its total, and what was left at the last sample.
 */
struct Tracked {
  int series = -1;  ///< disk or CPU series, else -1
  int src = -1;     ///< transfer endpoints, else -1
  int dst = -1;
  double total = 0;  ///< bytes, or cycles
  double last_remaining = 0;
  bool exec = false;  ///< an Exec reports progress only as a ratio
  [[nodiscard]] double remaining(const sg4::Activity& a) const {
    return exec ? total * static_cast<const sg4::Exec&>(a).get_remaining_ratio() : a.get_remaining();
  }
};

/** @brief One phase while it runs: its spec, its record, and the user bytes acknowledged so far. */
struct PhaseRun {
  const PhaseSpec& spec;
  PhaseRecord& rec;
  double acked = 0;              ///< user bytes of finished chunks
  double in_flight = 0;          ///< scratch of a monitor sample: chunks in flight, as far as they got
  double last_acknowledged = 0;  ///< at the monitor's last sample
};

/** @brief Anything with activities in flight; the monitor samples every source at each bucket end. */
class ProgressSource {
 public:
  explicit ProgressSource(PhaseRun* run = nullptr) : run_(run) {}
  virtual ~ProgressSource() = default;
  /** Credits what each activity moved since the last sample to `bucket`; returns the user bytes of
   *  chunks in flight that count as acknowledged so far (each chunk at its slowest stage). */
  virtual double sample(size_t bucket) = 0;
  /** The phase whose bytes this source moves; none for background work (destage). */
  [[nodiscard]] PhaseRun* run() const { return run_; }

 private:
  PhaseRun* run_;
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
  std::vector<EnclosureBalancer> placement;  ///< per site: which enclosures take the next buffer stripe
  std::vector<double> landed_whole;           ///< per D-node: bytes of whole stripes (buffer_strips: rotate)
  std::vector<long long> survivor_counter;    ///< per site: spreads moved and reconstructed work over survivors
  std::vector<long long> read_counter;       ///< per site: rotates chunk reads over its enclosures
  std::vector<long long> migration_counter;  ///< per site: rotates capacity targets over its enclosures (and ties between C-nodes)
  std::vector<double> migrating_bytes;       ///< per C-node: user bytes of the migration operations it runs now
  int flush_waiters = 0;                     ///< steps waiting for empty buffers: destage leftovers smaller than a unit
  sg4::ConditionVariablePtr drained = sg4::ConditionVariable::create();
  sg4::MutexPtr drained_mutex = sg4::Mutex::create();
  // Index of each resource's series in result.resources.
  std::vector<int> link_series;  ///< per spec link: up series; down = up + 1
  std::vector<int> cpu_series;   ///< per C-node
  std::vector<int> disk_series;  ///< per D-node: buffer read, buffer write, capacity read, capacity write
  std::vector<int> copy_host_cpu_series;  ///< per copy host
  std::vector<int> round_trip_series;     ///< per scenario phase: its request round trips, or -1
  std::vector<long long> serve_counter;   ///< per site: rotates a copy host's chunks over the site's C-nodes
  std::set<PhaseRun*> running;   ///< phases running now (several when jobs overlap)
  long long activities = 0;

  std::vector<Endpoint> endpoints;  ///< clients, C-nodes, D-nodes, the object store, C-node back ends, copy hosts
  [[nodiscard]] int client_endpoint(int i) const { return i; }
  [[nodiscard]] int cnode_endpoint(int i) const { return static_cast<int>(spec.clients.size()) + i; }
  [[nodiscard]] int dnode_endpoint(int i) const {
    return static_cast<int>(spec.clients.size() + spec.cnodes.size()) + i;
  }
  [[nodiscard]] int object_store_endpoint() const { return dnode_endpoint(static_cast<int>(spec.dnodes.size())); }
  /** A server's back end (its side of the internal link to its own drives). */
  [[nodiscard]] int inner_endpoint(int cnode) const { return object_store_endpoint() + 1 + cnode; }
  /** Where C-node `c` sends to and receives from enclosures: its back end when the drives are its own. */
  [[nodiscard]] int backend_endpoint(int c) const { return spec.cnodes[c].own_dnode >= 0 ? inner_endpoint(c) : cnode_endpoint(c); }
  [[nodiscard]] int copy_host_endpoint(int h) const { return inner_endpoint(static_cast<int>(spec.cnodes.size())) + h; }
  [[nodiscard]] sg4::Host* host_of(int endpoint) const {
    if (endpoint >= copy_host_endpoint(0)) return platform.copy_hosts[static_cast<size_t>(endpoint - copy_host_endpoint(0))];
    const int clients = static_cast<int>(spec.clients.size());
    const int cnodes = static_cast<int>(spec.cnodes.size());
    const int dnodes = static_cast<int>(spec.dnodes.size());
    if (endpoint < clients) return platform.clients[endpoint];
    if (endpoint < clients + cnodes) return platform.cnodes[endpoint - clients];
    if (endpoint < clients + cnodes + dnodes) return platform.dnodes[endpoint - clients - cnodes];
    if (endpoint == clients + cnodes + dnodes) return platform.object_store;
    return platform.cnode_inner[static_cast<size_t>(endpoint - clients - cnodes - dnodes - 1)];
  }
  std::set<ProgressSource*> sources;  ///< sampled by the monitor
  bool sampling = false;              ///< the monitor is walking `sources`
  bool workload_done = false;         ///< every job ended: nothing more is sampled or credited
  /** Removes a source that is ending; waits (same simulated time) while the monitor samples. Call
   *  it from the derived destructor, before the source's activities are destroyed. */
  void leave(ProgressSource* source) {
    hold_while_sampling();
    sources.erase(source);
  }
  /** Waits (same simulated time) until the monitor's walk is over. An actor calls it before it
   *  changes the activities its source lists: the walk reads them across simcalls, during which
   *  the owner may run (a completion in the same step; frequent with a time quantum). */
  void hold_while_sampling() const {
    while (sampling) sg4::this_actor::yield();
  }
  std::vector<double> cnode_lost_at;  ///< per C-node: when a fault takes it, else infinity
  /** Lost by now: derived from the scenario's faults, so every actor agrees at the fault's instant. */
  [[nodiscard]] bool cnode_lost(int c) const { return cnode_lost_at[c] <= sg4::Engine::get_clock(); }

  /** The site's next surviving enclosure in a rotation over all of them: where strips moved off a
   *  lost enclosure, reads of its data and its rebuild go, so every survivor takes an equal share
   *  (declustered), never a few neighbours. */
  [[nodiscard]] int next_survivor(int site);
  std::vector<double> link_back_at;   ///< per spec link: when a link that is down comes back, else 0
  /**
   * When the route between two endpoints is up again, or 0 when it is up now. Actors hold new
   * chunks until then: SimGrid 3.32 (CM02) bounds a flow by its route's narrowest link when it
   * starts, so a flow started on a link that is down would keep that rate after the link is back.
   */
  [[nodiscard]] double route_back_at(int src, int dst) const;
  /** A surviving C-node of `cnode`'s site, chosen by `key` among the survivors. */
  [[nodiscard]] int live_cnode(int cnode, long long key) const;

  /** The enclosure of the site's next chunk read: successive reads rotate over the site's enclosures. */
  [[nodiscard]] int next_read_dnode(int site) {
    const auto& dn = spec.sites[site].dnodes;
    return dn.first + static_cast<int>(read_counter[site]++ % dn.count);
  }
  [[nodiscard]] size_t bucket_now() const { return static_cast<size_t>(sg4::Engine::get_clock() / dt); }
  /**
   * Credits an amount an activity moved within `bucket` to its resources: a disk or CPU series, or
   * every link of a transfer's route. Exact at bucket granularity: the monitor credits progress at
   * each bucket end, the rest is credited at completion. (SimGrid's link-load plugin would do it
   * for links, but it re-sums a link's usage on every flow change: quadratic on a 40k-flow spine.)
   */
  void credit(const Tracked& t, size_t bucket, double amount);
  /** Credits what `a` moved since the last sample to `bucket`; returns what it has left. */
  double credit_progress(Tracked& t, const sg4::Activity& a, size_t bucket) {
    double rem = t.remaining(a);
    credit(t, bucket, t.last_remaining - rem);
    t.last_remaining = rem;
    return rem;
  }
  /** Credits what a finished activity had left at its last sample to the bucket it ended in. */
  void credit_completion(const Tracked& t) { credit(t, bucket_now(), t.last_remaining); }
  /** Reserves buffer space on a D-node, or queues the strip; true when reserved now. */
  bool reserve(int dnode, const BufferWaiter& w);
  /** Returns destaged bytes to a D-node's buffer and admits waiting strips in FIFO order. */
  void release(int dnode, double bytes);
};

/** @brief Destage loop of one enclosure (daemon): buffer SSDs -> capacity SSDs in EC stripes,
 *  inside the enclosure or through a C-node (Migration::Mode), between its water marks. */
void destage_actor(SimContext& ctx, int dnode);

/** @brief One client node running its writers, readers or traced operations for a phase. */
void client_actor(SimContext& ctx, PhaseRun& run, int client, int first_writer);

/** @brief One C-node copying its share between the capacity tier and the object store (drain or fetch). */
void cnode_copy_actor(SimContext& ctx, PhaseRun& run, int cnode);

/** @brief Applies the scenario's faults at their times (daemon); starts rebuilds. */
void fault_actor(SimContext& ctx);

}  // namespace podsim
