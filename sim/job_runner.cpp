#include "sim/job_runner.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

namespace podsim {
namespace {

double now() { return sg4::Engine::get_clock(); }

/** Blocks until every write buffer is empty (destage flushes partial units meanwhile). */
void wait_for_drain(SimContext& ctx) {
  ++ctx.flush_waiters;
  for (auto& d : ctx.dnodes) d.work->notify_all();
  std::unique_lock lock(*ctx.drained_mutex);
  auto busy = [&] {
    for (const auto& d : ctx.dnodes)
      if (d.reserved > 0) return true;
    return false;
  };
  while (busy()) ctx.drained->wait(lock);
  --ctx.flush_waiters;
}

/** Runs phase p to its end in the calling actor: one actor per C-node (copies) or per busy client. */
void run_phase(SimContext& ctx, Monitor& monitor, int p, bool progress) {
  const auto& spec = ctx.scenario.phases[p];
  auto& rec = ctx.result.phases[p];
  PhaseRun run{spec, rec};
  rec.start = now();
  monitor.begin_phase(run);
  if (progress)
    std::fprintf(stderr, "[podsim] %s: %s, %lld %s, starting at t = %.3f s\n", rec.name.c_str(),
                 spec.description.c_str(), rec.writers, phase_noun(spec.kind), rec.start);
  std::vector<sg4::ActorPtr> actors;
  const bool hosts = spec.movement.strategy == MovementStrategy::copy_hosts;
  for (size_t c = 0; c < spec.per_cnode.size(); ++c)
    if (spec.per_cnode[c].bytes() > 0)
      actors.push_back(sg4::Actor::create(
          (hosts ? ctx.spec.copy_hosts[c].name : ctx.spec.cnodes[c].name) + "-copy",
          hosts ? ctx.platform.copy_hosts[c] : ctx.platform.cnodes[c],
          [&ctx, &run, c] { cnode_copy_actor(ctx, run, static_cast<int>(c)); }));
  int first_writer = 0;
  for (size_t c = 0; c < spec.writers_on_client.size(); ++c) {
    if (spec.writers_on_client[c] == 0) continue;
    actors.push_back(sg4::Actor::create(ctx.spec.clients[c].name, ctx.platform.clients[c], [&ctx, &run, c, first_writer] {
      client_actor(ctx, run, static_cast<int>(c), first_writer);
    }));
    first_writer += spec.writers_on_client[c];
  }
  for (auto& a : actors) a->join();
  rec.last_done = now();
  monitor.end_phase(run);
  if (is_write(spec.kind) && spec.wait_for_buffer) wait_for_drain(ctx);
  rec.drained = now();
}

/** The longest host-memory copy among a checkpoint's writers: an async checkpoint's stall. */
double host_copy_time(const PhaseSpec& ckpt, Bandwidth host_copy) {
  double most = 0;
  for (long long w = 0; w < ckpt.writer_count(); ++w) most = std::max(most, ckpt.bytes_of(w).bytes());
  return most / host_copy.bytes_per_second();
}

/**
 * Compute, checkpoint, `count` times. Sync: the stall is the write. Async: the stall is waiting for
 * the previous background write, then the host copy; the write itself runs in its own actor. Each
 * written checkpoint's drain (if any) starts in its own actor as soon as the write is done.
 */
void run_timeline(SimContext& ctx, Monitor& monitor, int t, bool progress) {
  const auto& tl = ctx.scenario.timelines[t];
  auto& rec = ctx.result.timelines[t];
  rec.start = now();
  std::vector<sg4::ActorPtr> background;  // drains, and async writes
  sg4::ActorPtr writing;                  // the async write in flight
  auto start_drain = [&ctx, &monitor, &tl, &background, progress](size_t k) {
    if (tl.drains.empty()) return;
    const int d = tl.drains[k];
    background.push_back(sg4::Actor::create(ctx.scenario.phases[d].name, ctx.platform.controller,
                                            [&ctx, &monitor, d, progress] { run_phase(ctx, monitor, d, progress); }));
  };
  for (size_t k = 0; k < tl.checkpoints.size(); ++k) {
    sg4::this_actor::sleep_for(tl.interval.seconds());
    const double stop = now();
    const int c = tl.checkpoints[k];
    if (tl.async) {
      if (writing) writing->join();
      sg4::this_actor::sleep_for(host_copy_time(ctx.scenario.phases[c], tl.host_copy));
      writing = sg4::Actor::create(ctx.scenario.phases[c].name, ctx.platform.controller,
                                   [&ctx, &monitor, c, k, start_drain, progress] {
                                     run_phase(ctx, monitor, c, progress);
                                     start_drain(k);
                                   });
    } else {
      run_phase(ctx, monitor, c, progress);
      start_drain(k);
    }
    rec.checkpoint_start.push_back(stop);
    rec.stall.push_back(now() - stop);
  }
  rec.end = now();
  if (writing) writing->join();
  for (size_t i = 0; i < background.size(); ++i) background[i]->join();  // drains may start while we wait
}

void run_job(SimContext& ctx, Monitor& monitor, const Job& job, bool progress) {
  sg4::this_actor::sleep_until(job.start.seconds());
  for (const auto& step : job.steps) {
    if (step.timeline) run_timeline(ctx, monitor, step.index, progress);
    else run_phase(ctx, monitor, step.index, progress);
  }
}

}  // namespace

void start_jobs(SimContext& ctx, Monitor& monitor, bool progress) {
  sg4::Actor::create("control", ctx.platform.controller, [&ctx, &monitor, progress] {
    std::vector<sg4::ActorPtr> jobs;
    for (const auto& job : ctx.scenario.jobs)
      jobs.push_back(sg4::Actor::create("job-" + job.name, ctx.platform.controller,
                                        [&ctx, &monitor, &job, progress] { run_job(ctx, monitor, job, progress); }));
    for (auto& j : jobs) j->join();
    monitor.sample_now();
    ctx.result.end_time = now();
    ctx.workload_done = true;
  });
}

}  // namespace podsim
