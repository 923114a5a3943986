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

/** The rate over [t0, t1) of client phases (copies: drains and fetches): their bytes over the buckets
 *  that lie wholly inside the window and inside such a phase's run (a bucket that only partly
 *  overlaps either would dilute the rate); none if there are none. */
std::optional<double> whole_bucket_rate(const RunResult& r, const std::vector<double>& bytes, double t0, double t1,
                                        bool copies) {
  const double dt = r.sample_interval;
  double sum = 0;
  int n = 0;
  for (size_t i = static_cast<size_t>(std::max(0.0, std::ceil(t0 / dt - 1e-9))); i < bytes.size(); ++i) {
    const double lo = double(i) * dt, hi = lo + dt;
    if (hi > t1 + 1e-9) break;
    const bool inside = std::any_of(r.phases.begin(), r.phases.end(), [&](const PhaseRecord& p) {
      return is_cnode_copy(p.kind) == copies && p.start <= lo + 1e-9 && hi <= p.last_done + 1e-9;
    });
    if (!inside) continue;
    sum += bytes[i];
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / (n * dt);
}

/** Sorts the client phases into before, overlapping and after the fault's window, each with its
 *  bytes and completion time, and the baseline's time for the same phases. */
void group_phases(const RunResult& r, const std::optional<FaultBaseline>& baseline, FaultImpact& f) {
  const double end = f.end.value_or(INFINITY);
  std::vector<double> base_time(3, 0.0);
  bool base_known = baseline.has_value();
  for (size_t p = 0; p < r.phases.size(); ++p) {
    const auto& ph = r.phases[p];
    if (is_cnode_copy(ph.kind)) continue;
    const int which = ph.last_done <= f.at ? 0 : ph.start >= end ? 2 : 1;
    PhaseGroup& g = which == 0 ? f.before : which == 1 ? f.during : f.after;
    g.phases.push_back(ph.name);
    g.bytes += ph.bytes;
    g.time += ph.last_done - ph.start;
    if (baseline && p < baseline->phase_duration.size()) base_time[static_cast<size_t>(which)] += baseline->phase_duration[p];
    else base_known = false;
  }
  if (!base_known) return;
  f.before.baseline_time = base_time[0];
  f.during.baseline_time = base_time[1];
  f.after.baseline_time = base_time[2];
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
    f.drain_before = whole_bucket_rate(r, drained, 0, from, true);
    f.drain_during = whole_bucket_rate(r, drained, from, to, true);
    f.drain_after = whole_bucket_rate(r, drained, to, INFINITY, true);
    return;
  }
}

}  // namespace

std::optional<FaultReport> fault_report(const Scenario& sc, const RunResult& r, const std::vector<TimelineMetrics>& timelines,
                                        const std::optional<FaultBaseline>& baseline) {
  if (sc.faults.empty()) return std::nullopt;
  FaultReport out;
  out.user_bytes = client_user_bytes(r);
  // As long as the run's other series (/resources/amount): zero after the last client phase.
  size_t buckets = 0;
  for (const auto& s : r.resources) buckets = std::max(buckets, s.amount.size());
  if (out.user_bytes.size() < buckets) out.user_bytes.resize(buckets, 0.0);
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
    group_phases(r, baseline, f);
    f.rate_before = whole_bucket_rate(r, out.user_bytes, 0, f.at, false);
    f.rate_during = whole_bucket_rate(r, out.user_bytes, f.at, f.end.value_or(INFINITY), false);
    if (f.end) f.rate_after = whole_bucket_rate(r, out.user_bytes, *f.end, INFINITY, false);
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
