#include "sim/simulation.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>
#include <xbt/config.hpp>
#include <xbt/log.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>

#include "sim/engine_options.hpp"
#include "sim/job_runner.hpp"
#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/process_cleanup.hpp"
#include "topology/platform_slice.hpp"
#include "workloads/scenario_slice.hpp"

namespace podsim {
namespace {

void make_series(SimContext& ctx) {
  auto& res = ctx.result.resources;
  for (const auto& l : ctx.spec.links) {
    ctx.link_series.push_back(static_cast<int>(res.size()));
    res.push_back({l.name, l.cls, "up", l.up.bytes_per_second(), {}});
    res.push_back({l.name, l.cls, "down", l.down.bytes_per_second(), {}});
  }
  for (const auto& c : ctx.spec.cnodes) {
    ctx.cpu_series.push_back(static_cast<int>(res.size()));
    res.push_back({c.name + "-cpu", ResourceClass::cnode_cpu, "compute", c.clock.hertz() * c.cores, {}});
  }
  for (const auto& h : ctx.spec.copy_hosts) {
    ctx.copy_host_cpu_series.push_back(static_cast<int>(res.size()));
    res.push_back({h.name + "-cpu", ResourceClass::copy_host_cpu, "compute", h.clock.hertz() * h.cores, {}});
  }
  // A copy phase with request round trips: its streams' waiting, out of as many stream-seconds per second as it has streams.
  for (const auto& ph : ctx.scenario.phases) {
    ctx.round_trip_series.push_back(-1);
    if (!is_cnode_copy(ph.kind) || ph.movement.round_trip.seconds() <= 0) continue;
    ctx.round_trip_series.back() = static_cast<int>(res.size());
    res.push_back({ph.name + "-round-trips", ResourceClass::request_round_trip, "wait",
                   double(ph.per_cnode.size()) * ph.streams_per_writer, {}});
  }
  for (const auto& d : ctx.spec.dnodes) {
    ctx.disk_series.push_back(static_cast<int>(res.size()));
    res.push_back({d.name + "-buffer", ResourceClass::buffer_ssd, "read", d.buffer_read.bytes_per_second(), {}});
    res.push_back({d.name + "-buffer", ResourceClass::buffer_ssd, "write", d.buffer_write.bytes_per_second(), {}});
    res.push_back({d.name + "-capacity", ResourceClass::capacity_ssd, "read", d.capacity_read.bytes_per_second(), {}});
    res.push_back({d.name + "-capacity", ResourceClass::capacity_ssd, "write", d.capacity_write.bytes_per_second(), {}});
  }
}

/** model `buffer_at_start: full`: every write buffer holds its capacity of landed strips, reduced as
 *  the first write phase reduces, so destage starts at once and writes wait for the space it frees. */
void prefill_buffers(SimContext& ctx) {
  double reduction = 1;
  for (const auto& ph : ctx.scenario.phases)
    if (ph.kind == PhaseKind::checkpoint_write) {
      reduction = ph.reduction;
      break;
    }
  for (auto& d : ctx.dnodes) {
    d.reserved = d.landed = d.capacity;
    d.landed_stored = d.capacity / reduction;
  }
}

/** On near-identical slices a site's writers are not n times the slice's: the whole's count of them,
 *  their completions spread as the slice's are (the slice's sorted, each taken in proportion). */
std::vector<double> spread_over(std::vector<double> mine, size_t whole) {
  std::sort(mine.begin(), mine.end());
  std::vector<double> out;
  for (size_t j = 0; j < whole && !mine.empty(); ++j) out.push_back(mine[j * mine.size() / whole]);
  return out;
}

/** With `slices: n`, the run was one slice's (`sliced`) of `whole`: every amount it measured stands
 *  for n copies. Writers are numbered site by site, so each site's writers are its slice's, n times
 *  over (on near slices, as many as the whole's). */
void scale_to_whole(RunResult& r, const Scenario& whole, const Scenario& sliced, const PlatformSlice& slice, int n) {
  const double k = n;
  for (auto& res : r.resources) {
    res.capacity *= k;
    for (auto& a : res.amount) a *= k;
  }
  for (size_t p = 0; p < r.phases.size(); ++p) {
    auto& ph = r.phases[p];
    ph.bytes *= k;
    for (auto& b : ph.user_bytes.values) b *= k;
    const auto one = ph.writer_done;  // every slice's writers finish as this one's do
    // The sliced scenario keeps the whole layout; `slice` names the node behind each of its own.
    const auto site = p < sliced.phases.size()
                          ? writer_sites(sliced.phases[p], sliced.layout,
                                         is_cnode_copy(sliced.phases[p].kind) ? slice.cnode_of : slice.client_of)
                          : std::vector<int>{};
    ph.writer_done.clear();
    if (site.size() != one.size()) {  // writers with no site order (a trace's operations)
      for (int i = 0; i < n; ++i) ph.writer_done.insert(ph.writer_done.end(), one.begin(), one.end());
    } else if (whole.model.slicing == Slicing::near) {
      const auto whole_site = writer_sites(whole.phases[p], whole.layout);
      for (size_t s = 0; s < sliced.layout.sites.size(); ++s) {
        std::vector<double> mine;
        for (size_t w = 0; w < one.size(); ++w)
          if (site[w] == static_cast<int>(s)) mine.push_back(one[w]);
        const auto theirs = static_cast<size_t>(std::count(whole_site.begin(), whole_site.end(), static_cast<int>(s)));
        const auto spread = spread_over(std::move(mine), theirs);
        ph.writer_done.insert(ph.writer_done.end(), spread.begin(), spread.end());
      }
    } else {
      for (size_t s = 0; s < sliced.layout.sites.size(); ++s)
        for (int i = 0; i < n; ++i)
          for (size_t w = 0; w < one.size(); ++w)
            if (site[w] == static_cast<int>(s)) ph.writer_done.push_back(one[w]);
    }
    ph.writers = static_cast<long long>(ph.writer_done.size());
  }
  for (auto& b : r.buffer_fill) b *= k;
  r.migrated *= k;
  r.stored *= k;
  r.buffer_capacity *= k;
}

/**
 * Every actor reserves a stack (contexts/stack-size, 8 MiB by default) when it is created; under
 * an address-space limit (ulimit -v, common on batch nodes) a reservation that fails makes SimGrid
 * abort (SIGABRT) mid-run. The most actors a run can hold at once are counted up front and a run
 * that cannot fit is refused as too large, the documented out-of-memory exit (issue 42, H).
 */
void check_stack_room(const Scenario& scenario, const PlatformSpec& spec) {
  rlimit lim{};
  if (::getrlimit(RLIMIT_AS, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY) return;
  double actors = 8 + double(scenario.jobs.size()) + 2.0 * double(scenario.faults.size());
  for (const auto& d : spec.dnodes) actors += d.destage_streams;
  std::vector<double> per_job(scenario.jobs.size() + 1, 0.0);
  for (const auto& ph : scenario.phases) {
    double n = 0;
    for (const auto& b : ph.per_cnode) n += b.bytes() > 0 ? 1 : 0;
    for (int w : ph.writers_on_client) n += w > 0 ? 1 : 0;
    auto& job = per_job[std::min(static_cast<size_t>(std::max(ph.job, 0)), scenario.jobs.size())];
    job = std::max(job, n);
  }
  for (double n : per_job) actors += 2 * n;  // a timeline's write and its background drain at once
  const double stack = double(simgrid::config::get_value<int>("contexts/stack-size")) * 1024;
  long pages = 0;
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld", &pages) != 1) pages = 0;
    std::fclose(f);
  }
  const double in_use = double(pages) * double(::sysconf(_SC_PAGESIZE));
  const double need = actors * stack;
  if (in_use + need > double(lim.rlim_cur))
    throw InputError(scenario.file.string(), 0, "",
                     "out of memory: up to " + format_number("%.0f", actors) + " actors x " +
                         format_number("%.0f KiB", stack / 1024) + " of stack need " + format_number("%.3g GiB", need / (1 << 30)) +
                         " of address space; the limit (ulimit -v) leaves " +
                         format_number("%.3g GiB", (double(lim.rlim_cur) - in_use) / (1 << 30)) +
                         ": raise it, use model.slices, fewer copy hosts or streams, or a smaller --cfg contexts/stack-size");
}

/** Simulates `scenario` on `spec`: the whole platform, or one slice of it. */
RunResult run_on(const Scenario& scenario, const PlatformSpec& spec, const RunOptions& options) {
  auto wall_start = std::chrono::steady_clock::now();
  RunResult result;
  result.scenario_name = scenario.name;
  result.servers = std::all_of(scenario.layout.sites.begin(), scenario.layout.sites.end(),
                               [](const Site& s) { return s.design.internal_drives; });
  result.sample_interval = scenario.output.sample_interval.seconds();

  // Actor stacks (8 MiB, lazily touched) must stay mmap-backed. glibc raises its mmap threshold
  // when such a block is freed, so after the first phase's actors end, later stacks would come from
  // the heap and be touched whole: a three-checkpoint timeline reached 4 GiB. A fixed threshold
  // turns that adjustment off.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  sg4::Engine engine("podsim");
  install_interrupt_cleanup();  // SimGrid's own SIGINT handler would exit 1 and keep our temporaries
  xbt_log_control_set("root.thres:critical");
  for (const auto& cfg : engine_options()) engine.set_config(cfg);
  // The coarse time quantum is SimGrid's timing precision: events within it are handled together.
  if (const double q = scenario.model.time_quantum.seconds(); q > 0)
    engine.set_config("surf/precision:" + format_number("%.9g", q));
  for (const auto& cfg : options.engine_config) engine.set_config(cfg);
  check_stack_room(scenario, spec);

  const auto platform_start = std::chrono::steady_clock::now();
  SimContext ctx(scenario, spec, build_platform(spec), result);
  result.platform_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - platform_start).count();
  if (options.progress)
    std::fprintf(stderr, "[podsim] platform built in %.2f s: %zu hosts, %zu links\n", result.platform_seconds,
                 engine.get_host_count(), engine.get_link_count());
  ctx.dt = result.sample_interval;
  auto endpoint = [&](int port, int controller, int leaf, bool client_side) {
    const auto& l = (client_side ? spec.client_leaves : spec.storage_leaves)[leaf];
    const auto& site = spec.sites[l.site];
    int id = client_side ? leaf : static_cast<int>(spec.client_leaves.size()) + leaf;
    ctx.endpoints.push_back({port, controller, l.uplink, site.spine, site.wan, id, l.site});
  };
  for (const auto& c : spec.clients) endpoint(c.nic, -1, c.leaf, true);
  for (const auto& c : spec.cnodes) endpoint(c.port, -1, c.leaf, false);
  for (const auto& d : spec.dnodes) endpoint(d.port, d.controller, d.leaf, false);
  const int store_leaf = static_cast<int>(spec.client_leaves.size() + spec.storage_leaves.size());
  ctx.endpoints.push_back({spec.object_store, -1, -1, -1, -1, store_leaf, -1});
  for (const auto& c : spec.cnodes) endpoint(-1, -1, c.leaf, false);  // back ends: no port of their own
  // Copy hosts: a zone per site on its spine, no leaf uplink (platform_builder.cpp).
  for (const auto& h : spec.copy_hosts) {
    const auto& site = spec.sites[h.site];
    ctx.endpoints.push_back({h.nic, -1, -1, site.spine, site.wan, store_leaf + 1 + h.site, h.site});
  }
  ctx.read_counter.assign(spec.sites.size(), 0);
  ctx.serve_counter.assign(spec.sites.size(), 0);
  ctx.migration_counter.assign(spec.sites.size(), 0);
  ctx.migrating_bytes.assign(spec.cnodes.size(), 0.0);
  make_series(ctx);
  ctx.dnodes = std::vector<DNodeRuntime>(spec.dnodes.size());
  for (size_t d = 0; d < spec.dnodes.size(); ++d) {
    ctx.dnodes[d].capacity = spec.dnodes[d].buffer_capacity.bytes();
    result.buffer_capacity += ctx.dnodes[d].capacity;
  }
  if (scenario.model.buffer_full_at_start) prefill_buffers(ctx);
  for (const auto& site : spec.sites)
    ctx.placement.emplace_back(site.dnodes.count, scenario.placement.enclosure_imbalance);
  ctx.landed_whole.assign(spec.dnodes.size(), 0.0);
  ctx.survivor_counter.assign(spec.sites.size(), 0);
  ctx.cnode_lost_at.assign(spec.cnodes.size(), std::numeric_limits<double>::infinity());
  for (const auto& f : scenario.faults)
    if (f.kind == FaultKind::cnode_loss) ctx.cnode_lost_at[f.cnode] = f.at.seconds();
  ctx.link_back_at.assign(spec.links.size(), 0.0);
  result.faults.resize(scenario.faults.size());
  for (const auto& c : spec.clients) ctx.admission_box.push_back(sg4::Mailbox::by_name("admit-" + c.name));
  for (const auto& ph : scenario.phases) {
    PhaseRecord rec;
    rec.name = ph.name;
    rec.kind = ph.kind;
    rec.description = ph.description;
    rec.bytes = ph.total.bytes();
    rec.writers = ph.writer_count();
    rec.writer_done.assign(static_cast<size_t>(rec.writers), 0.0);
    result.phases.push_back(std::move(rec));
  }
  for (const auto& tl : scenario.timelines) result.timelines.push_back({tl.name, 0, 0, {}, {}});

  for (size_t d = 0; d < spec.dnodes.size(); ++d)
    for (int s = 0; s < spec.dnodes[d].destage_streams; ++s)
      sg4::Actor::create(spec.dnodes[d].name + "-destage", ctx.platform.dnodes[d],
                         [&ctx, d] { destage_actor(ctx, static_cast<int>(d)); })->daemonize();
  if (!scenario.faults.empty())
    sg4::Actor::create("faults", ctx.platform.controller, [&ctx] { fault_actor(ctx); })->daemonize();
  Monitor monitor(ctx, options.progress);
  sg4::Actor::create("monitor", ctx.platform.controller, [&monitor] { monitor(); })->daemonize();
  start_jobs(ctx, monitor, options.progress);
  engine.run();
  result.run_end = sg4::Engine::get_clock();

  result.activities = ctx.activities;
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return result;
}

}  // namespace

RunResult run_simulation(const Scenario& whole_scenario, const RunOptions& options) {
  const int slices = whole_scenario.model.slices;
  const PlatformSpec whole_spec = make_platform_spec(whole_scenario.layout, copy_hosts_needed(whole_scenario.phases));
  if (slices <= 1) return run_on(whole_scenario, whole_spec, options);
  const auto how = whole_scenario.model.slicing;
  const PlatformSlice slice = slice_platform(whole_spec, slices, how);
  const Scenario sliced = slice_scenario(whole_scenario, slice, slices, how);
  RunResult r = run_on(sliced, slice.spec, options);
  scale_to_whole(r, whole_scenario, sliced, slice, slices);
  r.slicing = slices_text(whole_scenario.model) + (slice.rounding.empty() ? std::string() : ": " + slice.rounding);
  return r;
}

}  // namespace podsim
