#include "analysis/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "topology/text_file.hpp"
#include "topology/layout.hpp"
#include "topology/input_error.hpp"

namespace podsim {

Bandwidth RunFigures::bound_for(PhaseKind k) const {
  switch (k) {
    case PhaseKind::checkpoint_write: return bound.write;
    case PhaseKind::prestage_read: return bound.read;
    case PhaseKind::object_store_drain: return bound.drain;
    case PhaseKind::restore_read: return bound.read;
    case PhaseKind::object_store_fetch: return bound.fetch;
    case PhaseKind::trace_replay: return Bandwidth();
  }
  return Bandwidth();
}

RunFigures compute_figures(const Scenario& scenario, const RunResult& result, const std::optional<FaultBaseline>& baseline) {
  RunFigures f;
  for (size_t i = 0; i < result.phases.size(); ++i) f.phases.push_back(phase_metrics(result, i));
  // Sustained writes depend on how much the written data reduces: the bound takes the most any phase does.
  double reduction = 1;
  for (const auto& ph : scenario.phases)
    if (ph.kind == PhaseKind::checkpoint_write) reduction = std::max(reduction, ph.reduction);
  for (size_t i = 0; i < result.phases.size(); ++i)
    f.movement.push_back(movement_figures(scenario.phases[i], scenario.layout, f.phases[i]));
  const auto spec = make_platform_spec(scenario.layout);
  f.bound = max_flow_bound(spec, reduction);
  f.servers = result.servers;
  if (!f.servers) {  // servers write straight to their drives: no buffer to fill, no regime to switch
    f.sustained_limits = sustained_write_limits(spec, reduction);
    f.writes = write_regimes(result);
  }
  for (size_t i = 0; i < result.phases.size(); ++i) {
    const auto& ops = scenario.phases[i].ops;
    if (ops.empty()) continue;
    std::vector<double> reads, writes;
    const auto& done = result.phases[i].writer_done;
    for (size_t k = 0; k < ops.size() && k < done.size(); ++k)
      (ops[k].read ? reads : writes).push_back(done[k] - ops[k].time.seconds());
    if (!reads.empty()) f.phases[i].read_latency = percentiles(reads);
    if (!writes.empty()) f.phases[i].write_latency = percentiles(writes);
  }
  for (size_t t = 0; t < result.timelines.size(); ++t) f.timelines.push_back(timeline_metrics(scenario, result, t));
  f.faults = fault_report(scenario, result, f.timelines, baseline);
  if (scenario.layout.multi_site())
    for (size_t i = 0; i < result.phases.size(); ++i) {
      auto& last = f.phases[i].site_completion;
      last.assign(scenario.layout.sites.size(), 0.0);
      auto sites = writer_sites(scenario.phases[i], scenario.layout);
      const auto& done = result.phases[i].writer_done;
      for (size_t w = 0; w < done.size() && w < sites.size(); ++w) last[sites[w]] = std::max(last[sites[w]], done[w]);
    }
  return f;
}

namespace {
/** Each fault's figures, then each client phase's extra time against the fault-free baseline. */
template <class Num>
void fault_summary(const FaultReport& r, Num& num) {
  auto opt = [&](const std::string& key, const std::optional<double>& v, double scale, const char* unit) {
    if (v) num(key, *v * scale, unit);
  };
  for (const auto& f : r.faults) {
    const std::string p = f.name + ".";
    num(p + "at", f.at, "s");
    opt(p + "end", f.end, 1, "s");
    // Whole client phases before, overlapping and after the fault: rate, completion time, and the
    // same phases' rate without the faults.
    for (const auto& [key, g] : {std::pair<const char*, const PhaseGroup*>{"before", &f.before},
                                 {"during", &f.during}, {"after", &f.after}}) {
      if (g->empty()) continue;
      opt(p + key, g->rate(), 1e-12, "TB/s");
      num(p + key + "_completion", g->time, "s");
      opt(p + key + "_baseline", g->baseline_rate(), 1e-12, "TB/s");
    }
    opt(p + "window_before", f.rate_before, 1e-12, "TB/s");
    opt(p + "window_during", f.rate_during, 1e-12, "TB/s");
    opt(p + "window_after", f.rate_after, 1e-12, "TB/s");
    opt(p + "rebuild_time", f.rebuild_time, 1, "s");
    if (f.record.rebuilt > 0) num(p + "rebuilt", f.record.rebuilt / 1e12, "TB");
    if (f.record.retried > 0) num(p + "retried", f.record.retried / 1e12, "TB");
    if (f.record.moved_streams > 0) num(p + "moved_streams", double(f.record.moved_streams), "streams");
    if (f.record.redirected_strips > 0) num(p + "redirected_strips", double(f.record.redirected_strips), "strips");
    if (f.record.reduced_stripes > 0) num(p + "reduced_stripes", double(f.record.reduced_stripes), "stripes");
    if (f.record.reconstructed_reads > 0) num(p + "reconstructed_reads", f.record.reconstructed_reads / 1e12, "TB");
    opt(p + "backlog_at_start", f.backlog_at_start, 1e-12, "TB");
    opt(p + "backlog_at_end", f.backlog_at_end, 1e-12, "TB");
    opt(p + "written_during", f.written_during, 1e-12, "TB");
    opt(p + "catch_up", f.catch_up, 1, "s");
    if (f.spec->kind == FaultKind::wan_outage) num(p + "local_free", f.local_free / 1e12, "TB");
    opt(p + "local_full_at", f.local_full_at, 1, "s");
    opt(p + "backlog_max", f.backlog_max, 1e-12, "TB");
    opt(p + "headroom", f.headroom, 1e-12, "TB");
    opt(p + "outage_to_full", f.outage_to_full, 1, "s");
    opt(p + "drain_before", f.drain_before, 1e-12, "TB/s");
    opt(p + "drain_during", f.drain_during, 1e-12, "TB/s");
    opt(p + "drain_after", f.drain_after, 1e-12, "TB/s");
  }
  for (const auto& ph : r.phases) {
    if (!ph.baseline) continue;
    num(ph.name + ".baseline_completion", *ph.baseline, "s");
    num(ph.name + ".fault_extra_time", extra_time(ph.duration, *ph.baseline), "s");
  }
  for (const auto& t : r.timelines) {
    num(t.name + ".baseline_training_time", t.baseline, "s");
    num(t.name + ".fault_time_lost", t.lost(), "s");
  }
  if (r.phases.end() != std::find_if(r.phases.begin(), r.phases.end(), [](const PhaseDelay& p) { return p.interval.has_value(); }))
    num("faults.missed_intervals", r.missed_intervals(), "checkpoints");
}
}  // namespace

namespace {
template <class Num, class Txt>
void movement_summary(const std::string& p, const MovementFigures& f, Num& num, Txt& txt) {
  txt(p + "strategy", to_string(f.strategy));
  num(p + "request", f.request / 1e6, "MB");
  num(p + "round_trip", f.round_trip, "s");
  num(p + "streams", double(f.streams), "streams");
  num(p + "stream_ceiling", f.stream_ceiling / 1e9, "GB/s");
  num(p + "latency_ceiling", f.latency_ceiling / 1e12, "TB/s");
  if (std::isfinite(f.core_ceiling)) num(p + "core_ceiling", f.core_ceiling / 1e12, "TB/s");
  if (f.strategy == MovementStrategy::copy_hosts) {
    num(p + "hosts", f.hosts, "hosts");
    num(p + "host_ceiling", f.host_ceiling / 1e9, "GB/s");
    num(p + "copy_host_cpu", f.copy_host_cpu * 100, "%");
  }
  num(p + "accounts", f.accounts, "accounts");
  num(p + "account_ceiling", f.account_ceiling / 1e12, "TB/s");
  num(p + "request_rate", f.request_rate, "requests/s");
  num(p + "request_limit", f.request_limit, "requests/s");
  num(p + "wan_utilization", f.wan_utilization * 100, "%");
  num(p + "cnode_cpu", f.cnode_cpu * 100, "%");
  num(p + "ceiling", f.ceiling() / 1e12, "TB/s");
  txt(p + "ceiling_by", f.ceiling_name());
  if (f.target) {
    num(p + "target", *f.target / 1e12, "TB/s");
    num(p + "streams_for_target", double(f.streams_for_target), "streams");
    num(p + "accounts_for_target", f.accounts_for_target, "accounts");
    if (f.strategy == MovementStrategy::copy_hosts) num(p + "hosts_for_target", f.hosts_for_target, "hosts");
  }
}
}  // namespace

std::vector<SummaryItem> summarize(const Scenario& scenario, const RunFigures& figures) {
  std::vector<SummaryItem> out;
  auto num = [&](std::string key, double v, std::string unit) { out.push_back({std::move(key), v, std::move(unit), {}}); };
  auto txt = [&](std::string key, std::string t) { out.push_back({std::move(key), 0, {}, std::move(t)}); };
  // design.* are the whole layout's totals (one site: its design); site.<name>.* each site's.
  auto facts = [&](const std::string& prefix, const SiteFacts& f) {
    num(prefix + "gpus", static_cast<double>(f.gpus), "GPUs");
    num(prefix + "usable_capacity", f.usable.petabytes(), "PB");
    num(prefix + "racks", f.storage_racks, "racks");
    num(prefix + "storage_spine_racks", f.storage_spine_racks, "racks");
    num(prefix + "fabric_racks", f.fabric_racks, "racks");
    num(prefix + "power_typical", f.power_typical.kilowatts(), "kW");
    num(prefix + "power_max", f.power_max.kilowatts(), "kW");
    num(prefix + "fabric_power_typical", f.fabric_power_typical.kilowatts(), "kW");
    num(prefix + "fabric_power_max", f.fabric_power_max.kilowatts(), "kW");
  };
  const auto& layout = scenario.layout;
  facts("design.", layout_totals(layout));
  if (layout.multi_site()) {
    for (const auto& f : site_facts(layout)) facts("site." + f.name + ".", f);
    for (const auto& s : layout.sites)
      if (s.wan) num("site." + s.name + ".wan", s.wan->bandwidth.terabytes_per_second(), "TB/s");
  }
  if (layout.object_store) {
    num("object_store.ingress", layout.object_store->ingress().terabytes_per_second(), "TB/s");
    num("object_store.accounts", layout.object_store->accounts, "accounts");
  }
  num("bound.write_burst", figures.bound.write.terabytes_per_second(), "TB/s");
  num("bound.read", figures.bound.read.terabytes_per_second(), "TB/s");
  if (!figures.servers) num("bound.destage", figures.bound.destage.terabytes_per_second(), "TB/s");  // servers: no tier to destage to
  if (!figures.sustained_limits.empty()) {
    num("bound.write_sustained", figures.bound.sustained.terabytes_per_second(), "TB/s");
    const auto* limit = figures.sustained_limit();
    txt("bound.write_sustained_limit", limit ? limit->resource : "the client path (as the burst)");
  }
  if (layout.object_store) {
    num("bound.drain", figures.bound.drain.terabytes_per_second(), "TB/s");
    num("bound.fetch", figures.bound.fetch.terabytes_per_second(), "TB/s");
  }
  for (size_t i = 0; i < figures.phases.size(); ++i) {
    const auto& m = figures.phases[i];
    const std::string p = m.name + ".";
    num(p + "bytes", m.bytes / 1e12, "TB");
    num(p + "completion", m.completion, "s");
    num(p + "sustained", m.sustained / 1e12, "TB/s");
    num(p + "peak", m.peak / 1e12, "TB/s");
    num(p + "writer_p50", m.writer_completion.p50, "s");
    num(p + "writer_p99", m.writer_completion.p99, "s");
    num(p + "writer_max", m.writer_completion.max, "s");
    auto latency = [&](const char* op, const std::optional<Percentiles>& l) {
      if (!l) return;
      num(p + op + "_latency_p50", l->p50, "s");
      num(p + op + "_latency_p99", l->p99, "s");
      num(p + op + "_latency_max", l->max, "s");
    };
    latency("read", m.read_latency);
    latency("write", m.write_latency);
    if (m.kind == PhaseKind::checkpoint_write && scenario.phases[i].wait_for_buffer) num(p + "buffer_drained", m.drain, "s");
    // What `sustained` measured for a write through the buffer: the burst, the buffer-full regime, or both.
    if (m.kind == PhaseKind::checkpoint_write && !figures.servers && figures.writes)
      txt(p + "window_regime", to_string(window_regime(*figures.writes, m.window_start, m.window_end)));
    for (size_t s = 0; s < m.site_completion.size(); ++s)
      num(p + "site." + layout.sites[s].name + ".completion", m.site_completion[s], "s");
    if (const auto* b = m.bottleneck()) {
      txt(p + "bottleneck", b->label());
      num(p + "bottleneck_utilization", b->mean * 100, "%");
    }
    if (i < figures.movement.size() && figures.movement[i]) movement_summary(p + "movement.", *figures.movement[i], num, txt);
    if (const auto* r = m.runner_up()) {
      txt(p + "runner_up", r->label());
      num(p + "runner_up_utilization", r->mean * 100, "%");
      // Above 100 % is bucket-accounting noise on a co-saturated resource: no headroom, not negative.
      if (r->mean > 0) num(p + "runner_up_headroom", std::max(0.0, 1 / r->mean - 1) * 100, "%");
    }
  }
  for (const auto& t : figures.timelines) {
    const std::string p = t.name + ".";
    num(p + "checkpoints", t.checkpoints, "checkpoints");
    num(p + "interval", t.interval, "s");
    num(p + "training_time", t.training_time, "s");
    num(p + "stall_total", t.stall, "s");
    num(p + "stall_mean", t.stall_mean, "s");
    num(p + "stall_max", t.stall_max, "s");
    num(p + "time_lost", t.lost_fraction * 100, "%");
    num(p + "write_mean", t.write_mean, "s");
    if (t.mtbf) num(p + "job_mtbf", *t.mtbf, "s");
    if (t.young) num(p + "young_interval", *t.young, "s");
    if (t.daly) num(p + "daly_interval", *t.daly, "s");
    if (t.waste_chosen) num(p + "expected_waste_chosen", *t.waste_chosen * 100, "%");
    if (t.waste_optimal) num(p + "expected_waste_young", *t.waste_optimal * 100, "%");
    if (!t.backlog.empty()) {
      num(p + "drain_backlog_max", t.backlog_max / 1e12, "TB");
      num(p + "drain_backlog_at_end", t.backlog_at_end / 1e12, "TB");
      num(p + "drain_done", t.drain_done, "s");
    }
  }
  if (figures.faults) fault_summary(*figures.faults, num);
  if (const auto& w = figures.writes) {
    // Two regimes: while the buffer absorbs, and once a strip had to wait for space (migration binds).
    auto regime = [&](const std::string& p, const WriteRegime& g) {
      num(p, g.rate() / 1e12, "TB/s");
      if (!g.utilization.empty()) txt(p + "_bottleneck", g.utilization.front().label());
    };
    regime("writes.burst", w->burst);
    if (w->sustained) {
      num("writes.switch_at", w->switch_at, "s");
      regime("writes.buffer_full", *w->sustained);
    } else {
      txt("writes.regime", "burst only: the buffer never filled");
    }
    if (w->migration_started_at >= 0) num("writes.migration_start", w->migration_started_at, "s");
    num("writes.migrated", w->migrated / 1e12, "TB");
    num("writes.stored", w->stored / 1e12, "TB");
  }
  return out;
}

void write_summary(std::ostream& out, const std::vector<SummaryItem>& items) {
  for (const auto& i : items) {
    if (i.is_text()) {
      out << i.key << ": " << i.text << "\n";
    } else {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", i.value);
      out << i.key << ": " << buf << " " << i.unit << "\n";
    }
  }
}

std::vector<SummaryItem> read_summary(const std::filesystem::path& file) {
  std::istringstream in(read_input_file(file));
  std::vector<SummaryItem> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    auto colon = line.find(": ");
    if (colon == std::string::npos) throw InputError(file.string(), n, "", "expected 'key: value unit'");
    SummaryItem item{line.substr(0, colon), 0, {}, {}};
    std::string rest = line.substr(colon + 2);
    std::istringstream parse(rest);
    double v = 0;
    std::string unit;
    // A number followed by exactly one unit word is a figure; anything else is text.
    if ((parse >> v) && (parse >> unit) && parse.eof()) {
      item.value = v;
      item.unit = unit;
    } else {
      item.text = rest;
    }
    out.push_back(item);
  }
  return out;
}

std::vector<std::string> compare_summaries(const std::vector<SummaryItem>& expected,
                                           const std::vector<SummaryItem>& actual, double tol) {
  std::map<std::string, SummaryItem> got;
  for (const auto& a : actual) got[a.key] = a;
  std::vector<std::string> diffs;
  for (const auto& e : expected) {
    auto it = got.find(e.key);
    if (it == got.end()) {
      diffs.push_back(e.key + ": missing from the run");
      continue;
    }
    const auto& a = it->second;
    if (e.is_text() || a.is_text()) {
      if (e.text != a.text) diffs.push_back(e.key + ": expected '" + e.text + "', got '" + a.text + "'");
      continue;
    }
    double scale = std::max(std::abs(e.value), 1e-9);
    if (e.unit != a.unit || std::abs(a.value - e.value) / scale > tol) {
      std::ostringstream msg;
      msg << e.key << ": expected " << e.value << " " << e.unit << ", got " << a.value << " " << a.unit;
      diffs.push_back(msg.str());
    }
  }
  return diffs;
}

}  // namespace podsim
