// A drain phase: each C-node copies its share of a checkpoint from its site's capacity tier to the
// object store (read on an enclosure -> D-node to C-node -> C-node over the spine and the WAN to the
// store), with a fixed number of copy streams; one actor per C-node, like the client actor.
#include <algorithm>

#include "sim/activity_set.hpp"

namespace podsim {
namespace {

class DrainRun : public ProgressSource {
 public:
  DrainRun(SimContext& ctx, int cnode) : ctx_(ctx), cnode_(cnode), acts_(ctx) {
    const auto& ph = *ctx.phase_spec;
    remaining_ = ph.per_cnode[cnode].bytes();
    streams_.assign(ph.streams_per_writer, Stream{});
    fraction_.resize(streams_.size());
    ctx_.sources.insert(this);
  }
  ~DrainRun() override { ctx_.sources.erase(this); }
  DrainRun(const DrainRun&) = delete;
  DrainRun& operator=(const DrainRun&) = delete;

  double sample(size_t bucket) override {
    acts_.sample(bucket, fraction_);
    double in_flight = 0;
    for (size_t s = 0; s < streams_.size(); ++s)
      if (streams_[s].pending > 0) in_flight += streams_[s].chunk * fraction_[s];
    return in_flight;
  }

  void run() {
    for (size_t s = 0; s < streams_.size(); ++s) next_chunk(static_cast<int>(s));
    while (!acts_.empty()) {
      auto t = acts_.wait_any();
      ctx_.credit_completion(t.t);
      auto& st = streams_[t.stream];
      if (--st.pending > 0) continue;
      ctx_.acked += st.chunk;
      next_chunk(t.stream);
    }
    ctx_.phase->writer_done[cnode_] = sg4::Engine::get_clock() - ctx_.phase->start;
  }

 private:
  struct Stream {
    double chunk = 0;
    int pending = 0;
  };

  void next_chunk(int s) {
    auto& st = streams_[s];
    if (remaining_ <= 0.5) return;
    st.chunk = std::min(ctx_.phase_spec->chunk.bytes(), remaining_);
    remaining_ -= st.chunk;
    const int d = ctx_.next_read_dnode(ctx_.spec.cnodes[cnode_].site);
    const int me = ctx_.cnode_endpoint(cnode_);
    st.pending = 3;
    acts_.read_capacity(s, d, st.chunk);
    acts_.send(s, ctx_.dnode_endpoint(d), me, st.chunk);
    acts_.send(s, me, ctx_.object_store_endpoint(), st.chunk);
    const double cpb = ctx_.spec.cnodes[cnode_].read_cycles_per_byte;
    if (cpb > 0) {
      acts_.compute(s, cnode_, st.chunk * cpb, 1);
      ++st.pending;
    }
  }

  SimContext& ctx_;
  int cnode_;
  double remaining_ = 0;
  std::vector<Stream> streams_;
  std::vector<double> fraction_;
  ActivitySet acts_;
};

}  // namespace

void drain_actor(SimContext& ctx, int cnode) { DrainRun(ctx, cnode).run(); }

}  // namespace podsim
