// Copies between the capacity tier and the object store (docs/data-movement.md): one actor per
// copier, a C-node (storage mover, service-to-service copy) or a copy host, each with a fixed number
// of streams, like the client actor.
// Drain: read on an enclosure -> D-node to C-node -> [C-node to copy host] -> over the spine and the
// WAN to the store. Fetch (pre-staging from the store): store over the WAN and the spine -> [copy
// host to C-node] -> C-node to D-node -> written to the capacity SSDs (a copy tool's large
// sequential files; not via the buffer). With `movement:`, every request then waits its round trip
// before it is acknowledged and its stream takes the next one.
#include <algorithm>

#include "sim/activity_set.hpp"

namespace podsim {
namespace {

constexpr size_t kStartGroups = 16;

class CopyRun : public ProgressSource {
 public:
  CopyRun(SimContext& ctx, PhaseRun& run, int copier)
      : ProgressSource(&run),
        ctx_(ctx),
        run_(run),
        hosts_(run.spec.movement.strategy == MovementStrategy::copy_hosts),
        owner_(copier),
        cnode_(hosts_ ? -1 : copier),
        acts_(ctx) {
    const auto& ph = run.spec;
    remaining_ = ph.per_cnode[owner_].bytes();
    streams_.assign(ph.streams_per_writer, Stream{});
    fraction_.resize(streams_.size());
    round_trip_series_ = ctx_.round_trip_series[static_cast<size_t>(&run.rec - ctx_.result.phases.data())];
    ctx_.sources.insert(this);
  }
  ~CopyRun() override { ctx_.leave(this); }
  CopyRun(const CopyRun&) = delete;
  CopyRun& operator=(const CopyRun&) = delete;

  double sample(size_t bucket) override {
    acts_.sample(bucket, fraction_);
    double in_flight = 0;
    for (size_t s = 0; s < streams_.size(); ++s)
      if (streams_[s].pending > 0) in_flight += streams_[s].chunk * (streams_[s].in_round_trip ? 1.0 : fraction_[s]);
    return in_flight;
  }

  /** Copies its share, holding chunks while the WAN is down; if its C-node is lost, the share moves
   *  to a survivor after the failover (chunks in flight are copied again). */
  void run() {
    if (!hosts_ && ctx_.cnode_lost(cnode_)) cnode_ = ctx_.live_cnode(cnode_, owner_);
    // With round trips, the phase's streams start spread over one of them, as a copy tool opens its
    // connections one after another: started together, equal shares would keep them in lockstep, every
    // stream waiting out the same round trip while the link idles (88 % of the WAN on Design 1).
    // kStartGroups start times, not one per stream: equal shares keep a group together, so the engine
    // sees a few completions per round instead of one per stream. Measured on Design 1's drains
    // (900 streams, 64 MiB, 40-80 ms): 64 groups move completion by < 0.01 % against 16 at twice the
    // wall time; 4 groups are 5 % slow on the service copy's 80 ms round trip.
    const double rtt = run_.spec.movement.round_trip.seconds();
    const size_t all = run_.spec.per_cnode.size() * streams_.size();
    const size_t groups = std::min(all, kStartGroups);
    for (size_t s = 0; s < streams_.size(); ++s) {
      const size_t group = (owner_ * streams_.size() + s) % groups;
      const double offset = rtt * double(group) / double(groups);
      if (offset > 0) held_.hold(now() + offset, static_cast<int>(s));
      else next_chunk(static_cast<int>(s));
    }
    while (!acts_.empty() || !held_.empty()) {
      while (const auto i = faults_.take_due()) fault(*i);
      for (int s; (s = held_.take_due()) >= 0;) next_chunk(s);
      const auto t = acts_.wait_until(std::min(held_.next(), faults_.next()));
      if (!t) continue;
      ctx_.credit_completion(t->t);
      auto& st = streams_[t->stream];
      if (--st.pending > 0) continue;
      if (const double rtt = run_.spec.movement.round_trip.seconds(); rtt > 0 && !st.in_round_trip) {
        st.in_round_trip = true;  // the bytes moved; the request's response is still on its way
        st.pending = 1;
        acts_.round_trip(t->stream, round_trip_series_, rtt);
        continue;
      }
      st.in_round_trip = false;
      run_.acked += st.chunk;
      next_chunk(t->stream);
    }
    run_.rec.writer_done[owner_] = now() - run_.rec.start;
  }

 private:
  struct Stream {
    double chunk = 0;
    int pending = 0;
    bool in_round_trip = false;
  };

  static double now() { return sg4::Engine::get_clock(); }

  void fault(size_t i) {
    const auto& f = ctx_.scenario.faults[i];
    // A copy host picks a live C-node for each chunk; a C-node copier moves to a survivor.
    if (hosts_ || f.kind != FaultKind::cnode_loss || f.cnode != cnode_) return;
    auto& rec = ctx_.result.faults[i];
    cnode_ = ctx_.live_cnode(cnode_, owner_);
    for (size_t s = 0; s < streams_.size(); ++s) {
      auto& st = streams_[s];
      ++rec.moved_streams;
      if (st.pending == 0) continue;  // held for the WAN: it restarts on the survivor
      (void)acts_.cancel(static_cast<int>(s), [](const ActivityTag&) { return true; });
      remaining_ += st.chunk;
      rec.retried += st.chunk;
      st.pending = 0;
      st.in_round_trip = false;
      held_.hold((f.at + f.failover).seconds(), static_cast<int>(s));
    }
  }

  /** The C-node that serves a copy host's next chunk: a rotation over the site's live C-nodes. */
  int serving_cnode(int site) {
    const auto& r = ctx_.spec.sites[site].cnodes;
    const int c = r.first + static_cast<int>(ctx_.serve_counter[site]++ % r.count);
    return ctx_.cnode_lost(c) ? ctx_.live_cnode(c, ctx_.serve_counter[site]) : c;
  }

  void next_chunk(int s) {
    auto& st = streams_[s];
    if (remaining_ <= 0.5) return;
    const int me = hosts_ ? ctx_.copy_host_endpoint(owner_) : ctx_.cnode_endpoint(cnode_);
    const int store = ctx_.object_store_endpoint();
    if (const double back = ctx_.route_back_at(me, store); back > 0) {  // the WAN is down: wait for it
      held_.hold(back, s);
      return;
    }
    st.chunk = std::min(run_.spec.chunk.bytes(), remaining_);
    remaining_ -= st.chunk;
    const int site = hosts_ ? ctx_.spec.copy_hosts[owner_].site : ctx_.spec.cnodes[cnode_].site;
    const int via = hosts_ ? serving_cnode(site) : cnode_;  // the C-node the local bytes pass through
    const int local = ctx_.cnode_endpoint(via);
    int d = ctx_.next_read_dnode(site);
    if (ctx_.dnodes[d].lost) d = ctx_.next_survivor(site);  // a copy tool reads (and writes) what survives
    const bool fetch = run_.spec.kind == PhaseKind::object_store_fetch;
    st.pending = hosts_ ? 4 : 3;
    if (fetch) {
      // The C-node erasure-codes the chunk: data and parity cross to the enclosure and land on its SSDs.
      const double stripe = st.chunk * ctx_.spec.sites[site].protection.capacity_amplification();
      acts_.send(s, store, me, st.chunk);
      if (hosts_) acts_.send(s, me, local, st.chunk);
      acts_.send(s, local, ctx_.dnode_endpoint(d), stripe);
      acts_.write_capacity(s, d, stripe);
    } else {
      acts_.read_capacity(s, d, st.chunk);
      acts_.send(s, ctx_.dnode_endpoint(d), local, st.chunk);
      if (hosts_) acts_.send(s, local, me, st.chunk);
      acts_.send(s, me, store, st.chunk);
    }
    const auto& c = ctx_.spec.cnodes[via];
    const auto& mv = run_.spec.movement;
    // The C-node serves the local side; whoever talks to the store pays its HTTPS work per byte
    // (a copy host's own figure, else the store model's), when `movement:` asks for it.
    double cpb = fetch ? c.write_cycles_per_byte : c.read_cycles_per_byte;
    if (mv.given && !hosts_ && ctx_.scenario.layout.object_store)
      cpb += ctx_.scenario.layout.object_store->model.https_cycles_per_byte;
    if (cpb > 0) {
      acts_.compute(s, via, st.chunk * cpb, 1);
      ++st.pending;
    }
    if (hosts_) {
      const auto& h = ctx_.spec.copy_hosts[owner_];
      if (const double hc = fetch ? h.download_cycles_per_byte : h.upload_cycles_per_byte; hc > 0) {
        acts_.compute_on(s, ctx_.platform.copy_hosts[owner_], ctx_.copy_host_cpu_series[owner_], st.chunk * hc, 1);
        ++st.pending;
      }
    }
  }

  SimContext& ctx_;
  PhaseRun& run_;
  bool hosts_;  ///< the copier is a copy host (else a C-node)
  int owner_;   ///< the copier whose share this is (its record): a C-node, or a copy host
  int cnode_;   ///< a C-node copier: the C-node copying its share, a survivor once the owner is lost
  int round_trip_series_ = -1;
  double remaining_ = 0;
  std::vector<Stream> streams_;
  std::vector<double> fraction_;
  ActivitySet acts_;
  FaultCursor faults_{ctx_.scenario.faults};
  HeldStreams held_;  ///< streams waiting for the WAN or for a failover's end
};

}  // namespace

void cnode_copy_actor(SimContext& ctx, PhaseRun& run, int copier) { CopyRun(ctx, run, copier).run(); }

}  // namespace podsim
