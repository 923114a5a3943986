#pragma once
/**
 * @file fault_impact.hpp
 * @brief What each fault of a run cost: the client phases that ran before, overlapping and after it
 * (their bytes, completion times and rates, against the same phases without faults), rebuild time,
 * retried and reconstructed bytes, the drain backlog a WAN outage left and the time to catch up;
 * against a fault-free baseline run (when given), the extra time of each phase, the throughput lost
 * over time, and the checkpoints that missed their interval.
 */
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "analysis/timeline_metrics.hpp"
#include "workloads/run_result.hpp"

namespace podsim {

/** @brief What the same scenario did without its faults (a forked run; see podsim run). */
struct FaultBaseline {
  std::vector<double> phase_duration;  ///< s, start to last writer done, per phase
  std::vector<double> training_time;   ///< s, first compute interval to the last stall's end, per timeline
  std::vector<double> user_bytes;      ///< B acknowledged per bucket, client phases together
};

/**
 * @brief Client phases grouped by when they ran against a fault's window: whole phases only, so a
 * group's rate is its bytes over its phases' own completion times (start to last writer done), the
 * times printed beside it, never a mean of sample buckets that only partly overlap a phase.
 */
struct PhaseGroup {
  std::vector<std::string> phases;      ///< names, in run order
  double bytes = 0;                     ///< B of user data
  double time = 0;                      ///< s, each phase's start to its last writer done, summed
  std::optional<double> baseline_time;  ///< s, the same phases without the faults (a baseline run)
  [[nodiscard]] bool empty() const { return phases.empty(); }
  /** B/s; none for an empty group. */
  [[nodiscard]] std::optional<double> rate() const {
    return time > 0 ? std::optional<double>(bytes / time) : std::nullopt;
  }
  [[nodiscard]] std::optional<double> baseline_rate() const {
    return baseline_time && *baseline_time > 0 ? std::optional<double>(bytes / *baseline_time) : std::nullopt;
  }
};

struct FaultImpact {
  std::string name;  ///< fault-<n>.<kind>
  const FaultSpec* spec = nullptr;
  double at = 0;                ///< s
  std::optional<double> end;    ///< s: until, failover over, or rebuild done
  /** Client phases that ended by the fault, overlapped its window [at, end), or started after it
   *  (with no end: none after). */
  PhaseGroup before, during, after;
  /** B/s of client user data inside the windows before, during and after the fault (inside one phase
   *  too): over whole sample buckets that lie inside the window and inside a client phase's run. */
  std::optional<double> rate_before, rate_during, rate_after;
  std::optional<double> rebuild_time;           ///< s, from the loss to the rebuild's end
  FaultRecord record;
  // WAN outage, per timeline with a drain (the first one).
  std::optional<double> backlog_at_start, backlog_at_end;  ///< B
  std::optional<double> written_during;                    ///< B checkpointed while the link was down
  std::optional<double> catch_up;  ///< s after the link came back until the backlog was as low as when it went down
  double local_free = 0;           ///< B the site had for checkpoints
  std::optional<double> local_full_at;  ///< s: the backlog first exceeded local_free
  std::optional<double> backlog_max;    ///< B, the most the backlog held over the run
  std::optional<double> headroom;       ///< B: local_free - backlog_max (negative: outgrown)
  /** s: how long an outage starting when this one did could last before the backlog outgrew
   *  local_free, at the rate it grew during this one; none when it did not grow. */
  std::optional<double> outage_to_full;
  /// B/s into the object store, over whole sample buckets inside the window and a drain's run
  std::optional<double> drain_before, drain_during, drain_after;
};

/** s: `with` - `without`, 0 when they differ only by rounding noise. */
[[nodiscard]] inline double extra_time(double with, double without) {
  return std::abs(with - without) < 1e-9 ? 0.0 : with - without;
}

struct PhaseDelay {
  std::string name;
  double duration = 0;  ///< s
  std::optional<double> baseline;  ///< s, without the faults
  std::optional<double> interval;  ///< s: a timeline checkpoint's compute interval
  [[nodiscard]] bool missed() const { return interval && duration > *interval; }
};

/** @brief A training timeline's time against the fault-free baseline: what the faults cost training. */
struct TimelineDelay {
  std::string name;
  double training_time = 0;  ///< s
  double baseline = 0;       ///< s, without the faults
  [[nodiscard]] double lost() const { return extra_time(training_time, baseline); }
};

struct FaultReport {
  std::vector<FaultImpact> faults;
  std::vector<PhaseDelay> phases;
  std::vector<TimelineDelay> timelines;  ///< with a baseline
  std::vector<double> user_bytes;  ///< B per bucket, client phases together
  std::vector<double> lost_bytes;  ///< B per bucket, baseline minus this run (with a baseline)
  bool has_baseline = false;
  [[nodiscard]] int missed_intervals() const;
};

/** @brief User bytes per bucket of the client phases (not drains or fetches), all together. */
[[nodiscard]] std::vector<double> client_user_bytes(const RunResult& r);

/** @brief The impact of the scenario's faults (a WAN outage's from `timelines`, the run's timeline
 *  metrics, same order); empty when it has none. */
[[nodiscard]] std::optional<FaultReport> fault_report(const Scenario& sc, const RunResult& r,
                                                      const std::vector<TimelineMetrics>& timelines,
                                                      const std::optional<FaultBaseline>& baseline);

}  // namespace podsim
