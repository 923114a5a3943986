#pragma once
/**
 * @file timeline_metrics.hpp
 * @brief What checkpointing costs a training run: time lost to stalls, the optimal checkpoint
 * interval under failures (Young 1974, Daly 2006), and the object-store drain backlog over time.
 */
#include <optional>
#include <string>
#include <vector>

#include "workloads/run_result.hpp"

namespace podsim {

/** Young's first-order optimum: sqrt(2 delta M), delta = checkpoint cost, M = job MTBF (s). */
[[nodiscard]] double young_interval(double delta, double mtbf);
/** Daly's higher-order optimum: sqrt(2 delta M) (1 + sqrt(delta / 2M) / 3 + delta / 18M) - delta
 *  for delta < 2M, else M (s). */
[[nodiscard]] double daly_interval(double delta, double mtbf);
/** First-order expected fraction of time wasted: delta / tau (checkpointing) + tau / 2M (rework). */
[[nodiscard]] double expected_waste(double tau, double delta, double mtbf);

struct TimelineMetrics {
  std::string name;
  int checkpoints = 0;
  double training_time = 0;  ///< s, from the first compute interval to the last stall's end
  double compute = 0;        ///< s
  double stall = 0;          ///< s, all checkpoints together
  double stall_mean = 0;     ///< s per checkpoint: the checkpoint cost delta
  double stall_max = 0;      ///< s
  double lost_fraction = 0;  ///< stall / training_time
  double interval = 0;       ///< s, the chosen compute interval
  double write_mean = 0;     ///< s, mean time from a checkpoint's start to its last write acknowledged
  std::optional<double> mtbf, young, daly, waste_chosen, waste_optimal;  ///< with a failure rate
  /** Bytes checkpointed but not yet in the object store, per bucket end; empty without a drain. */
  std::vector<double> backlog;
  double backlog_max = 0;        ///< B
  double backlog_at_end = 0;     ///< B, when training ends
  double drain_done = 0;         ///< s, absolute: the last drain finished
};

[[nodiscard]] TimelineMetrics timeline_metrics(const Scenario& scenario, const RunResult& result, size_t timeline);

}  // namespace podsim
