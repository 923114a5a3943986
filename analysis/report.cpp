#include "analysis/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "topology/format.hpp"
#include "topology/design_facts.hpp"
#include "topology/layout.hpp"

namespace podsim {
namespace {

std::string tbps(double bytes_per_s) { return format_number("%.3f TB/s", bytes_per_s / 1e12); }
/** A rate in TB/s from 1 TB/s up, in GB/s below (a one-client case reads 1.0 GB/s, not 0.001 TB/s). */
std::string rate_text(double bytes_per_s) {
  return bytes_per_s >= 1e12 ? tbps(bytes_per_s) : format_number("%.1f GB/s", bytes_per_s / 1e9);
}
std::string pct(double frac) { return format_number("%.1f %%", frac * 100); }

void row(std::ostringstream& o, const std::string& k, const std::string& v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "  %-28s ", k.c_str());
  o << buf << v << "\n";
}

std::string spine_racks_text(int n) {
  return "of which " + std::to_string(n) + (n == 1 ? " spine rack" : " spine racks");
}

}  // namespace

std::string design_report(const Design& d) {
  std::ostringstream o;
  auto fab = fabric_facts(d);
  auto cap = capacity_facts(d);
  auto pw = power_facts(d);
  auto racks = rack_layout(d);
  o << "design " << d.name << " (" << d.file.string() << ")\n";
  if (!d.scale_out.rule.empty())
    row(o, "scaled out", format_number("x %.2f", d.scale_out.factor) + " of a block of " + std::to_string(d.scale_out.block_clients) +
                             " clients, " + std::to_string(d.scale_out.block_cnodes) + " C-nodes, " +
                             std::to_string(d.scale_out.block_dnodes) + " D-nodes (rule: " + d.scale_out.rule + ")");
  row(o, "clients", std::to_string(d.client_count) + " x " + d.client.name + " = " + std::to_string(d.gpu_count()) +
                        " GPUs, " + std::to_string(d.client.ports()) + " x " +
                        format_number("%.0f Gb/s", d.client.nic.port_speed.gigabits_per_second()) + " ports each");
  if (d.internal_drives) {  // in its own words: servers with their NICs and internal drives, a cap if any
    row(o, "servers", std::to_string(d.cnode_count) + " x " + d.server.name + ", " + std::to_string(d.cnode.ports()) + " x " +
                          format_number("%.0f Gb/s", d.cnode.nic.port_speed.gigabits_per_second()) + " NIC ports and " +
                          std::to_string(d.server.drive_count) + " x " + d.server.drive.name + " internal drives each; " +
                          (d.server.has_cap()
                               ? format_number("cap %.1f GB/s write", d.server.cap_write.gigabytes_per_second()) +
                                     format_number(", %.1f GB/s read", d.server.cap_read.gigabytes_per_second()) +
                                     (d.server.cap_counts_user ? " of user bytes" : " of device bytes (parity included)")
                               : std::string("no cap")));
  } else {
    row(o, "C-nodes", std::to_string(d.cnode_count) + " x " + d.cnode.name + ", " + std::to_string(d.cnode.ports()) +
                          " x " + format_number("%.0f Gb/s", d.cnode.nic.port_speed.gigabits_per_second()) + " ports each");
    row(o, "D-nodes", std::to_string(d.dnode_count) + " x " + d.dnode.name + ", " + std::to_string(d.dnode.ports()) +
                          " x " + format_number("%.0f Gb/s", d.dnode.nic.port_speed.gigabits_per_second()) + " ports each");
  }
  row(o, "client leaves", std::to_string(fab.client_leaves) + " x " + d.client_fabric.leaf.name + ", " +
                              format_number("%.2f:1", fab.client_oversubscription) + " oversubscribed");
  row(o, "storage leaves", std::to_string(fab.storage_leaves) + " x " + d.storage_fabric.leaf.name + ", " +
                               format_number("%.2f:1", fab.storage_oversubscription) + " oversubscribed");
  row(o, "spine", std::to_string(d.spine_count) + " x " + d.spine.name + " (" +
                      std::to_string(fab.spine_ports_needed) + " uplink ports used)");
  row(o, "raw capacity", format_bytes(cap.raw));
  row(o, "usable capacity", format_bytes(cap.usable) + (d.internal_drives ? " (RAID " : " (EC ") +
                                std::to_string(d.protection.capacity_data) + "+" + std::to_string(d.protection.capacity_parity) +
                                (d.protection.across_servers() > 1
                                     ? format_number(", %.3g x across servers, sent by the ", d.protection.across_servers()) +
                                           (d.protection.peer_by_client ? "client" : "server")
                                     : std::string()) +
                                ", reserve " + pct(d.protection.reserve) + ")");
  if (!d.internal_drives)  // servers write to their drives directly: no buffer tier to size
    row(o, "write buffer", format_bytes(cap.write_buffer) + " raw (" + std::to_string(d.protection.buffer_data) + "+" +
                               std::to_string(d.protection.buffer_parity) + ")");
  const auto spines = spine_split(d);
  row(o, "spine by side", std::to_string(spines.storage) + " storage, " + std::to_string(spines.client) +
                              " compute fabric (by uplink ports used)");
  row(o, "storage racks", std::to_string(storage_rack_count(racks)) + " x " + d.rack.name + " (" +
                              format_number("%.0f kW", d.rack.power_budget.kilowatts()) + " budget each), " +
                              spine_racks_text(storage_spine_rack_count(racks)));
  row(o, "storage power", format_number("%.1f kW typical, ", pw.storage_typical.kilowatts()) +
                              format_number("%.1f kW max", pw.storage_max.kilowatts()));
  row(o, "compute fabric", std::to_string(client_fabric_rack_count(racks)) + " spine racks, " +
                               format_number("%.1f kW typical, ", pw.client_fabric_typical.kilowatts()) +
                               format_number("%.1f kW max", pw.client_fabric_max.kilowatts()) +
                               " (client leaves and the client side's spine: the GPU build's)");
  o << "  line-rate ceilings (user bytes, no contention):\n";
  for (const auto& c : line_rate_ceilings(d)) {
    char buf[160];
    auto cell = [](Bandwidth b) { return std::isinf(b.bytes_per_second()) ? std::string("-") : tbps(b.bytes_per_second()); };
    std::snprintf(buf, sizeof buf, "    %-26s write %12s   read %12s\n", c.resource.c_str(), cell(c.write).c_str(),
                  cell(c.read).c_str());
    o << buf;
  }
  return o.str();
}

namespace {
std::string counts(const SiteFacts& f) {
  return std::to_string(f.gpus) + " GPUs on " + std::to_string(f.clients) + " clients, " +
         (f.servers ? std::to_string(f.cnodes) + " servers"
                    : std::to_string(f.cnodes) + " C-nodes, " + std::to_string(f.dnodes) + " D-nodes");
}

/** Sites (with their WAN links) and the object store: the lines a layout adds to any report. */
void layout_rows(std::ostringstream& o, const Layout& l) {
  auto sites = site_facts(l);
  for (size_t i = 0; i < sites.size(); ++i)
    row(o, "site " + sites[i].name,
        l.sites[i].design.name + ": " + counts(sites[i]) + ", " + format_bytes(sites[i].usable) + " usable" +
            (l.sites[i].wan ? ", WAN " + format_bandwidth(l.sites[i].wan->bandwidth) + " (" + l.sites[i].wan->name + ")"
                            : std::string()));
  if (l.object_store)
    row(o, "object store", l.object_store->model.name + ", " + format_bytes(l.object_store->stored) + " stored, " +
                               std::to_string(l.object_store->accounts) + " accounts" +
                               (l.object_store->accounts_given ? "" : " (as many as its throughput needs)") +
                               ": ingress " + tbps(l.object_store->ingress().bytes_per_second()) + ", egress " +
                               tbps(l.object_store->egress().bytes_per_second()));
}
}  // namespace

std::string layout_report(const Layout& l) {
  std::ostringstream o;
  const auto total = layout_totals(l);
  o << "layout " << l.name << " (" << l.file.string() << "): " << l.sites.size() << " sites, " << counts(total) << "\n";
  layout_rows(o, l);
  row(o, "usable capacity", format_bytes(total.usable));
  row(o, "storage racks", std::to_string(total.storage_racks) + ", " + spine_racks_text(total.storage_spine_racks));
  row(o, "storage power", format_number("%.1f kW typical, ", total.power_typical.kilowatts()) +
                              format_number("%.1f kW max", total.power_max.kilowatts()));
  row(o, "compute fabric", std::to_string(total.fabric_racks) + " spine racks, " +
                               format_number("%.1f kW typical, ", total.fabric_power_typical.kilowatts()) +
                               format_number("%.1f kW max", total.fabric_power_max.kilowatts()));
  for (const auto& s : l.sites) o << "\nsite " << s.name << ": " << design_report(s.design);
  return o.str();
}

namespace {
/** What checkpointing cost a training timeline. */
void timeline_rows(std::ostringstream& o, const TimelineMetrics& t) {
  o << "\ntraining " << t.name << ": " << t.checkpoints << " checkpoints, one every "
    << format_number("%.1f s", t.interval) << " of compute\n";
  row(o, "training time", format_number("%.3f s", t.training_time) + format_number(" (compute %.3f s", t.compute) +
                              format_number(", stalled %.3f s)", t.stall));
  row(o, "time lost to checkpointing", format_number("%.2f %%", t.lost_fraction * 100));
  row(o, "stall per checkpoint", format_number("mean %.3f s", t.stall_mean) + format_number(", max %.3f s", t.stall_max));
  row(o, "write per checkpoint", format_number("mean %.3f s from stop to last write acknowledged", t.write_mean));
  if (t.mtbf) row(o, "job MTBF", format_number("%.0f s", *t.mtbf));
  if (t.young && t.daly)
    row(o, "optimal interval", format_number("Young %.1f s", *t.young) + format_number(", Daly %.1f s", *t.daly) +
                                   format_number(" (chosen %.1f s)", t.interval));
  if (t.waste_chosen && t.waste_optimal)
    row(o, "expected waste", format_number("%.2f %% at the chosen interval", *t.waste_chosen * 100) +
                                 format_number(", %.2f %% at Young's", *t.waste_optimal * 100));
  if (!t.backlog.empty())
    row(o, "object-store drain backlog", format_number("max %.3f TB", t.backlog_max / 1e12) +
                                             format_number(", %.3f TB when training ends", t.backlog_at_end / 1e12) +
                                             format_number(", all drained at %.3f s", t.drain_done));
}

/** What a phase's 10-90 % window measured (issue 40): a write through the buffer names its regime;
 *  reads and buffer-less writes are plain sustained rates. */
std::string window_label(const RunResult& r, const RunFigures& fig, size_t i) {
  const auto& m = fig.phases[i];
  if (m.kind != PhaseKind::checkpoint_write || r.servers || !fig.writes) return "sustained (10-90 % window)";
  const auto regime = window_regime(*fig.writes, m.window_start, m.window_end);
  return regime == WindowRegime::burst_then_full ? "10-90 %: burst, then full" : std::string(to_string(regime)) + " (10-90 % window)";
}

/** The two write regimes of the run: while the buffer absorbs, and once it is full. */
void write_regime_rows(std::ostringstream& o, const WriteRegimes& w) {
  auto bound_at = [](const WriteRegime& g) {
    return g.utilization.empty() ? std::string() : ", binds at " + g.utilization.front().label();
  };
  o << "\nwrite regimes (all checkpoint phases together)\n";
  row(o, "burst", tbps(w.burst.rate()) + " while the buffer absorbed" + bound_at(w.burst));
  if (w.sustained)
    row(o, "sustained (buffer full)", tbps(w.sustained->rate()) + format_number(" from %.3f s, when a strip first waited for space", w.switch_at) +
                                          bound_at(*w.sustained));
  else
    row(o, "sustained (buffer full)", "not reached: the buffer never filled");
  if (w.migration_started_at >= 0)
    row(o, "migration", format_number("from %.3f s, ", w.migration_started_at) +
                            format_bytes(Bytes::from_bytes(w.migrated)) + " moved to the capacity tier");
}

/** A group of whole phases: which, their bytes, time and rate, and the same without the faults. */
std::string phase_group_text(const PhaseGroup& g) {
  if (g.empty()) return "none";
  std::string names = g.phases.front();
  if (g.phases.size() > 1) names += (g.phases.size() == 2 ? ", " : " .. ") + g.phases.back();
  std::string out = names + ": " + format_bytes(Bytes::from_bytes(g.bytes)) + format_number(" in %.3f s, ", g.time) +
                    (g.rate() ? rate_text(*g.rate()) : std::string("no rate"));
  if (g.baseline_time && g.baseline_rate())
    out += format_number(" (without the faults %.3f s, ", *g.baseline_time) + rate_text(*g.baseline_rate()) + ")";
  return out;
}

/** What each fault did, and what the faults cost each phase against the fault-free baseline. */
void fault_rows(std::ostringstream& o, const FaultReport& r) {
  auto rate = [](const std::optional<double>& v) { return v ? rate_text(*v) : std::string("-"); };
  for (const auto& f : r.faults) {
    o << "\n" << f.name << " (" << f.spec->target << ") at " << format_number("%.3f s", f.at)
      << (f.end ? format_number(", until %.3f s", *f.end) : std::string(", to the end of the run")) << "\n";
    for (const auto& [label, g] : {std::pair<const char*, const PhaseGroup*>{"phases before it", &f.before},
                                   {"phases it overlapped", &f.during}, {"phases after it", &f.after}})
      row(o, label, phase_group_text(*g));
    row(o, "client throughput", "before " + rate(f.rate_before) + ", during " + rate(f.rate_during) + ", after " +
                                    rate(f.rate_after) + " (whole samples inside each window and a phase)");
    if (f.rebuild_time)
      row(o, "rebuild", format_number("%.3f TB in ", f.record.rebuilt / 1e12) + format_number("%.3f s", *f.rebuild_time) +
                            " (simulated to its end)");
    else if (f.record.rebuild_start >= 0)
      row(o, "rebuild", format_number("%.3f TB rebuilt, not finished when the run ended", f.record.rebuilt / 1e12));
    if (f.record.moved_streams > 0)
      row(o, "failover", std::to_string(f.record.moved_streams) + " streams moved, " +
                             format_number("%.3f TB of chunks in flight sent again", f.record.retried / 1e12));
    if (f.record.redirected_strips + f.record.reduced_stripes > 0)
      row(o, "write buffer", std::to_string(f.record.redirected_strips) + " strips moved to survivors, " +
                                 std::to_string(f.record.reduced_stripes) + " stripes written with reduced protection");
    if (f.record.reconstructed_reads > 0)
      row(o, "reconstructed reads", format_number("%.3f TB read by reconstruction", f.record.reconstructed_reads / 1e12));
    if (f.backlog_at_end) {
      row(o, "drain backlog", format_number("%.3f TB when the link went down, ", *f.backlog_at_start / 1e12) +
                                  format_number("%.3f TB when it came back", *f.backlog_at_end / 1e12) +
                                  format_number(" (%.3f TB checkpointed meanwhile)", *f.written_during / 1e12));
      row(o, "catch-up", f.catch_up ? format_number("%.1f s after the link came back", *f.catch_up)
                                    : std::string("not caught up when the run ended"));
      row(o, "local space", format_number("%.3f TB free for checkpoints: ", f.local_free / 1e12) +
                                (f.local_full_at ? format_number("outgrown at %.1f s", *f.local_full_at) : std::string("enough")) +
                                format_number(", headroom %.3f TB at the backlog's peak", *f.headroom / 1e12));
      row(o, "outage until full", f.outage_to_full ? format_number("%.0f s: an outage this long fills the local space", *f.outage_to_full)
                                                    : std::string("- (the backlog did not grow)"));
      row(o, "drain into the store", "before " + rate(f.drain_before) + ", during " + rate(f.drain_during) + ", after " +
                                         rate(f.drain_after));
    }
  }
  if (!r.has_baseline) return;
  o << "\nfaults against the fault-free baseline\n";
  for (const auto& ph : r.phases) {
    if (!ph.baseline) continue;
    row(o, ph.name, format_number("%.3f s", ph.duration) + format_number(" instead of %.3f s", *ph.baseline) +
                        format_number(" (+%.3f s)", ph.duration - *ph.baseline) +
                        (ph.missed() ? format_number(", longer than its %.1f s interval", *ph.interval) : std::string()));
  }
  for (const auto& t : r.timelines)
    row(o, t.name + " training", format_number("%.3f s", t.training_time) + format_number(" instead of %.3f s", t.baseline) +
                                     format_number(": %.3f s lost to the faults", t.lost()));
  if (r.missed_intervals() > 0) row(o, "missed intervals", std::to_string(r.missed_intervals()) + " checkpoints");
}
/** A drain's or fetch's `movement:`: what each closed-form figure allows beside what bound the run. */
void movement_rows(std::ostringstream& o, const MovementFigures& f) {
  row(o, "movement", std::string(to_string(f.strategy)) + ": " + format_bytes(Bytes::from_bytes(f.request)) +
                         " requests, " + format_number("%.0f ms round trip, ", f.round_trip * 1e3) +
                         std::to_string(f.streams) + " streams");
  row(o, "  request round trips", rate_text(f.stream_ceiling) + " per stream, " + rate_text(f.latency_ceiling) + " all streams");
  if (std::isfinite(f.core_ceiling))
    row(o, "  one core per stream", rate_text(f.core_ceiling / double(f.streams)) + " per stream, " + rate_text(f.core_ceiling) + " all streams");
  if (f.strategy == MovementStrategy::copy_hosts)
    row(o, "  copy hosts", std::to_string(f.hosts) + " x " + rate_text(f.host_ceiling) + " = " + rate_text(f.hosts * f.host_ceiling) +
                               ", CPU " + pct(f.copy_host_cpu) + " used");
  row(o, "  object-store accounts", std::to_string(f.accounts) + ": " + rate_text(f.account_ceiling) +
                                        format_number(", %.0f of ", f.request_rate) +
                                        format_number("%.0f requests/s", f.request_limit));
  row(o, "  WAN", rate_text(f.wan) + ", " + pct(f.wan_utilization) + " used;  C-node CPU " + pct(f.cnode_cpu) + " used");
  row(o, "  closed-form ceiling", rate_text(f.ceiling()) + " (" + f.ceiling_name() + ")");
  if (f.target) {
    std::string need = std::to_string(f.streams_for_target) + " streams, " + std::to_string(f.accounts_for_target) + " accounts";
    if (f.strategy == MovementStrategy::copy_hosts) need += ", " + std::to_string(f.hosts_for_target) + " copy hosts";
    row(o, "  for " + rate_text(*f.target), need + (f.wan < *f.target ? " (above the WAN: no count reaches it)" : ""));
  }
}
}  // namespace

std::string run_report(const Scenario& sc, const RunResult& r, const RunFigures& fig) {
  std::ostringstream o;
  const auto& l = sc.layout;
  const auto total = layout_totals(l);
  o << "podsim run " << sc.name << ": " << (l.multi_site() ? "layout " : "design ") << l.name << ", " << counts(total)
    << "\n";
  if (l.multi_site()) layout_rows(o, l);
  row(o, "usable capacity", format_bytes(total.usable));
  // Servers write to their drives directly: one write figure, no burst and no destage to name.
  row(o, "max-flow bound", (r.servers ? "write " : "write burst ") + tbps(fig.bound.write.bytes_per_second()) + ", read " +
                               tbps(fig.bound.read.bytes_per_second()) +
                               (r.servers ? std::string() : ", destage " + tbps(fig.bound.destage.bytes_per_second())) +
                               (l.object_store ? ", drain " + tbps(fig.bound.drain.bytes_per_second()) + ", fetch " +
                                                     tbps(fig.bound.fetch.bytes_per_second())
                                               : std::string()));
  for (const auto& c : sc.concurrency) row(o, "concurrency", c);  // phases whose streams fill the design
  if (!r.slicing.empty()) row(o, "sliced", r.slicing + "; every amount reported is the slices' together");
  // A rebuild is simulated to its end, after the workload if need be: its time is measured, never projected.
  // Without faults the run still ends a moment after the workload (the monitor's last bucket).
  row(o, "simulated", format_number("%.3f s", r.end_time) +
                          (r.run_end > r.end_time + 1e-9
                               ? format_number(sc.faults.empty() ? " of workload, the run ending at %.3f s;"
                                                                 : " of workload, the run going on to %.3f s while rebuilds ran to their end;",
                                               r.run_end)
                               : std::string()) +
                          format_number(" in %.1f s wall, ", r.wall_seconds) +
                          std::to_string(r.activities) + " activities");
  row(o, "wall time", format_number("%.2f s building the platform, ", r.platform_seconds) +
                          std::to_string(r.peak_actors) + " actors alive at most (at bucket ends)" +
                          (sc.model.slices > 1 ? " (activities, platform and actors: the simulated slice's)" : ""));
  for (size_t i = 0; i < fig.phases.size(); ++i) {
    const auto& m = fig.phases[i];
    const bool write = is_write(m.kind);
    const bool hosts = sc.phases[i].movement.strategy == MovementStrategy::copy_hosts;
    const std::string noun = hosts ? "copy hosts" : phase_noun(m.kind);
    o << "\nphase " << m.name << " (" << to_string(m.kind) << "): " << m.description << "\n";
    row(o, "bytes", format_bytes(Bytes::from_bytes(m.bytes)) + " by " + std::to_string(m.writers) + " " + noun);
    row(o, std::string("last of the ") + noun + " done", format_number("%.3f s", m.completion));
    row(o, window_label(r, fig, i), tbps(m.sustained) + format_number("   (window %.3f s", m.window_start) +
                                        format_number(" .. %.3f s)", m.window_end));
    row(o, "peak", tbps(m.peak) + format_number("   (best %.0f ms window)", std::max(r.sample_interval, m.completion / 10) * 1e3));
    row(o, "average", tbps(m.average) + "   (bytes / completion)");
    if (m.coarse)
      row(o, "note", format_number("the phase lasted fewer than %.0f sample intervals: sustained and peak are its average;", kFewestBuckets) +
                         " set a shorter output.sample_interval for its burst figures");
    row(o, "completion p50 / p99 / max", format_number("%.3f s / ", m.writer_completion.p50) +
                                             format_number("%.3f s / ", m.writer_completion.p99) +
                                             format_number("%.3f s", m.writer_completion.max));
    for (size_t s = 0; s < m.site_completion.size(); ++s)
      row(o, "  done at " + l.sites[s].name, format_number("%.3f s", m.site_completion[s]));
    for (const auto& [op, l] : {std::pair{"read", &m.read_latency}, std::pair{"write", &m.write_latency}})
      if (*l)
        row(o, std::string(op) + " latency p50 / p99 / max", format_number("%.3f s / ", (*l)->p50) +
                                                                 format_number("%.3f s / ", (*l)->p99) +
                                                                 format_number("%.3f s", (*l)->max));
    if (write && sc.phases[i].wait_for_buffer && !r.servers)  // servers have no buffer tier to drain
      row(o, "write buffer drained", format_number("%.3f s after the phase began", m.drain));
    if (double bound = fig.bound_for(m.kind).bytes_per_second(); bound > 0)
      row(o, "vs max-flow bound", pct(m.sustained / bound) + " of " + tbps(bound));
    if (const auto* b = m.bottleneck())
      row(o, "bottleneck", b->label() + ": " + pct(b->mean) + " utilized (busiest " + b->busiest + " " +
                               pct(b->max) + ")" +
                               (m.none_binding()
                                    ? format_number("; no resource %.0f %% busy or more: the phase is paced by something else ",
                                                    100 * kBindingUtilization) +
                                          "(client concurrency, request round trips, a trace's times, a fault "
                                          "or a change of regime), not by this class"
                                    : std::string()));
    if (const auto* ru = m.runner_up())
      row(o, "runner-up", ru->label() + ": " + pct(ru->mean) + " utilized, " +
                              (ru->mean > 0 ? pct(1 / ru->mean - 1) : std::string("unbounded")) + " headroom");
    if (i < fig.movement.size() && fig.movement[i]) movement_rows(o, *fig.movement[i]);
    o << "  utilization over the steady window (mean of the class / busiest instance):\n";
    for (const auto& u : m.utilization) {
      if (u.mean < 0.005 && u.max < 0.005) continue;
      char buf[160];
      std::snprintf(buf, sizeof buf, "    %-30s %6.1f %%  %6.1f %%  (%d)\n", u.label().c_str(), u.mean * 100,
                    u.max * 100, u.instances);
      o << buf;
    }
  }
  if (fig.writes && !r.servers) write_regime_rows(o, *fig.writes);
  for (const auto& t : fig.timelines) timeline_rows(o, t);
  if (fig.faults) fault_rows(o, *fig.faults);
  return o.str();
}

}  // namespace podsim
