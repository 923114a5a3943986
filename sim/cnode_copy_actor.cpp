// Copies between the capacity tier and the object store, run by the C-nodes with a fixed number of
// copy streams each; one actor per C-node, like the client actor.
// Drain: read on an enclosure -> D-node to C-node -> C-node over the spine and the WAN to the store.
// Fetch (pre-staging from the store): store over the WAN and the spine to the C-node -> C-node to
// D-node -> written to the capacity SSDs (a copy tool's large sequential files; not via the buffer).
#include <algorithm>

#include "sim/activity_set.hpp"

namespace podsim {
namespace {

class CopyRun : public ProgressSource {
 public:
  CopyRun(SimContext& ctx, PhaseRun& run, int cnode)
      : ProgressSource(&run), ctx_(ctx), run_(run), owner_(cnode), cnode_(cnode), acts_(ctx) {
    const auto& ph = run.spec;
    remaining_ = ph.per_cnode[owner_].bytes();
    streams_.assign(ph.streams_per_writer, Stream{});
    fraction_.resize(streams_.size());
    ctx_.sources.insert(this);
  }
  ~CopyRun() override { ctx_.leave(this); }
  CopyRun(const CopyRun&) = delete;
  CopyRun& operator=(const CopyRun&) = delete;

  double sample(size_t bucket) override {
    acts_.sample(bucket, fraction_);
    double in_flight = 0;
    for (size_t s = 0; s < streams_.size(); ++s)
      if (streams_[s].pending > 0) in_flight += streams_[s].chunk * fraction_[s];
    return in_flight;
  }

  /** Copies its share, holding chunks while the WAN is down; if its C-node is lost, the share moves
   *  to a survivor after the failover (chunks in flight are copied again). */
  void run() {
    if (ctx_.cnode_lost(cnode_)) cnode_ = ctx_.live_cnode(cnode_, owner_);
    for (size_t s = 0; s < streams_.size(); ++s) next_chunk(static_cast<int>(s));
    while (!acts_.empty() || !held_.empty()) {
      while (const auto i = faults_.take_due()) fault(*i);
      for (int s; (s = held_.take_due()) >= 0;) next_chunk(s);
      const auto t = acts_.wait_until(std::min(held_.next(), faults_.next()));
      if (!t) continue;
      ctx_.credit_completion(t->t);
      auto& st = streams_[t->stream];
      if (--st.pending > 0) continue;
      run_.acked += st.chunk;
      next_chunk(t->stream);
    }
    run_.rec.writer_done[owner_] = now() - run_.rec.start;
  }

 private:
  struct Stream {
    double chunk = 0;
    int pending = 0;
  };

  static double now() { return sg4::Engine::get_clock(); }

  void fault(size_t i) {
    const auto& f = ctx_.scenario.faults[i];
    if (f.kind != FaultKind::cnode_loss || f.cnode != cnode_) return;
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
      held_.hold((f.at + f.failover).seconds(), static_cast<int>(s));
    }
  }

  void next_chunk(int s) {
    auto& st = streams_[s];
    if (remaining_ <= 0.5) return;
    const int me = ctx_.cnode_endpoint(cnode_), store = ctx_.object_store_endpoint();
    if (const double back = ctx_.route_back_at(me, store); back > 0) {  // the WAN is down: wait for it
      held_.hold(back, s);
      return;
    }
    st.chunk = std::min(run_.spec.chunk.bytes(), remaining_);
    remaining_ -= st.chunk;
    int d = ctx_.next_read_dnode(ctx_.spec.cnodes[cnode_].site);
    if (ctx_.dnodes[d].lost) d = ctx_.next_survivor(ctx_.spec.cnodes[cnode_].site);  // a copy tool reads (and writes) what survives
    const bool fetch = run_.spec.kind == PhaseKind::object_store_fetch;
    st.pending = 3;
    if (fetch) {
      // The C-node erasure-codes the chunk: data and parity cross to the enclosure and land on its SSDs.
      const double stripe = st.chunk * ctx_.spec.sites[ctx_.spec.cnodes[cnode_].site].protection.capacity_amplification();
      acts_.send(s, store, me, st.chunk);
      acts_.send(s, me, ctx_.dnode_endpoint(d), stripe);
      acts_.write_capacity(s, d, stripe);
    } else {
      acts_.read_capacity(s, d, st.chunk);
      acts_.send(s, ctx_.dnode_endpoint(d), me, st.chunk);
      acts_.send(s, me, store, st.chunk);
    }
    const auto& c = ctx_.spec.cnodes[cnode_];
    const double cpb = fetch ? c.write_cycles_per_byte : c.read_cycles_per_byte;
    if (cpb > 0) {
      acts_.compute(s, cnode_, st.chunk * cpb, 1);
      ++st.pending;
    }
  }

  SimContext& ctx_;
  PhaseRun& run_;
  int owner_;  ///< the C-node whose share this is (its record)
  int cnode_;  ///< the C-node copying it: a survivor once the owner is lost
  double remaining_ = 0;
  std::vector<Stream> streams_;
  std::vector<double> fraction_;
  ActivitySet acts_;
  FaultCursor faults_{ctx_.scenario.faults};
  HeldStreams held_;  ///< streams waiting for the WAN or for a failover's end
};

}  // namespace

void cnode_copy_actor(SimContext& ctx, PhaseRun& run, int cnode) { CopyRun(ctx, run, cnode).run(); }

}  // namespace podsim
