#include "analysis/fault_impact.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/metrics.hpp"
#include "topology/design_facts.hpp"

namespace podsim {

int FaultReport::missed_intervals() const {
  return static_cast<int>(std::count_if(phases.begin(), phases.end(), [](const PhaseDelay& p) { return p.missed(); }));
}

namespace {
/** Adds a phase's user bytes per bucket to `out`, growing it to the phase's last bucket. */
void add_phase_bytes(std::vector<double>& out, const PhaseRecord& ph) {
  const auto& u = ph.user_bytes;
  if (out.size() < u.end()) out.resize(u.end(), 0.0);
  for (size_t i = 0; i < u.values.size(); ++i) out[u.first + i] += u.values[i];
}
}  // namespace

std::vector<double> client_user_bytes(const RunResult& r) {
  std::vector<double> out;
  for (const auto& ph : r.phases)
    if (!is_cnode_copy(ph.kind)) add_phase_bytes(out, ph);
  return out;
}

namespace {

/** Mean rate over the buckets of [t0, t1) in which a client phase (copies: a drain or fetch) was
 *  running; none if there are none. */
std::optional<double> mean_rate(const RunResult& r, const std::vector<double>& bytes, double t0, double t1,
                                bool copies = false) {
  const double dt = r.sample_interval;
  double sum = 0;
  int n = 0;
  for (size_t i = static_cast<size_t>(std::max(0.0, t0 / dt)); i < bytes.size() && (double(i) + 0.5) * dt < t1; ++i) {
    const double mid = (double(i) + 0.5) * dt;
    if (mid < t0) continue;
    const bool running = std::any_of(r.phases.begin(), r.phases.end(), [&](const PhaseRecord& p) {
      return is_cnode_copy(p.kind) == copies && p.start <= mid && mid < p.last_done;
    });
    if (!running) continue;
    sum += bytes[i];
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / (n * dt);
}

/** The drain backlog around a WAN outage, from the first timeline that drains. */
void outage_backlog(const Scenario& sc, const RunResult& r, const std::vector<TimelineMetrics>& timelines, FaultImpact& f) {
  const auto& spec = *f.spec;
  const double dt = r.sample_interval;
  f.local_free = spec.local_free ? spec.local_free->bytes() : capacity_facts(sc.layout.sites[spec.site].design).usable.bytes();
  for (size_t t = 0; t < sc.timelines.size(); ++t) {
    if (sc.timelines[t].drains.empty()) continue;
    const auto& b = timelines[t].backlog;
    auto at = [&](double s) { return b[std::min(b.size() - 1, static_cast<size_t>(std::max(0.0, s / dt - 1e-9)))]; };
    const double from = spec.at.seconds(), to = spec.until->seconds();
    // At the last bucket end before each edge: chunks held for the link restart at `until` itself.
    f.backlog_at_start = at(from - dt);
    f.backlog_at_end = at(to - dt);
    double written = 0;
    for (int c : sc.timelines[t].checkpoints)
      written += amount_in_window(r.phases[c].user_bytes, dt, from, to);
    f.written_during = written;
    for (size_t i = static_cast<size_t>(to / dt); i < b.size(); ++i)
      if (b[i] <= *f.backlog_at_start + 1) {
        f.catch_up = std::max(0.0, (double(i) + 1) * dt - to);
        break;
      }
    for (size_t i = 0; i < b.size(); ++i)
      if (b[i] > f.local_free) {
        f.local_full_at = (double(i) + 1) * dt;
        break;
      }
    f.backlog_max = b.empty() ? 0.0 : *std::max_element(b.begin(), b.end());
    f.headroom = f.local_free - *f.backlog_max;
    const double growth = (*f.backlog_at_end - *f.backlog_at_start) / (to - from);
    if (growth > 0) f.outage_to_full = std::max(0.0, (f.local_free - *f.backlog_at_start) / growth);
    // What went into the object store: the drains' own bytes, over the buckets a drain was running.
    std::vector<double> drained;
    for (int d : sc.timelines[t].drains) add_phase_bytes(drained, r.phases[static_cast<size_t>(d)]);
    f.drain_before = mean_rate(r, drained, 0, from, true);
    f.drain_during = mean_rate(r, drained, from, to, true);
    f.drain_after = mean_rate(r, drained, to, INFINITY, true);
    return;
  }
}

}  // namespace

std::optional<FaultReport> fault_report(const Scenario& sc, const RunResult& r, const std::vector<TimelineMetrics>& timelines,
                                        const std::optional<FaultBaseline>& baseline) {
  if (sc.faults.empty()) return std::nullopt;
  FaultReport out;
  out.user_bytes = client_user_bytes(r);
  for (size_t i = 0; i < sc.faults.size(); ++i) {
    FaultImpact f;
    f.spec = &sc.faults[i];
    f.name = "fault-" + std::to_string(i + 1) + "." + to_string(f.spec->kind);
    f.record = i < r.faults.size() ? r.faults[i] : FaultRecord{};
    f.at = f.spec->at.seconds();
    f.end = f.spec->effect_end();
    if (f.record.rebuild_end >= 0) {
      f.rebuild_time = f.record.rebuild_end - f.at;
      f.end = f.record.rebuild_end;
    }
    f.before = mean_rate(r, out.user_bytes, 0, f.at);
    f.during = mean_rate(r, out.user_bytes, f.at, f.end.value_or(INFINITY));
    if (f.end) f.after = mean_rate(r, out.user_bytes, *f.end, INFINITY);
    if (f.spec->kind == FaultKind::wan_outage) outage_backlog(sc, r, timelines, f);
    out.faults.push_back(std::move(f));
  }
  for (size_t p = 0; p < r.phases.size(); ++p) {
    const auto& ph = r.phases[p];
    PhaseDelay d{ph.name, ph.last_done - ph.start, {}, {}};
    if (baseline && p < baseline->phase_duration.size()) d.baseline = baseline->phase_duration[p];
    for (const auto& tl : sc.timelines)
      if (std::find(tl.checkpoints.begin(), tl.checkpoints.end(), static_cast<int>(p)) != tl.checkpoints.end())
        d.interval = tl.interval.seconds();
    out.phases.push_back(d);
  }
  if (baseline) {
    out.has_baseline = true;
    for (size_t t = 0; t < r.timelines.size() && t < baseline->training_time.size(); ++t)
      out.timelines.push_back({r.timelines[t].name, r.timelines[t].end - r.timelines[t].start, baseline->training_time[t]});
    const auto& b = baseline->user_bytes;
    out.lost_bytes.assign(std::max(b.size(), out.user_bytes.size()), 0.0);
    for (size_t i = 0; i < out.lost_bytes.size(); ++i)
      out.lost_bytes[i] = (i < b.size() ? b[i] : 0.0) - (i < out.user_bytes.size() ? out.user_bytes[i] : 0.0);
  }
  return out;
}

}  // namespace podsim
