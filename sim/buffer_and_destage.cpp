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
    for (auto& [io, t] : inflight_)
      if (!io->test()) io->cancel();
  }
  DestageProgress(const DestageProgress&) = delete;
  DestageProgress& operator=(const DestageProgress&) = delete;
  double sample(size_t bucket) override {
    for (auto& [io, t] : inflight_) (void)ctx_.credit_progress(t, *io, bucket);
    return 0;
  }
  void start(sg4::CommPtr io, int series, double amount) {
    ctx_.hold_while_sampling();
    inflight_.push_back({std::move(io), Tracked{series, -1, -1, amount, amount, false}});
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
  std::vector<std::pair<sg4::CommPtr, Tracked>> inflight_;
};
}  // namespace

void destage_actor(SimContext& ctx, int dnode) {
  auto& d = ctx.dnodes[dnode];
  const auto& spec = ctx.spec.dnodes[dnode];
  const auto& pr = ctx.spec.sites[spec.site].protection;
  // The buffer holds data and parity strips; only the data part is rewritten to the capacity tier.
  const double data_fraction = double(pr.buffer_data) / pr.buffer_width();
  const double unit = spec.destage_unit.bytes();
  const auto& pf = ctx.platform;
  const int series = ctx.disk_series[dnode];
  DestageProgress progress(ctx);
  while (true) {
    double take = 0;
    {
      std::unique_lock lock(*d.mutex);
      while (!d.lost && d.landed < unit && !(ctx.flush_waiters > 0 && d.landed > 0)) d.work->wait(lock);
      if (d.lost) return;  // the enclosure is gone (fault): nothing left to destage
      take = std::min(unit, d.landed);
      d.landed -= take;
    }
    // Read the data strips and write the capacity stripe concurrently (a fluid pipeline, as for clients).
    const double user = take * data_fraction;
    const double stripe = user * pr.capacity_amplification();
    progress.start(pf.ssd_read(pf.buffer[dnode], user), series + 0, user);
    progress.start(pf.ssd_write(pf.capacity[dnode], stripe), series + 3, stripe);
    progress.wait_all();
    ctx.activities += 2;
    if (!d.lost) ctx.release(dnode, take);
  }
}

}  // namespace podsim
