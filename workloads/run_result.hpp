#pragma once
/**
 * @file run_result.hpp
 * @brief What a simulation returns: plain data, no SimGrid types. It lives here, below the engine,
 * so that sim/ writes it and analysis/ reads it without analysis depending on the engine.
 *
 * Time series use one fixed grid: bucket k covers [k*dt, (k+1)*dt). Values are amounts moved in
 * the bucket (bytes, or cycles for CPUs), so rate = value / dt and utilization = rate / capacity.
 */
#include <string>
#include <vector>

#include "topology/platform_spec.hpp"
#include "workloads/scenario.hpp"

namespace podsim {

/**
 * @brief Amounts per bucket from bucket `first` on; earlier buckets are zero. A phase that starts
 * late keeps no zeros before it: ten thousand sequential checkpoints would otherwise hold a value
 * per bucket from t = 0 each, memory growing with the square of their count.
 */
struct BucketSeries {
  size_t first = 0;
  std::vector<double> values;  ///< values[i] is bucket first + i
  [[nodiscard]] double at(size_t k) const { return k >= first && k - first < values.size() ? values[k - first] : 0.0; }
  [[nodiscard]] size_t end() const { return first + values.size(); }  ///< one past the last bucket held
  /** Adds v to bucket k (a bucket before `first` counts as `first`: a phase's own start bucket). */
  void add(size_t k, double v) {
    const size_t i = k > first ? k - first : 0;
    if (values.size() <= i) values.resize(i + 1, 0.0);
    values[i] += v;
  }
};

struct ResourceSeries {
  std::string name;       ///< e.g. "cnode-17-port"
  ResourceClass cls;
  std::string direction;  ///< "up"/"down" for links, "read"/"write" for disks, "compute" for CPUs
  double capacity = 0;    ///< per second: B/s, or cycles/s for CPUs
  std::vector<double> amount;  ///< per bucket: bytes, or cycles
};

struct PhaseRecord {
  std::string name;
  PhaseKind kind = PhaseKind::checkpoint_write;
  std::string description;
  double bytes = 0;        ///< user bytes of the phase
  long long writers = 0;
  double start = 0;        ///< s, simulated
  double last_done = 0;    ///< s, when the last writer/reader finished (what training waits for)
  double drained = 0;      ///< s, when the write buffer was empty again (write phases)
  std::vector<double> writer_done;  ///< s after start, one per writer
  BucketSeries user_bytes;          ///< acknowledged user bytes per bucket, from the phase's start bucket
};

/** @brief What a training timeline did: when training stopped for each checkpoint, and for how long. */
struct TimelineRecord {
  std::string name;
  double start = 0;  ///< s, simulated: training starts (its first compute interval)
  double end = 0;    ///< s: the last checkpoint's stall ended (background writes and drains may go on)
  std::vector<double> checkpoint_start;  ///< s, absolute: training stopped for checkpoint k
  std::vector<double> stall;             ///< s training was stopped for checkpoint k
};

/** @brief What a fault did in the run (the rest of its impact is computed in analysis/). */
struct FaultRecord {
  double at = 0;              ///< s, simulated
  double rebuild_start = -1;  ///< s; -1: no rebuild
  double rebuild_end = -1;    ///< s; -1: not finished when the run ended
  double rebuilt = 0;         ///< bytes reconstructed
  double retried = 0;         ///< user bytes of chunks abandoned and sent again (failover, lost strips)
  long long moved_streams = 0;     ///< client streams that failed over to another C-node
  long long redirected_strips = 0;  ///< buffer strips moved to another enclosure
  long long reduced_stripes = 0;    ///< buffer stripes written with one strip fewer
  double reconstructed_reads = 0;   ///< user bytes read by reconstruction
};

struct RunResult {
  std::string scenario_name;
  /** The design is servers (or appliances) with internal drives: outputs name its parts as such
   *  (server NICs, server CPU, server caps, drives), never C-nodes, enclosures or a write buffer. */
  bool servers = false;
  double sample_interval = 0;  ///< s
  double end_time = 0;         ///< s, simulated: when the workload ended
  double run_end = 0;          ///< s, simulated: when the run ended (a rebuild runs on to its end after the workload)
  std::vector<ResourceSeries> resources;
  std::vector<PhaseRecord> phases;
  std::vector<TimelineRecord> timelines;
  std::vector<FaultRecord> faults;  ///< one per scenario fault, same order
  std::vector<double> buffer_fill;  ///< bytes held in all write buffers, sampled at each bucket end
  double buffer_capacity = 0;       ///< bytes, all write buffers
  double migration_started_at = -1;  ///< s: the first buffer-to-capacity migration; -1: none
  double throttled_at = -1;          ///< s: the first strip that waited for buffer space; -1: never
  double migrated = 0;               ///< user bytes migrated to the capacity tier
  double stored = 0;                 ///< bytes they take there after data reduction (before parity)
  /** How the run was sliced ("one of 18 near-identical slices: site 'x': 117 C-nodes for 117.39
   *  (each x 1.0033)"); empty for a whole run. */
  std::string slicing;
  double wall_seconds = 0;
  double platform_seconds = 0;  ///< wall s of it spent building the SimGrid platform
  long long activities = 0;  ///< SimGrid activities started (comms, I/Os, execs)
  long long peak_actors = 0;  ///< most SimGrid actors alive at once (seen at the bucket ends)
};

}  // namespace podsim
