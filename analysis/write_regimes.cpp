#include "analysis/write_regimes.hpp"

#include <algorithm>

namespace podsim {
namespace {

/** The write phases' running time inside [t0, t1]: their intervals' union (async writes overlap). */
double busy_time(const RunResult& r, double t0, double t1) {
  std::vector<std::pair<double, double>> spans;
  for (const auto& ph : r.phases)
    if (ph.kind == PhaseKind::checkpoint_write && ph.last_done > ph.start)
      spans.emplace_back(std::max(t0, ph.start), std::min(t1, ph.last_done));
  std::sort(spans.begin(), spans.end());
  double busy = 0, reach = t0;
  for (auto [a, b] : spans) {
    a = std::max(a, reach);
    if (b > a) {
      busy += b - a;
      reach = b;
    }
  }
  return busy;
}

WriteRegime regime(const RunResult& r, double t0, double t1) {
  WriteRegime g;
  g.start = t0;
  g.end = t1;
  g.busy = busy_time(r, t0, t1);
  for (const auto& ph : r.phases)
    if (ph.kind == PhaseKind::checkpoint_write) g.bytes += amount_in_window(ph.user_bytes, r.sample_interval, t0, t1);
  g.utilization = class_utilization(r, t0, t1, g.busy);
  return g;
}

}  // namespace

WindowRegime window_regime(const WriteRegimes& w, double window_start, double window_end) {
  const double at = w.sustained ? w.switch_at : -1;
  if (at < 0 || at >= window_end) return WindowRegime::burst;
  return at <= window_start ? WindowRegime::buffer_full : WindowRegime::burst_then_full;
}

const char* to_string(WindowRegime r) {
  switch (r) {
    case WindowRegime::burst: return "burst";
    case WindowRegime::buffer_full: return "buffer full";
    case WindowRegime::burst_then_full: return "burst, then buffer full";
  }
  return "?";
}

std::optional<WriteRegimes> write_regimes(const RunResult& r) {
  // The writes' span, and their acknowledged bytes per bucket: the sustained regime ends where 90 %
  // were acknowledged (the straggler tail, fewer streams left and migration taking a larger share,
  // is left out, as for a phase's window).
  double first = -1, last = 0, total = 0;
  std::vector<double> acked;
  for (const auto& ph : r.phases) {
    if (ph.kind != PhaseKind::checkpoint_write) continue;
    total += ph.bytes;
    if (acked.size() < ph.user_bytes.end()) acked.resize(ph.user_bytes.end(), 0.0);
    for (size_t k = ph.user_bytes.first; k < ph.user_bytes.end(); ++k) acked[k] += ph.user_bytes.at(k);
    if (ph.last_done <= ph.start) continue;
    first = first < 0 ? ph.start : std::min(first, ph.start);
    last = std::max(last, ph.last_done);
  }
  if (first < 0) return std::nullopt;
  const double t90 = time_to_fraction(acked, r.sample_interval, total, 0.9);
  WriteRegimes w;
  const double at = r.throttled_at;
  const bool filled = at >= first && at < last;
  w.burst = regime(r, first, filled ? at : last);
  if (filled) {
    // The first strip waits when one enclosure's buffer is full; the others still absorb for a
    // while. Steady state (in = out) starts once the buffers as a whole are at their fullest (0.1 %).
    double peak = 0;
    for (double f : r.buffer_fill) peak = std::max(peak, f);
    double steady = at;
    for (size_t k = 0; k < r.buffer_fill.size(); ++k)
      if (double((k + 1)) * r.sample_interval > at && r.buffer_fill[k] >= 0.999 * peak) {
        steady = std::max(at, double(k + 1) * r.sample_interval);
        break;
      }
    // As a phase's 10-90 % window: the first tenth of the regime (the last of the transition) is left out.
    const double end = t90 > steady ? t90 : last;
    w.sustained = regime(r, std::min(steady + 0.1 * (end - steady), end), end);
    w.switch_at = at;
  }
  w.migration_started_at = r.migration_started_at;
  w.migrated = r.migrated;
  w.stored = r.stored;
  return w;
}

}  // namespace podsim
