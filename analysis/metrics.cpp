#include "analysis/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace podsim {

std::string ClassUtilization::label() const { return class_label(cls, direction, servers); }

std::string class_name(ResourceClass cls, bool servers) {
  if (servers) switch (cls) {
      case ResourceClass::cnode_port: return "server_nic";
      case ResourceClass::cnode_cpu: return "server_cpu";
      case ResourceClass::dnode_controller: return "server_cap";
      case ResourceClass::dnode_port: return "server_internal";
      case ResourceClass::buffer_ssd:
      case ResourceClass::capacity_ssd: return "drives";
      default: break;
    }
  return to_string(cls);
}

std::string class_label(ResourceClass cls, const std::string& direction, bool servers) {
  std::string dir = direction == "up" ? "out" : direction == "down" ? "in" : direction;
  if (cls == ResourceClass::client_leaf_uplink || cls == ResourceClass::storage_leaf_uplink ||
      cls == ResourceClass::spine)
    dir = direction == "up" ? "to spine" : "from spine";
  if (cls == ResourceClass::dnode_controller) dir = direction == "up" ? "read" : "write";
  return class_name(cls, servers) + " " + dir;
}

double time_to_fraction(const std::vector<double>& b, double dt, double total, double fraction) {
  const double target = total * fraction;
  double cum = 0;
  for (size_t k = 0; k < b.size(); ++k) {
    if (b[k] > 0 && cum + b[k] >= target) return (k + (target - cum) / b[k]) * dt;
    cum += b[k];
  }
  return b.size() * dt;
}

double amount_in_window(const std::vector<double>& b, double dt, double t0, double t1) {
  double sum = 0;
  if (t1 <= t0) return 0;
  auto first = static_cast<size_t>(std::max(0.0, std::floor(t0 / dt)));
  for (size_t k = first; k < b.size() && k * dt < t1; ++k) {
    double lo = std::max(t0, k * dt), hi = std::min(t1, (k + 1) * dt);
    if (hi > lo) sum += b[k] * (hi - lo) / dt;
  }
  return sum;
}

double amount_in_window(const BucketSeries& s, double dt, double t0, double t1) {
  const double shift = double(s.first) * dt;
  return amount_in_window(s.values, dt, t0 - shift, t1 - shift);
}

bool PhaseMetrics::none_binding() const {
  const auto* b = bottleneck();
  return b && b->mean < kBindingUtilization;
}

Percentiles percentiles(std::vector<double> v) {
  Percentiles p;
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[static_cast<size_t>(std::ceil(q * v.size())) - 1]; };
  p.p50 = at(0.5);
  p.p99 = at(0.99);
  p.max = v.back();
  return p;
}

std::vector<ClassUtilization> class_utilization(const RunResult& r, double t0, double t1, double busy) {
  std::map<std::pair<ResourceClass, std::string>, ClassUtilization> classes;
  std::map<std::pair<ResourceClass, std::string>, double> capacity_sum, amount_sum;
  const double dt = r.sample_interval;
  for (const auto& s : r.resources) {
    if (s.capacity <= 0) continue;
    auto key = std::pair{s.cls, s.direction};
    auto& c = classes[key];
    c.cls = s.cls;
    c.direction = s.direction;
    c.servers = r.servers;
    ++c.instances;
    const double amount = amount_in_window(s.amount, dt, t0, t1);
    const double util = busy > 0 ? amount / (s.capacity * busy) : 0;
    if (util > c.max) {
      c.max = util;
      c.busiest = s.name;
    }
    capacity_sum[key] += s.capacity;
    amount_sum[key] += amount;
  }
  std::vector<ClassUtilization> out;
  for (auto& [key, c] : classes) {
    c.mean = busy > 0 ? amount_sum[key] / (capacity_sum[key] * busy) : 0;
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.mean > b.mean; });
  return out;
}

namespace {

/**
 * A phase's acknowledged bytes over time, piecewise linear through points that are exact: none at
 * its start, the monitor's count at each bucket end inside the phase (finished chunks plus chunks
 * in flight as far as they got), and all of them at its last completion (issue 40). The bucket
 * series alone spread a phase's first and last bucket over the whole bucket, before its start and
 * after its end: a short read came out under its own min-cut, and two identical checkpoints at two
 * offsets from the bucket grid at two rates.
 */
struct AckCurve {
  std::vector<double> t, c;  ///< s (absolute), cumulative B; t strictly increasing, c non-decreasing

  AckCurve(const PhaseRecord& ph, double dt) {
    t.push_back(ph.start);
    c.push_back(0);
    double cum = 0;
    for (size_t k = ph.user_bytes.first; k < ph.user_bytes.end(); ++k) {
      cum += ph.user_bytes.at(k);
      const double te = double(k + 1) * dt;
      if (te <= t.back() + 1e-12 || te >= ph.last_done - 1e-12) continue;
      t.push_back(te);
      c.push_back(std::clamp(cum, c.back(), ph.bytes));
    }
    if (ph.last_done > t.back()) {
      t.push_back(ph.last_done);
      c.push_back(ph.bytes);
    }
  }
  /** Bytes acknowledged by time x. */
  [[nodiscard]] double at(double x) const {
    if (x <= t.front()) return c.front();
    if (x >= t.back()) return c.back();
    const auto i = static_cast<size_t>(std::upper_bound(t.begin(), t.end(), x) - t.begin());
    return c[i - 1] + (c[i] - c[i - 1]) * (x - t[i - 1]) / (t[i] - t[i - 1]);
  }
  /** When `bytes` had been acknowledged: the exact crossing on the curve. */
  [[nodiscard]] double time_of(double bytes) const {
    const auto i = static_cast<size_t>(std::lower_bound(c.begin(), c.end(), bytes) - c.begin());
    if (i == 0) return t.front();
    if (i >= c.size()) return t.back();
    const double span = c[i] - c[i - 1];
    return span > 0 ? t[i - 1] + (t[i] - t[i - 1]) * (bytes - c[i - 1]) / span : t[i];
  }
};

}  // namespace

PhaseMetrics phase_metrics(const RunResult& r, size_t index) {
  const auto& ph = r.phases.at(index);
  const double dt = r.sample_interval;
  PhaseMetrics m;
  m.name = ph.name;
  m.kind = ph.kind;
  m.description = ph.description;
  m.bytes = ph.bytes;
  m.writers = ph.writers;
  m.completion = ph.last_done - ph.start;
  m.drain = ph.drained - ph.start;
  m.average = m.completion > 0 ? ph.bytes / m.completion : 0;
  // A phase within a few buckets has no 10-90 % window to speak of (a 12 s interval over a 10 s
  // phase gave a peak below the average and 0.83 of the true rate): its figures are its average.
  m.coarse = m.completion < kFewestBuckets * dt;
  // Rates from the acknowledged-bytes curve at exact points, the 10-90 % window at its exact
  // crossings; buckets stay for plots and utilization. A phase within a few buckets has no
  // interior point: its curve is its average, and its utilization is whole buckets (coarse).
  const AckCurve curve(ph, dt);
  m.window_start = m.completion > 0 ? curve.time_of(0.10 * ph.bytes) : ph.start;
  m.window_end = m.completion > 0 ? curve.time_of(0.90 * ph.bytes) : ph.last_done;
  const double window = m.window_end - m.window_start;
  m.sustained = window > 0 ? 0.8 * ph.bytes / window : m.average;
  // Peak: the best window of 1/10 of the phase on the same curve. Piecewise linear, its best
  // window starts or ends at a point of the curve: those are the windows tried.
  const double width = m.completion / 10;
  m.peak_start = ph.start;
  m.peak_end = ph.start + width;
  if (width > 0) {
    auto consider = [&](double t0) {
      t0 = std::clamp(t0, ph.start, ph.last_done - width);
      const double rate = (curve.at(t0 + width) - curve.at(t0)) / width;
      if (rate > m.peak) {
        m.peak = rate;
        m.peak_start = t0;
        m.peak_end = t0 + width;
      }
    };
    for (double x : curve.t) {
      consider(x);
      consider(x - width);
    }
  }
  if (m.sustained > m.peak) {  // the steady window itself is the best window
    m.peak = m.sustained;
    m.peak_start = m.window_start;
    m.peak_end = m.window_end;
  }
  m.writer_completion = percentiles(ph.writer_done);

  // Coarse: what the whole buckets the phase touched carried, over the time it ran (pro-rating a
  // bucket longer than the phase would spread its amount over time the phase did not run).
  const double busy = std::max(0.0, m.coarse ? m.completion : window);  // none: every class at zero, as before
  m.utilization = m.coarse ? class_utilization(r, std::floor(ph.start / dt) * dt, std::ceil(ph.last_done / dt) * dt, busy)
                           : class_utilization(r, m.window_start, m.window_end, busy);
  return m;
}

}  // namespace podsim
