// Applies a scenario's faults at their simulated times. Link faults change link capacities (a link
// that is down runs at 1 B/s: SimGrid 3.32 reads a zero bandwidth as "unconstrained"); storage
// losses mark the enclosure, move the strips queued on it and start a rebuild; a C-node loss marks
// the node (clients fail over by themselves, sim/client_actor.cpp, since they know the fault times).
#include <algorithm>
#include <stdexcept>
#include <string>

#include "sim/activity_set.hpp"

namespace podsim {

int SimContext::next_survivor(int site) {
  const auto& r = spec.sites[site].dnodes;
  for (int step = 0; step < r.count; ++step) {
    const int d = r.first + static_cast<int>(survivor_counter[site]++ % r.count);
    if (!dnodes[d].lost) return d;
  }
  throw std::logic_error("no surviving enclosure in site " + std::to_string(site));  // faults are checked at load
}

double SimContext::route_back_at(int src, int dst) const {
  const Endpoint& a = endpoints[src];
  const Endpoint& b = endpoints[dst];
  const bool cross_leaf = a.leaf != b.leaf, cross_site = a.site != b.site;  // as in credit()
  double back = 0;
  for (int l : {a.port, b.port})
    if (l >= 0) back = std::max(back, link_back_at[l]);
  for (int l : {a.uplink, b.uplink})
    if (cross_leaf && l >= 0) back = std::max(back, link_back_at[l]);
  for (int l : {a.wan, b.wan})
    if (cross_site && l >= 0) back = std::max(back, link_back_at[l]);
  return back > sg4::Engine::get_clock() ? back : 0;
}

int SimContext::live_cnode(int cnode, long long key) const {
  const auto& r = spec.sites[spec.cnodes[cnode].site].cnodes;
  std::vector<int> live;
  for (int c = r.first; c < r.end(); ++c)
    if (!cnode_lost(c)) live.push_back(c);
  return live[static_cast<size_t>(key % static_cast<long long>(live.size()))];
}

namespace {

constexpr double kDownBandwidth = 1.0;  // B/s: a link that is down (see above)

/** Reconstructs a lost enclosure's (or SSDs') data: survivors -> C-node (decode) -> spare space. */
class RebuildRun : public ProgressSource {
 public:
  RebuildRun(SimContext& ctx, const FaultSpec& f, FaultRecord& rec)
      : ctx_(ctx), f_(f), rec_(rec), acts_(ctx), remaining_(f.rebuild.data.bytes()) {
    streams_.resize(static_cast<size_t>(f.rebuild.streams));
    fraction_.resize(streams_.size());
    ctx_.sources.insert(this);
  }
  ~RebuildRun() override { ctx_.leave(this); }
  RebuildRun(const RebuildRun&) = delete;
  RebuildRun& operator=(const RebuildRun&) = delete;

  double sample(size_t bucket) override {
    acts_.sample(bucket, fraction_);
    return 0;
  }

  void run() {
    rec_.rebuild_start = sg4::Engine::get_clock();
    for (size_t s = 0; s < streams_.size(); ++s) next_unit(static_cast<int>(s));
    while (!acts_.empty()) {
      auto t = acts_.wait_any();
      ctx_.credit_completion(t.t);
      auto& st = streams_[t.stream];
      if (--st.pending > 0) continue;
      rec_.rebuilt += st.unit;
      next_unit(t.stream);
    }
    rec_.rebuild_end = sg4::Engine::get_clock();
    // Rebuilt: its data reads normally again (from the survivors that now hold it).
    ctx_.dnodes[f_.dnode].degraded_share = 0;
  }

 private:
  struct Stream {
    double unit = 0;
    int pending = 0;
  };

  void next_unit(int s) {
    auto& st = streams_[s];
    if (remaining_ <= 0.5) return;
    st.unit = std::min(f_.rebuild.unit.bytes(), remaining_);
    remaining_ -= st.unit;
    // Declustered: a unit's sources and targets rotate over every survivor of the site. An SSD loss
    // rebuilds into the enclosure's own surviving SSDs; an enclosure loss into the survivors' spare space.
    const int source = ctx_.next_survivor(f_.site);
    const int target = f_.kind == FaultKind::ssd_loss ? f_.dnode : ctx_.next_survivor(f_.site);
    const int cnode = ctx_.live_cnode(ctx_.spec.sites[f_.site].cnodes.first, s);
    const int c = ctx_.cnode_endpoint(cnode);
    const double read = st.unit * f_.rebuild.read_amplification;
    const auto& ingest = ctx_.platform.capacity_ingest;
    if (ingest[static_cast<size_t>(source)] && ingest[static_cast<size_t>(target)]) {
      // The platform pipes capacity SSDs and enclosure ports together (C-node migration's): the
      // read and its transfer are one flow, as are the transfer and the write.
      acts_.read_capacity_to(s, source, c, read);
      acts_.write_capacity_from(s, c, target, st.unit);
      st.pending = 3;
    } else {
      acts_.read_capacity(s, source, read);
      acts_.send(s, ctx_.dnode_endpoint(source), c, read);
      acts_.send(s, c, ctx_.dnode_endpoint(target), st.unit);
      acts_.write_capacity(s, target, st.unit);
      st.pending = 5;
    }
    acts_.stream_cap(s, st.unit, f_.rebuild.rate.bytes_per_second() / static_cast<double>(streams_.size()));
    // Decoding costs the C-node what serving the rebuilt bytes would (its read cycles per byte).
    if (const double cpb = ctx_.spec.cnodes[cnode].read_cycles_per_byte; cpb > 0) {
      acts_.compute(s, cnode, st.unit * cpb, 1);
      ++st.pending;
    }
  }

  SimContext& ctx_;
  const FaultSpec& f_;
  FaultRecord& rec_;
  ActivitySet acts_;
  double remaining_;
  std::vector<Stream> streams_;
  std::vector<double> fraction_;
};

/** The enclosure is gone: strips queued on it move to survivors; its destage stops. */
void lose_enclosure(SimContext& ctx, const FaultSpec& f, FaultRecord& rec) {
  auto& d = ctx.dnodes[f.dnode];
  d.fault = static_cast<int>(&f - ctx.scenario.faults.data());
  d.lost = true;
  d.reduced_writes = f.writes == DegradedWrites::reduced;
  d.degraded_share = 1;
  d.read_amplification = f.rebuild.read_amplification;
  d.capacity = 0;
  d.reserved = 0;
  d.landed = 0;
  d.landed_stored = 0;
  // Full protection: new stripes leave it out of placement, so its share goes to every survivor.
  // Reduced: stripes keep drawing it and omit its strip (one parity strip fewer).
  const auto& site = ctx.spec.sites[f.site];
  if (!d.reduced_writes) ctx.placement[static_cast<size_t>(f.site)].remove(f.dnode - site.dnodes.first);
  std::deque<BufferWaiter> queued;
  std::swap(queued, d.waiters);
  for (const auto& w : queued) {
    const int to = ctx.next_survivor(f.site);
    ++rec.redirected_strips;
    if (ctx.reserve(to, w))
      ctx.admission_box[w.client]->put_init(new Admission{w.stream, to, w.bytes, w.epoch}, 0)->detach();
  }
  d.work->notify_all();
  ctx.drained->notify_all();
}

/** Lost capacity SSDs: the enclosure's capacity tier slows by their share; their data is reconstructed. */
void lose_ssds(SimContext& ctx, const FaultSpec& f) {
  auto& d = ctx.dnodes[f.dnode];
  d.fault = static_cast<int>(&f - ctx.scenario.faults.data());
  d.degraded_share = f.lost_share;
  d.read_amplification = f.rebuild.read_amplification;
  const auto& spec = ctx.spec.dnodes[f.dnode];
  const auto& tier = ctx.platform.capacity[f.dnode];
  const double read = spec.capacity_read.bytes_per_second() * (1 - f.lost_share);
  const double write = spec.capacity_write.bytes_per_second() * (1 - f.lost_share);
  tier.read->set_bandwidth(read);
  tier.write->set_bandwidth(write);
  tier.shared->set_bandwidth(std::max(read, write));
}

struct Event {
  double time;
  size_t fault;
  bool begins;
};

}  // namespace

void fault_actor(SimContext& ctx) {
  const auto& faults = ctx.scenario.faults;
  std::vector<Event> events;
  for (size_t i = 0; i < faults.size(); ++i) {
    events.push_back({faults[i].at.seconds(), i, true});
    if (faults[i].until) events.push_back({faults[i].until->seconds(), i, false});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.time < b.time; });
  // Capacity left on each link: the product of the shares its active faults leave.
  std::vector<std::vector<double>> active(ctx.spec.links.size());
  auto set_link = [&ctx, &active](int l) {
    double share = 1;
    for (double s : active[l]) share *= s;
    const auto& spec = ctx.spec.links[l];
    ctx.platform.link_up[l]->set_bandwidth(std::max(kDownBandwidth, spec.up.bytes_per_second() * share));
    ctx.platform.link_down[l]->set_bandwidth(std::max(kDownBandwidth, spec.down.bytes_per_second() * share));
  };
  for (const auto& e : events) {
    sg4::this_actor::sleep_until(e.time);
    const auto& f = faults[e.fault];
    auto& rec = ctx.result.faults[e.fault];
    if (e.begins) rec.at = sg4::Engine::get_clock();
    switch (f.kind) {
      case FaultKind::link_loss:
      case FaultKind::leaf_loss:
      case FaultKind::wan_outage:
        for (int l : f.links) {
          auto& a = active[l];
          if (e.begins) a.push_back(f.remaining);
          else a.erase(std::find(a.begin(), a.end(), f.remaining));
          set_link(l);
          // Down: actors hold new chunks on routes through it until it is back (see SimContext::route_back_at).
          auto& back = ctx.link_back_at[l];
          back = 0;
          for (size_t j = 0; j < faults.size(); ++j)
            if (faults[j].remaining == 0 && faults[j].at.seconds() <= e.time && faults[j].until->seconds() > e.time &&
                std::find(faults[j].links.begin(), faults[j].links.end(), l) != faults[j].links.end())
              back = std::max(back, faults[j].until->seconds());
        }
        break;
      case FaultKind::cnode_loss: break;  // its clients and copies move by themselves (SimContext::cnode_lost)
      case FaultKind::enclosure_loss:
      case FaultKind::ssd_loss:
        if (f.kind == FaultKind::enclosure_loss) lose_enclosure(ctx, f, rec);
        else lose_ssds(ctx, f);
        // Not a daemon: the run goes on until the rebuild ends, so its time is always measured.
        sg4::Actor::create("rebuild-" + f.target, ctx.platform.controller, [&ctx, &f, &rec] {
          sg4::this_actor::sleep_for(f.rebuild.delay.seconds());
          RebuildRun(ctx, f, rec).run();
        });
        break;
    }
  }
}

}  // namespace podsim
