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
  if (d.reserved < 1e-6) d.reserved = 0;
  while (!d.waiters.empty() && d.reserved + d.waiters.front().bytes <= d.capacity) {
    auto w = d.waiters.front();
    d.waiters.pop_front();
    d.reserved += w.bytes;
    // A zero-byte credit message: wakes the client's wait_any and costs one route latency.
    admission_box[w.client]->put_init(new Admission{w.stream, dnode, w.bytes}, 0)->detach();
  }
  if (d.reserved == 0) drained->notify_all();
}

void SimContext::account_transfer(int src, int dst, double t0, double t1, double bytes) {
  const Endpoint& a = endpoints[src];
  const Endpoint& b = endpoints[dst];
  auto up = [&](int link) { account(link_series[link], t0, t1, bytes); };
  auto down = [&](int link) { account(link_series[link] + 1, t0, t1, bytes); };
  if (a.controller >= 0) up(a.controller);
  up(a.port);
  if (a.leaf != b.leaf) {
    up(a.uplink);
    up(spec.spine);
    down(spec.spine);
    down(b.uplink);
  }
  down(b.port);
  if (b.controller >= 0) down(b.controller);
}

void destage_actor(SimContext& ctx, int dnode) {
  auto& d = ctx.dnodes[dnode];
  const auto& spec = ctx.spec.dnodes[dnode];
  const auto& pr = ctx.spec.protection;
  // The buffer holds data and parity strips; only the data part is rewritten to the capacity tier.
  const double data_fraction = double(pr.buffer_data) / pr.buffer_width();
  const double unit = spec.destage_unit.bytes();
  auto* buffer = ctx.platform.buffer[dnode];
  auto* capacity = ctx.platform.capacity[dnode];
  const int series = ctx.disk_series[dnode];
  while (true) {
    double take = 0;
    {
      std::unique_lock lock(*d.mutex);
      while (d.landed < unit && !(ctx.flushing && d.landed > 0)) d.work->wait(lock);
      take = std::min(unit, d.landed);
      d.landed -= take;
    }
    // Read the data strips and write the capacity stripe concurrently (a fluid pipeline, as for clients).
    const double user = take * data_fraction;
    const double stripe = user * pr.capacity_amplification();
    const double t0 = sg4::Engine::get_clock();
    auto read = buffer->read_async(static_cast<sg_size_t>(user));
    auto write = capacity->write_async(static_cast<sg_size_t>(stripe));
    read->wait();
    ctx.account(series + 0, t0, sg4::Engine::get_clock(), user);
    write->wait();
    ctx.account(series + 3, t0, sg4::Engine::get_clock(), stripe);
    ctx.activities += 2;
    ctx.release(dnode, take);
  }
}

}  // namespace podsim
