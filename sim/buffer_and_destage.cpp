// Write buffer admission and the destage actor: what separates a checkpoint burst from sustained writes.
#include "sim/sim_context.hpp"

namespace podsim {

bool SimContext::reserve(int dnode, const BufferWaiter& w) {
  auto& d = dnodes[dnode];
  if (d.waiters.empty() && d.reserved + w.bytes <= d.capacity) {
    d.reserved += w.bytes;
    return true;
  }
  d.waiters.push_back(w);
  return false;
}

void SimContext::release(int dnode, double bytes) {
  auto& d = dnodes[dnode];
  d.reserved -= bytes;
  // Strips carry fractional bytes (a shard / chunks), so sums and differences leave rounding residue
  // that grows with the bytes moved; less than a byte left means empty, or the flush would wait forever.
  if (d.reserved < 1.0) d.reserved = 0;
  while (!d.waiters.empty() && d.reserved + d.waiters.front().bytes <= d.capacity) {
    auto w = d.waiters.front();
    d.waiters.pop_front();
    d.reserved += w.bytes;
    // A zero-byte credit message: wakes the client's wait_any and costs one route latency.
    admission_box[w.client]->put_init(new Admission{w.stream, dnode, w.bytes}, 0)->detach();
  }
  if (d.reserved == 0) drained->notify_all();
}

namespace {
void add_at(std::vector<double>& series, size_t bucket, double amount) {
  if (series.size() <= bucket) series.resize(bucket + 1, 0.0);
  series[bucket] += amount;
}
}  // namespace

void SimContext::credit(const Tracked& t, size_t bucket, double amount) {
  if (amount <= 0 || workload_done) return;
  if (t.series >= 0) add_at(result.resources[t.series].amount, bucket, amount);
  if (t.src < 0) return;
  const Endpoint& a = endpoints[t.src];
  const Endpoint& b = endpoints[t.dst];
  auto up = [&](int link) { add_at(result.resources[link_series[link]].amount, bucket, amount); };
  auto down = [&](int link) { add_at(result.resources[link_series[link] + 1].amount, bucket, amount); };
  // The same links, in the same order, as the SimGrid route (platform_builder.cpp): out of a's leaf
  // through its site's spine, over both WAN links when the sites differ, into b's leaf.
  const bool cross_leaf = a.leaf != b.leaf, cross_site = a.site != b.site;
  if (a.controller >= 0) up(a.controller);
  if (a.port >= 0) up(a.port);
  if (cross_leaf && a.uplink >= 0) up(a.uplink);
  if (cross_leaf && a.spine >= 0) up(a.spine);
  if (cross_site && a.wan >= 0) up(a.wan);
  if (cross_site && b.wan >= 0) down(b.wan);
  if (cross_leaf && b.spine >= 0) down(b.spine);
  if (cross_leaf && b.uplink >= 0) down(b.uplink);
  if (b.port >= 0) down(b.port);
  if (b.controller >= 0) down(b.controller);
}

namespace {
/** The destage operation in flight on one destage actor, visible to the monitor. */
class DestageProgress : public ProgressSource {
 public:
  explicit DestageProgress(SimContext& ctx) : ctx_(ctx) { ctx_.sources.insert(this); }
  ~DestageProgress() override {
    ctx_.leave(this);
    // The run ended with I/O in flight (a daemon is killed): cancelled, not freed while running,
    // which SimGrid would report with a backtrace on stderr.
    for (auto& [a, t] : inflight_)
      if (!a->test()) a->cancel();
  }
  DestageProgress(const DestageProgress&) = delete;
  DestageProgress& operator=(const DestageProgress&) = delete;
  double sample(size_t bucket) override {
    for (auto& [a, t] : inflight_) (void)ctx_.credit_progress(t, *a, bucket);
    return 0;
  }
  /** An activity of the operation, credited to `t` (a disk or CPU series, or a transfer's links). */
  void start(sg4::ActivityPtr a, Tracked t) {
    ctx_.hold_while_sampling();
    t.last_remaining = t.total;
    inflight_.push_back({std::move(a), t});
    ++ctx_.activities;
  }
  /** Waits for every operation started, crediting what was left at completion. */
  void wait_all() {
    while (!inflight_.empty()) {
      inflight_.front().first->wait();
      ctx_.hold_while_sampling();
      ctx_.credit_completion(inflight_.front().second);
      inflight_.erase(inflight_.begin());
    }
  }

 private:
  SimContext& ctx_;
  std::vector<std::pair<sg4::ActivityPtr, Tracked>> inflight_;
};

/** Whether the enclosure migrates now: from its high-water mark of buffer fill down to its
 *  low-water mark (hysteresis). Marks of 0 (enclosure mode's default) migrate whatever has landed. */
bool migrating(DNodeRuntime& d, const Migration& m) {
  const double fill = d.capacity > 0 ? d.reserved / d.capacity : 0;
  if (fill >= m.high_water) d.migrating = true;
  else if (fill <= m.low_water) d.migrating = false;
  return d.migrating;
}

/** The site's enclosure a C-node migration writes its capacity stripe to: a rotation over the
 *  live ones, so every enclosure takes an equal share of the capacity writes. */
int capacity_target(const SimContext& ctx, int site, long long key) {
  const auto& r = ctx.spec.sites[site].dnodes;
  for (int step = 0; step < r.count; ++step) {
    const int d = r.first + static_cast<int>((key + step) % r.count);
    if (!ctx.dnodes[d].lost) return d;
  }
  return r.first;  // faults are checked at load: a site keeps survivors
}

/** The C-node of `site` that takes the next migration operation: the live one with the fewest
 *  migration bytes in flight (C-nodes pull migration work from a shared queue), ties by rotation. */
int migration_cnode(const SimContext& ctx, int site, long long key) {
  const auto& r = ctx.spec.sites[site].cnodes;
  int best = -1;
  for (int step = 0; step < r.count; ++step) {
    const int c = r.first + static_cast<int>((key + step) % r.count);
    if (!ctx.cnode_lost(c) && (best < 0 || ctx.migrating_bytes[c] < ctx.migrating_bytes[best])) best = c;
  }
  return best;  // faults are checked at load: a site keeps a live C-node
}
}  // namespace

void destage_actor(SimContext& ctx, int dnode) {
  auto& d = ctx.dnodes[dnode];
  const auto& spec = ctx.spec.dnodes[dnode];
  const auto& pr = ctx.spec.sites[spec.site].protection;
  const auto& mig = spec.migration;
  // The buffer holds data and parity strips; only the data part is rewritten to the capacity tier.
  const double data_fraction = double(pr.buffer_data) / pr.buffer_width();
  const double unit = ctx.scenario.model.migration_unit.bytes() > 0 ? ctx.scenario.model.migration_unit.bytes()
                                                                    : spec.destage_unit.bytes();
  const auto& pf = ctx.platform;
  const int series = ctx.disk_series[dnode];
  const double pace = mig.pace.bytes_per_second() / std::max(1, spec.destage_streams);  // per stream
  DestageProgress progress(ctx);
  while (true) {
    double take = 0, stored = 0;
    {
      std::unique_lock lock(*d.mutex);
      auto ready = [&] {
        if (ctx.flush_waiters > 0 && d.landed > 0) return true;  // a step waits for empty buffers
        // A full buffer that writers wait on migrates what has landed: waiting for a whole unit to
        // land there would idle its destage streams while the strips it admitted are in flight.
        return migrating(d, mig) && (d.landed >= unit || (!d.waiters.empty() && d.landed > 0));
      };
      while (!d.lost && !ready()) d.work->wait(lock);
      if (d.lost) return;  // the enclosure is gone (fault): nothing left to destage
      take = std::min(unit, d.landed);
      stored = d.landed_stored * (take / d.landed);  // reduction: landed bytes mix phases, taken pro rata
      d.landed -= take;
      d.landed_stored -= stored;
    }
    if (ctx.result.migration_started_at < 0) ctx.result.migration_started_at = sg4::Engine::get_clock();
    // Read the data strips, (reduce), and write the capacity stripe concurrently (a fluid pipeline, as for clients).
    const double user = take * data_fraction;
    const double stripe = stored * data_fraction * pr.capacity_amplification();
    int c = -1;  // the C-node that runs it (cnodes mode)
    if (mig.mode == Migration::Mode::enclosure) {
      progress.start(pf.ssd_read(pf.buffer[dnode], user), Tracked{series + 0, -1, -1, user, 0, false});
      progress.start(pf.ssd_write(pf.capacity[dnode], stripe), Tracked{series + 3, -1, -1, stripe, 0, false});
    } else {
      // Through a C-node of the site: buffer -> controller -> port -> fabric -> C-node (CPU:
      // reduction, compression, wide-stripe parity) -> fabric -> a target's port -> controller -> QLC.
      const long long key = ctx.migration_counter[spec.site]++;
      c = migration_cnode(ctx, spec.site, key);
      ctx.migrating_bytes[c] += user;
      const int target = capacity_target(ctx, spec.site, key);
      const int from = ctx.dnode_endpoint(dnode), via = ctx.cnode_endpoint(c), to = ctx.dnode_endpoint(target);
      progress.start(sg4::Comm::sendto_async(pf.buffer_ingest[dnode], pf.cnodes[c], static_cast<uint64_t>(user)),
                     Tracked{series + 0, from, via, user, 0, false});
      if (const double cpb = ctx.spec.cnodes[c].migrate_cycles_per_byte; cpb > 0)
        progress.start(BuiltPlatform::cpu_work(pf.cnodes[c], user * cpb, ctx.spec.cnodes[c].cores, BuiltPlatform::kBackground),
                       Tracked{ctx.cpu_series[c], -1, -1, user * cpb, 0, true});
      progress.start(sg4::Comm::sendto_async(pf.cnodes[c], pf.capacity_ingest[target], static_cast<uint64_t>(stripe)),
                     Tracked{ctx.disk_series[target] + 3, via, to, stripe, 0, false});
    }
    if (pace > 0)  // a pacing policy: this stream moves at most pace
      progress.start(pf.timer(user, pace), Tracked{-1, -1, -1, user, 0, true});
    progress.wait_all();
    if (c >= 0) ctx.migrating_bytes[c] -= user;
    ctx.result.migrated += user;
    ctx.result.stored += stored * data_fraction;
    if (!d.lost) ctx.release(dnode, take);
  }
}

}  // namespace podsim
