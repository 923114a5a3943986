// A client node's writers (checkpoint) or readers (pre-staging), as a state machine over async
// activities: one actor per node, not per stream, so 10k nodes x 8 streams stay cheap.
//
// Fluid pipeline: the stages of one chunk (client -> C-node transfer, C-node CPU work, and per
// buffer strip the C-node -> D-node transfer and the SSD write) run concurrently, each at the
// share max-min fairness gives it; the chunk completes when its slowest stage does. Real RDMA
// data paths are cut-through, so a stream's rate is its slowest stage's, not the sum of the stage
// times a store-and-forward chain would give (docs/simgrid-model.md).
#include <algorithm>

#include "sim/sim_context.hpp"

namespace podsim {
namespace {

struct Tag {
  int stream;  ///< -1 for the admission message
  int dnode;   ///< the enclosure of a buffer-strip write (its landing feeds destage), else -1
  Tracked t;   ///< where the activity's amount is credited
};

struct Stream {
  std::vector<int> writers;  ///< ranks whose bytes this flow carries (several when merged)
  int cnode;
  double remaining;
  int width = 1;  ///< streams merged into this flow: it moves width chunks per step on width cores
  double chunk = 0;
  int pending = 0;  ///< activities of the current chunk not yet complete (or not yet admitted)
  int waiting = 0;  ///< strips of the current chunk waiting for buffer space
};

class ClientRun : public ProgressSource {
 public:
  ClientRun(SimContext& ctx, int client, int first_writer)
      : ctx_(ctx), ph_(*ctx.phase_spec), client_(client), first_writer_(first_writer),
        host_(ctx.platform.clients[client]) {
    int writers = ph_.writers_on_client[client];
    writer_streams_left_.assign(writers, 0);
    const double per_stream = ph_.per_writer.bytes() / ph_.streams_per_writer;
    const int cnodes = static_cast<int>(ctx.spec.cnodes.size());
    const bool merge = ctx.scenario.model.merge_writer_flows;
    std::vector<int> flow_of_cnode(merge ? cnodes : 0, -1);
    for (int w = 0; w < writers; ++w)
      for (int s = 0; s < ph_.streams_per_writer; ++s) {
        int c = cnode_for(ctx.scenario.placement, client, w * ph_.streams_per_writer + s, cnodes);
        if (merge && flow_of_cnode[c] >= 0) {
          auto& f = streams_[flow_of_cnode[c]];
          f.remaining += per_stream;
          ++f.width;
          if (f.writers.back() != w) {
            f.writers.push_back(w);
            ++writer_streams_left_[w];
          }
          continue;
        }
        if (merge) flow_of_cnode[c] = static_cast<int>(streams_.size());
        streams_.push_back({{w}, c, per_stream});
        ++writer_streams_left_[w];
      }
    ctx_.sources.insert(this);
  }
  ~ClientRun() override { ctx_.sources.erase(this); }
  ClientRun(const ClientRun&) = delete;
  ClientRun& operator=(const ClientRun&) = delete;

  /** Credits each activity's progress; a chunk in flight counts as far as its slowest stage got. */
  double sample(size_t bucket) override {
    chunk_fraction_.assign(streams_.size(), 1.0);
    for (size_t i = 0; i < acts_.size(); ++i) {
      auto& tag = tags_[i];
      if (tag.stream < 0) continue;
      double rem = ctx_.credit_progress(tag.t, *acts_[i], bucket);
      double done = tag.t.total > 0 ? 1 - rem / tag.t.total : 1;
      chunk_fraction_[tag.stream] = std::min(chunk_fraction_[tag.stream], done);
    }
    double in_flight = 0;
    for (size_t s = 0; s < streams_.size(); ++s)
      if (streams_[s].pending > 0 && streams_[s].waiting == 0) in_flight += streams_[s].chunk * chunk_fraction_[s];
    return in_flight;
  }

  void run() {
    for (size_t s = 0; s < streams_.size(); ++s) next_chunk(static_cast<int>(s));
    while (!acts_.empty()) {
      auto i = static_cast<size_t>(sg4::Activity::wait_any(acts_));
      Tag tag = tags_[i];
      acts_[i] = std::move(acts_.back());
      tags_[i] = tags_.back();
      acts_.pop_back();
      tags_.pop_back();
      completed(tag);
    }
  }

 private:
  static double now() { return sg4::Engine::get_clock(); }

  void add(sg4::ActivityPtr a, int stream, int dnode, Tracked t) {
    t.last_remaining = t.total;
    add(std::move(a), Tag{stream, dnode, t});
  }
  void add(sg4::ActivityPtr a, Tag t) {
    acts_.push_back(std::move(a));
    tags_.push_back(t);
    ++ctx_.activities;
  }
  void send(int s, int from, int to, double bytes) {
    add(sg4::Comm::sendto_async(ctx_.host_of(from), ctx_.host_of(to), static_cast<uint64_t>(bytes)),
        s, -1, Tracked{-1, from, to, bytes, 0, false});
  }
  void compute(int s, double cycles_per_byte) {
    const auto& st = streams_[s];
    if (cycles_per_byte <= 0) return;
    double cycles = st.chunk * cycles_per_byte;
    add(sg4::Exec::init()
            ->set_flops_amount(cycles / st.width)
            ->set_thread_count(st.width)
            ->set_host(ctx_.platform.cnodes[st.cnode])
            ->start(),
        s, -1, Tracked{ctx_.cpu_series[st.cnode], -1, -1, cycles, 0, true});
    ++streams_[s].pending;
  }

  void next_chunk(int s) {
    auto& st = streams_[s];
    if (st.remaining <= 0.5) {
      for (int w : st.writers)
        if (--writer_streams_left_[w] == 0) ctx_.phase->writer_done[first_writer_ + w] = now() - ctx_.phase->start;
      return;
    }
    st.chunk = std::min(ph_.chunk.bytes() * st.width, st.remaining);
    st.remaining -= st.chunk;
    const int me = ctx_.client_endpoint(client_), cnode = ctx_.cnode_endpoint(st.cnode);
    if (ph_.kind == PhaseKind::checkpoint_write) {
      st.pending = 1;
      send(s, me, cnode, st.chunk);
      compute(s, ctx_.spec.cnodes[st.cnode].write_cycles_per_byte);
      start_strips(s);
    } else {
      // The chunk is read from one enclosure; successive chunks rotate over all of them.
      int d = static_cast<int>(ctx_.read_counter++ % ctx_.spec.dnodes.size());
      st.pending = 3;
      add(ctx_.platform.capacity[d]->read_async(static_cast<sg_size_t>(st.chunk)),
          s, -1, Tracked{ctx_.disk_series[d] + 2, -1, -1, st.chunk, 0, false});
      send(s, ctx_.dnode_endpoint(d), cnode, st.chunk);
      send(s, cnode, me, st.chunk);
      compute(s, ctx_.spec.cnodes[st.cnode].read_cycles_per_byte);
    }
  }

  /** Buffer stripe: data + parity strips of chunk / data bytes, on consecutive enclosures
   *  (or, with buffer_strips: rotate, the whole stripe on one enclosure, rotating). */
  void start_strips(int s) {
    auto& st = streams_[s];
    const auto& pr = ctx_.spec.protection;
    const bool rotate = ctx_.scenario.model.rotate_buffer_strips;
    const int width = rotate ? 1 : pr.buffer_width();
    const int dnodes = static_cast<int>(ctx_.spec.dnodes.size());
    const double strip = rotate ? st.chunk * pr.buffer_amplification() : st.chunk / pr.buffer_data;
    const long long n = ctx_.stripe_counter[st.cnode]++;
    const int first = static_cast<int>((st.cnode * 7919LL + n * width) % dnodes);
    st.pending += 2 * width;
    for (int j = 0; j < width; ++j) {
      int d = (first + j) % dnodes;
      if (ctx_.reserve(d, {client_, s, strip})) {
        start_strip(s, d, strip);
      } else {
        ++waiting_;
        ++st.waiting;
      }
    }
    post_admission_get();
  }
  void start_strip(int s, int d, double strip) {
    send(s, ctx_.cnode_endpoint(streams_[s].cnode), ctx_.dnode_endpoint(d), strip);
    add(ctx_.platform.buffer[d]->write_async(static_cast<sg_size_t>(strip)),
        s, d, Tracked{ctx_.disk_series[d] + 1, -1, -1, strip, 0, false});
  }
  void post_admission_get() {
    if (waiting_ == 0 || admission_posted_) return;
    admission_posted_ = true;
    add(ctx_.admission_box[client_]->get_async<Admission>(&admission_), -1, -1, Tracked{});
  }

  void completed(const Tag& t) {
    if (t.stream < 0) {  // buffer space granted to one of our waiting strips
      admission_posted_ = false;
      --waiting_;
      Admission a = *admission_;
      delete admission_;
      --streams_[a.stream].waiting;
      start_strip(a.stream, a.dnode, a.bytes);
      post_admission_get();
      return;
    }
    ctx_.credit_completion(t.t);
    if (t.dnode >= 0) {
      auto& d = ctx_.dnodes[t.dnode];
      d.landed += t.t.total;
      d.work->notify_all();
    }
    auto& st = streams_[t.stream];
    if (--st.pending > 0) return;
    ctx_.acked += st.chunk;
    next_chunk(t.stream);
  }

  SimContext& ctx_;
  const PhaseSpec& ph_;
  int client_;
  int first_writer_;
  sg4::Host* host_;
  std::vector<Stream> streams_;
  std::vector<int> writer_streams_left_;
  std::vector<sg4::ActivityPtr> acts_;
  std::vector<Tag> tags_;
  int waiting_ = 0;
  bool admission_posted_ = false;
  Admission* admission_ = nullptr;
  std::vector<double> chunk_fraction_;  ///< scratch for sample()
};

}  // namespace

void client_actor(SimContext& ctx, int client, int first_writer) { ClientRun(ctx, client, first_writer).run(); }

}  // namespace podsim
