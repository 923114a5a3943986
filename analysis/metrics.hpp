#pragma once
/**
 * @file metrics.hpp
 * @brief From a RunResult to the figures an engineer asks for (rules in docs/metrics.md).
 *
 * Steady window: from the time 10 % of the phase's bytes were acknowledged to the time 90 % were
 * (the ramp-up and the straggler tail are left out). Sustained = 80 % of the bytes / window.
 * Peak = the best acknowledged rate over a window of 1/10 of the phase (at least one bucket). Utilization of a resource class =
 * bytes it moved in the window / (its capacity x window), summed over its instances; the
 * bottleneck is the class with the highest utilization, the runner-up's headroom is how much
 * more it could carry (capacity / load - 1).
 */
#include <optional>
#include <string>
#include <vector>

#include "workloads/run_result.hpp"

namespace podsim {

struct ClassUtilization {
  ResourceClass cls;
  std::string direction;  ///< "up"/"down"/"read"/"write"/"compute"
  double mean = 0;        ///< class total, fraction of capacity
  double max = 0;         ///< busiest instance, fraction of its capacity
  std::string busiest;    ///< name of that instance
  int instances = 0;
  bool servers = false;  ///< a design of servers: labelled in its own words (server_nic, drives, ...)
  [[nodiscard]] std::string label() const;  ///< e.g. "cnode_port out", "server_nic out"
};

struct Percentiles {
  double p50 = 0, p99 = 0, max = 0;  ///< s
};

/** A resource class this busy over a phase's steady window binds it (claim check, run report). */
inline constexpr double kBindingUtilization = 0.95;

/** A phase needs this many sample intervals for its window and peak figures to mean anything. */
inline constexpr double kFewestBuckets = 3;

struct PhaseMetrics {
  std::string name;
  PhaseKind kind = PhaseKind::checkpoint_write;
  std::string description;
  double bytes = 0;          ///< B
  long long writers = 0;
  double completion = 0;     ///< s from phase start to the last writer done
  double drain = 0;          ///< s from phase start to write buffer empty (write phases)
  double window_start = 0;   ///< s, absolute (10 % acknowledged)
  double window_end = 0;     ///< s, absolute (90 % acknowledged)
  double sustained = 0;      ///< B/s
  double peak = 0;           ///< B/s
  double peak_start = 0;     ///< s, absolute: the window the peak was measured over (the burst)
  double peak_end = 0;       ///< s, absolute
  double average = 0;        ///< B/s, bytes / completion
  /** Fewer than kFewestBuckets sample intervals long: too few for a 10-90 % window or a sliding
   *  peak, so sustained and peak are the average, utilization is over the whole phase. */
  bool coarse = false;
  std::vector<double> site_completion;  ///< s, per site when the last of its writers finished; multi-site only
  Percentiles writer_completion;
  /** Trace replay: completion - issue time of each read and each write operation (s). */
  std::optional<Percentiles> read_latency, write_latency;
  std::vector<ClassUtilization> utilization;  ///< sorted, busiest class first
  [[nodiscard]] const ClassUtilization* bottleneck() const { return utilization.empty() ? nullptr : &utilization[0]; }
  /** No resource class binds: even the busiest is under kBindingUtilization over the window, so
   *  something else paced the phase (client concurrency, round trips, a trace's times, a fault). */
  [[nodiscard]] bool none_binding() const;
  [[nodiscard]] const ClassUtilization* runner_up() const { return utilization.size() < 2 ? nullptr : &utilization[1]; }
};

/** @brief "cnode_port out", "spine to spine", "dnode_controller write": a class and direction as reports
 *  name it. On a design of servers (`servers`), in its words: server_nic, server_cpu, server_cap,
 *  drives, server_internal for the C-node port and CPU, the controller, the SSD tiers and the D-node port. */
[[nodiscard]] std::string class_label(ResourceClass cls, const std::string& direction, bool servers = false);
/** @brief A resource class's name, in the words of a design of servers when `servers`. */
[[nodiscard]] std::string class_name(ResourceClass cls, bool servers);
[[nodiscard]] PhaseMetrics phase_metrics(const RunResult& r, size_t phase);
/** @brief Each resource class's use of [t0, t1], as a share of its capacity over `busy` seconds
 *  (the window, or the part of it something ran); busiest class first. */
[[nodiscard]] std::vector<ClassUtilization> class_utilization(const RunResult& r, double t0, double t1, double busy);
/** @brief Time (absolute s) at which the cumulative series reaches `fraction` of `total`. */
[[nodiscard]] double time_to_fraction(const std::vector<double>& per_bucket, double dt, double total, double fraction);
[[nodiscard]] Percentiles percentiles(std::vector<double> values);
/** @brief Amount of a bucketed series inside [t0, t1] (uniform within a bucket). */
[[nodiscard]] double amount_in_window(const std::vector<double>& per_bucket, double dt, double t0, double t1);
/** @brief The same for a series that starts at a later bucket. */
[[nodiscard]] double amount_in_window(const BucketSeries& s, double dt, double t0, double t1);

}  // namespace podsim
