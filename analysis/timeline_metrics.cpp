#include "analysis/timeline_metrics.hpp"

#include <algorithm>
#include <cmath>

namespace podsim {

double young_interval(double delta, double mtbf) { return std::sqrt(2 * delta * mtbf); }

double daly_interval(double delta, double mtbf) {
  if (delta >= 2 * mtbf) return mtbf;
  const double x = delta / (2 * mtbf);
  return std::sqrt(2 * delta * mtbf) * (1 + std::sqrt(x) / 3 + x / 9) - delta;
}

double expected_waste(double tau, double delta, double mtbf) { return delta / tau + tau / (2 * mtbf); }

namespace {
/** Cumulative sum of a per-bucket series, resized to n buckets. */
std::vector<double> cumulative(const BucketSeries& per_bucket, size_t n) {
  std::vector<double> out(n, 0.0);
  double sum = 0;
  for (size_t i = 0; i < n; ++i) out[i] = sum += per_bucket.at(i);
  return out;
}
}  // namespace

TimelineMetrics timeline_metrics(const Scenario& scenario, const RunResult& r, size_t t) {
  const auto& spec = scenario.timelines[t];
  const auto& rec = r.timelines[t];
  TimelineMetrics m;
  m.name = rec.name;
  m.checkpoints = static_cast<int>(rec.stall.size());
  m.interval = spec.interval.seconds();
  m.training_time = rec.end - rec.start;
  for (double s : rec.stall) {
    m.stall += s;
    m.stall_max = std::max(m.stall_max, s);
  }
  m.compute = m.training_time - m.stall;
  m.stall_mean = m.checkpoints > 0 ? m.stall / m.checkpoints : 0;
  m.lost_fraction = m.training_time > 0 ? m.stall / m.training_time : 0;
  for (size_t k = 0; k < spec.checkpoints.size() && k < rec.checkpoint_start.size(); ++k)
    m.write_mean += r.phases[spec.checkpoints[k]].last_done - rec.checkpoint_start[k];
  if (m.checkpoints > 0) m.write_mean /= m.checkpoints;
  if (spec.job_mtbf) {
    const double M = spec.job_mtbf->seconds(), delta = m.stall_mean;
    m.mtbf = M;
    if (delta > 0) {
      m.young = young_interval(delta, M);
      m.daly = daly_interval(delta, M);
      m.waste_chosen = expected_waste(m.interval, delta, M);
      m.waste_optimal = expected_waste(*m.young, delta, M);
    }
  }
  if (!spec.drains.empty()) {
    size_t n = static_cast<size_t>(std::ceil(r.end_time / r.sample_interval)) + 1;
    std::vector<double> written(n, 0.0), drained(n, 0.0);
    for (int c : spec.checkpoints) {
      auto cum = cumulative(r.phases[c].user_bytes, n);
      for (size_t i = 0; i < n; ++i) written[i] += cum[i];
    }
    for (int d : spec.drains) {
      auto cum = cumulative(r.phases[d].user_bytes, n);
      for (size_t i = 0; i < n; ++i) drained[i] += cum[i];
      m.drain_done = std::max(m.drain_done, r.phases[d].last_done);
    }
    m.backlog.resize(n);
    for (size_t i = 0; i < n; ++i) m.backlog[i] = std::max(0.0, written[i] - drained[i]);
    m.backlog_max = *std::max_element(m.backlog.begin(), m.backlog.end());
    const size_t end_bucket = std::min(n - 1, static_cast<size_t>(rec.end / r.sample_interval));
    m.backlog_at_end = m.backlog[end_bucket];
  }
  return m;
}

}  // namespace podsim
