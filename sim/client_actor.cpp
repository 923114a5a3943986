// A client node's writers (checkpoint) or readers (pre-staging), as a state machine over async
// activities: one actor per node, not per stream, so 10k nodes x 8 streams stay cheap.
//
// Fluid pipeline: the stages of one chunk (client -> C-node transfer, C-node CPU work, and per
// buffer strip the C-node -> D-node transfer and the SSD write) run concurrently, each at the
// share max-min fairness gives it; the chunk completes when its slowest stage does. Real RDMA
// data paths are cut-through, so a stream's rate is its slowest stage's, not the sum of the stage
// times a store-and-forward chain would give (docs/simgrid-model.md).
#include <algorithm>

#include "sim/activity_set.hpp"

namespace podsim {
namespace {

struct Stream {
  std::vector<int> writers;  ///< ranks whose bytes this flow carries (several when merged)
  int cnode;
  double remaining;
  int width = 1;  ///< streams merged into this flow: it moves width chunks per step on width cores
  bool read = false;
  double start_at = 0;    ///< s after the phase start (a traced operation's time), else 0
  double chunk_size = 0;  ///< bytes per chunk (per merged stream)
  double chunk = 0;
  int pending = 0;  ///< activities of the current chunk not yet complete (or not yet admitted)
  int waiting = 0;  ///< strips of the current chunk waiting for buffer space
  double sent = 0;  ///< when its last chunk had left the node (fsync off: the writer is done then)
  int epoch = 0;    ///< attempts abandoned so far (failover): strips granted to an older one are stale
};

class ClientRun : public ProgressSource {
 public:
  ClientRun(SimContext& ctx, PhaseRun& run, int client, int first_writer)
      : ProgressSource(&run), ctx_(ctx), run_(run), ph_(run.spec), client_(client), first_writer_(first_writer), acts_(ctx) {
    int writers = ph_.writers_on_client[client];
    // A client mounts the C-nodes of its own site only: placement works on site-local indices.
    const auto& site = ctx.spec.sites[ctx.spec.clients[client].site];
    const int cnodes = site.cnodes.count, local_client = client - site.clients.first;
    const bool trace = ph_.kind == PhaseKind::trace_replay;
    const bool merge = ctx.scenario.model.merge_writer_flows && !trace;
    const bool read = ph_.kind == PhaseKind::prestage_read || ph_.kind == PhaseKind::restore_read;
    std::vector<int> flow_of_cnode(merge ? cnodes : 0, -1);
    for (int w = 0; w < writers; ++w) {
      const double per_stream = ph_.bytes_of(first_writer + w).bytes() / ph_.streams_per_writer;
      const TraceOp* op = trace ? &ph_.ops[static_cast<size_t>(first_writer + w)] : nullptr;
      for (int s = 0; s < ph_.streams_per_writer; ++s) {
        int local = op && op->cnode >= 0
                        ? op->cnode
                        : cnode_for(ctx.scenario.placement, local_client, w * ph_.streams_per_writer + s, cnodes);
        int c = site.cnodes.first + local;
        if (merge && flow_of_cnode[local] >= 0) {
          auto& f = streams_[flow_of_cnode[local]];
          f.remaining += per_stream;
          ++f.width;
          if (f.writers.back() != w) f.writers.push_back(w);
          continue;
        }
        if (merge) flow_of_cnode[local] = static_cast<int>(streams_.size());
        Stream st{{w}, c, per_stream};
        st.read = op ? op->read : read;
        st.start_at = op ? op->time.seconds() : 0;
        st.chunk_size = op ? per_stream : ph_.chunk.bytes();  // a traced operation is one request
        streams_.push_back(st);
      }
    }
    // Faults that struck before this phase: streams of a lost C-node start on a survivor.
    for (size_t s = 0; s < streams_.size(); ++s)
      if (ctx.cnode_lost(streams_[s].cnode)) streams_[s].cnode = ctx.live_cnode(streams_[s].cnode, key(static_cast<int>(s)));
    ctx_.sources.insert(this);
  }
  ~ClientRun() override { ctx_.leave(this); }
  ClientRun(const ClientRun&) = delete;
  ClientRun& operator=(const ClientRun&) = delete;

  /** Credits each activity's progress; a chunk in flight counts as far as its slowest stage got. */
  double sample(size_t bucket) override {
    chunk_fraction_.resize(streams_.size());
    acts_.sample(bucket, chunk_fraction_);
    double in_flight = 0;
    for (size_t s = 0; s < streams_.size(); ++s)
      if (streams_[s].pending > 0 && streams_[s].waiting == 0) in_flight += streams_[s].chunk * chunk_fraction_[s];
    return in_flight;
  }

  /** Starts each stream at its time (all at once but for a trace) and runs them to the end; meets
   *  each fault at its time (the scenario's faults are known in advance) and restarts the streams
   *  a failover paused. */
  void run() {
    const double start = run_.rec.start;
    size_t next = 0;  // streams are in start order
    while (true) {
      while (next < streams_.size() && start + streams_[next].start_at <= now()) next_chunk(static_cast<int>(next++));
      while (const auto i = faults_.take_due()) handle_fault(*i);
      for (int s; (s = held_.take_due()) >= 0;) next_chunk(s);
      if (next == streams_.size() && held_.empty() && acts_.empty()) break;
      const double first = next < streams_.size() ? start + streams_[next].start_at : kNever;
      if (const auto tag = acts_.wait_until(std::min({first, held_.next(), faults_.next()}))) completed(*tag);
    }
  }

 private:
  static double now() { return sg4::Engine::get_clock(); }
  /** Spreads this node's streams over the survivors when their C-node is lost. */
  [[nodiscard]] long long key(int s) const { return static_cast<long long>(client_) * 131 + s; }

  void compute(int s, double cycles_per_byte, double bytes) {
    auto& st = streams_[s];
    if (cycles_per_byte <= 0) return;
    acts_.compute(s, st.cnode, bytes * cycles_per_byte, st.width);
    ++st.pending;
  }

  void handle_fault(size_t i) {
    const auto& f = ctx_.scenario.faults[i];
    if (f.kind == FaultKind::cnode_loss) fail_over(f, ctx_.result.faults[i]);
    if (f.kind == FaultKind::enclosure_loss) enclosure_lost(f, ctx_.result.faults[i]);
  }

  /** Drops stream s's chunk in flight: its activities, its reserved and queued strips. It is sent again. */
  void abandon(int s, FaultRecord& rec) {
    auto& st = streams_[s];
    for (const auto& t : acts_.cancel(s, [](const ActivityTag&) { return true; }))
      if (t.dnode >= 0) ctx_.release(t.dnode, t.t.total);  // reserved, never landed
    int queued = 0;
    for (auto& d : ctx_.dnodes) {
      const auto before = d.waiters.size();
      std::erase_if(d.waiters, [&](const BufferWaiter& w) { return w.client == client_ && w.stream == s; });
      queued += static_cast<int>(before - d.waiters.size());
    }
    stale_ += st.waiting - queued;  // granted, the admission still on its way: released when it arrives
    waiting_ -= st.waiting;
    rec.retried += st.chunk;
    st.remaining += st.chunk;
    st.chunk = 0;
    st.pending = 0;
    st.waiting = 0;
    ++st.epoch;
  }

  /** Streams on the lost C-node move to survivors once the failover is over; their chunk in flight is
   *  retried. On a design of servers, a chunk with a part on its way to the lost server (protection
   *  across servers) is retried too, after the failover, onto the survivors. */
  void fail_over(const FaultSpec& f, FaultRecord& rec) {
    const int lost_ep = ctx_.cnode_endpoint(f.cnode), lost_drives = ctx_.spec.cnodes[f.cnode].own_dnode;
    auto to_lost = [&](const ActivityTag& t) { return t.t.dst == lost_ep || (lost_drives >= 0 && t.dnode == lost_drives); };
    for (size_t s = 0; s < streams_.size(); ++s) {
      auto& st = streams_[s];
      if (st.cnode == f.cnode) {
        st.cnode = ctx_.live_cnode(f.cnode, key(static_cast<int>(s)));
        ++rec.moved_streams;
      } else if (lost_drives < 0 || !(acts_.any(static_cast<int>(s), to_lost) || waits_on(static_cast<int>(s), lost_drives))) {
        continue;
      }
      if (st.pending == 0 && st.waiting == 0) continue;  // not started, done, or already paused
      abandon(static_cast<int>(s), rec);
      held_.hold((f.at + f.failover).seconds(), static_cast<int>(s));
    }
  }
  /** Whether stream s has a strip queued for buffer space on enclosure (or server drives) d. */
  [[nodiscard]] bool waits_on(int s, int d) const {
    const auto& w = ctx_.dnodes[d].waiters;
    return std::any_of(w.begin(), w.end(), [&](const BufferWaiter& b) { return b.client == client_ && b.stream == s; });
  }

  /** Strips on their way to the lost enclosure go to survivors; reads from it are redone by reconstruction. */
  void enclosure_lost(const FaultSpec& f, FaultRecord& rec) {
    const int d = f.dnode, ep = ctx_.dnode_endpoint(d);
    for (size_t i = 0; i < streams_.size(); ++i) {
      const int s = static_cast<int>(i);
      auto& st = streams_[i];
      if (st.pending == 0) continue;
      if (st.read) {
        if (!acts_.any(s, [&](const ActivityTag& t) { return t.t.src == ep || t.t.series == ctx_.disk_series[d] + 2; }))
          continue;
        abandon(s, rec);
        next_chunk(s);
        continue;
      }
      const auto gone = acts_.cancel(s, [&](const ActivityTag& t) { return t.dnode == d || t.t.dst == ep; });
      if (gone.empty()) continue;
      st.pending -= static_cast<int>(gone.size());
      const double bytes = gone.front().t.total;
      for (size_t k = 0; k < gone.size(); ++k) {  // each is one strip's flow (transfer and SSD write)
        ++rec.redirected_strips;
        place_strip(s, ctx_.next_survivor(f.site), bytes);
      }
      post_admission_get();
    }
  }

  /** The protocol's per-stream limit through the C-node, if any (merged streams: each keeps its own). */
  void cap(int s) {
    auto& st = streams_[s];
    // The C-node's limit per connection and the client's per process (its benchmark client): the lesser.
    const auto& cn = ctx_.spec.cnodes[st.cnode];
    const auto& cl = ctx_.spec.clients[client_];
    double limit = cn.stream_limit;
    const double own = st.read ? cl.stream_limit_read : cl.stream_limit_write;
    if (own > 0 && (limit <= 0 || own < limit)) limit = own;
    if (limit <= 0) return;
    acts_.stream_cap(s, st.chunk, limit * st.width);
    ++st.pending;
  }

  void next_chunk(int s) {
    auto& st = streams_[s];
    if (st.remaining <= 0.5) {
      // Without fsync a writer is done once its bytes left the node; with it, once they are durable.
      const double done = (ph_.fsync || st.read ? now() : st.sent) - run_.rec.start;
      for (int w : st.writers) {
        auto& t = run_.rec.writer_done[first_writer_ + w];
        t = std::max(t, done);  // the writer's last stream sets it
      }
      return;
    }
    const int me = ctx_.client_endpoint(client_), cnode = ctx_.cnode_endpoint(st.cnode);
    if (const double back = ctx_.route_back_at(me, cnode); back > 0) {  // a link on the way is down
      held_.hold(back, s);
      return;
    }
    st.chunk = std::min(st.chunk_size * st.width, st.remaining);
    st.remaining -= st.chunk;
    if (!st.read) {
      st.pending = 1;
      // A client sending every part of a chunk across servers sends this server only its own.
      const auto& pr = ctx_.spec.sites[ctx_.spec.cnodes[st.cnode].site].protection;
      acts_.send(s, me, cnode, pr.peer_by_client ? st.chunk * pr.own_share : st.chunk);
      cap(s);
      compute(s, ctx_.spec.cnodes[st.cnode].write_cycles_per_byte, st.chunk);
      start_strips(s);
    } else {
      start_read(s);
    }
  }

  /** The chunk is read from one enclosure of the client's site. The share of a lost enclosure (or
   *  of lost SSDs) not rebuilt yet is reconstructed: k times its bytes read from a survivor. */
  void start_read(int s) {
    auto& st = streams_[s];
    const int me = ctx_.client_endpoint(client_), cnode = ctx_.cnode_endpoint(st.cnode);
    const int backend = ctx_.backend_endpoint(st.cnode), own = ctx_.spec.cnodes[st.cnode].own_dnode;
    int d = own >= 0 ? own : ctx_.next_read_dnode(ctx_.spec.clients[client_].site);
    const auto& dn = ctx_.dnodes[d];
    const double share = dn.degraded_share;
    if (dn.lost) d = ctx_.next_survivor(ctx_.spec.clients[client_].site);  // rebuilt: its data lives on the survivors now
    st.pending = 1;
    double read = 0;
    if (share < 1) {
      const double whole = st.chunk * (1 - share);
      acts_.read_capacity(s, d, whole);
      acts_.send(s, ctx_.dnode_endpoint(d), backend, whole);
      st.pending += 2;
      read += whole;
    }
    if (share > 0) {
      const int from = ctx_.next_survivor(ctx_.spec.clients[client_].site);
      const double rebuilt = st.chunk * share;
      acts_.read_capacity(s, from, rebuilt * dn.read_amplification);
      acts_.send(s, ctx_.dnode_endpoint(from), backend, rebuilt * dn.read_amplification);
      st.pending += 2;
      read += rebuilt * dn.read_amplification;
      ctx_.result.faults[static_cast<size_t>(dn.fault)].reconstructed_reads += rebuilt;
    }
    acts_.send(s, cnode, me, st.chunk);
    cap(s);
    compute(s, ctx_.spec.cnodes[st.cnode].read_cycles_per_byte, read);
  }

  /** Buffer stripe: data + parity strips of chunk / data bytes on the enclosures the site's
   *  balancer picks (or, with buffer_strips: rotate, the whole stripe on the one of them that has
   *  taken the fewest whole stripes' bytes per weight). A lost enclosure still drawn (writes: reduced) gets
   *  no strip: the stripe has one parity strip fewer. */
  void start_strips(int s) {
    auto& st = streams_[s];
    const int site_index = ctx_.spec.cnodes[st.cnode].site;
    const auto& site = ctx_.spec.sites[site_index];
    const auto& pr = site.protection;
    const double strip = st.chunk / pr.buffer_data;
    if (const int own = ctx_.spec.cnodes[st.cnode].own_dnode; own >= 0) {
      // A server's RAID stripe goes to its own drives, as one flow of data + parity bytes.
      place_strip(s, own, strip * pr.buffer_width() * pr.own_share);
      start_peer_parts(s, site);
      post_admission_get();
      return;
    }
    std::vector<int> targets;
    int left_out = 0, fault = -1;
    for (int local : ctx_.placement[static_cast<size_t>(site_index)].place(pr.buffer_width(), strip)) {
      const int d = site.dnodes.first + local;
      if (!ctx_.dnodes[d].lost) {
        targets.push_back(d);
      } else {
        fault = ctx_.dnodes[d].fault;
        ++left_out;
      }
    }
    if (fault >= 0 && left_out > 0) ++ctx_.result.faults[static_cast<size_t>(fault)].reduced_stripes;
    if (ctx_.scenario.model.rotate_buffer_strips) {
      const auto& balancer = ctx_.placement[static_cast<size_t>(site_index)];
      auto share = [&](int d) { return ctx_.landed_whole[d] / balancer.weight(d - site.dnodes.first); };
      const int d = *std::min_element(targets.begin(), targets.end(), [&](int a, int b) { return share(a) < share(b); });
      const double bytes = strip * static_cast<double>(targets.size());
      ctx_.landed_whole[d] += bytes;
      place_strip(s, d, bytes);
    } else {
      for (int d : targets) place_strip(s, d, strip);
    }
    post_admission_get();
  }
  /** Protection across servers: the chunk's parts for the next `peers` servers of the site, each
   *  sent from this server's NICs (or the client's, when it sends them) to that server's and written
   *  on its drives (RAID there too). Peers are the next servers in order, so every server sends and
   *  takes an equal share; a lost server takes none (the survivors store the parts among themselves). */
  void start_peer_parts(int s, const PlatformSpec::Site& site) {
    auto& st = streams_[s];
    const auto& pr = site.protection;
    if (pr.peers <= 0) return;
    const double part = st.chunk * pr.peer_share;
    const int from = pr.peer_by_client ? ctx_.client_endpoint(client_) : ctx_.cnode_endpoint(st.cnode);
    const int n = site.cnodes.count, me = st.cnode - site.cnodes.first;
    std::vector<int> others;  // the live servers after this one, in order
    for (int j = 1; j < n; ++j)
      if (const int c = site.cnodes.first + (me + j) % n; !ctx_.cnode_lost(c)) others.push_back(c);
    if (others.empty()) return;  // no other server: nowhere else to store (a slice or the faults left one)
    for (int k = 0; k < pr.peers; ++k) {
      // More parts than other servers (a fitted figure on a small slice, or after a loss): some take two.
      const int peer = others[static_cast<size_t>(k) % others.size()];
      acts_.send(s, from, ctx_.cnode_endpoint(peer), part);
      ++st.pending;
      place_strip(s, ctx_.spec.cnodes[peer].own_dnode, part * pr.buffer_amplification());
    }
  }
  /** One strip of stream s's chunk: sent and written now, or queued for buffer space on d. */
  void place_strip(int s, int d, double bytes) {
    auto& st = streams_[s];
    st.pending += 1;
    if (ctx_.reserve(d, {client_, s, bytes, st.epoch})) {
      start_strip(s, d, bytes);
    } else {
      ++waiting_;
      ++st.waiting;
      // The buffer is full here: from now on this write runs at the pace of migration.
      if (ctx_.result.throttled_at < 0) ctx_.result.throttled_at = now();
    }
  }
  /** One flow from the C-node through the enclosure's port and controller onto its buffer SSDs
   *  (sim/platform_builder.hpp, buffer_ingest): credited to those links and to the buffer's write series. */
  void start_strip(int s, int d, double strip) {
    // A server's drives are written from its own back end (a peer's part too), an enclosure from the C-node.
    const auto& site = ctx_.spec.sites[ctx_.spec.dnodes[d].site];
    const int owner = site.cnodes.first + (d - site.dnodes.first);
    const bool own = owner < site.cnodes.end() && ctx_.spec.cnodes[owner].own_dnode == d;
    const int from = ctx_.backend_endpoint(own ? owner : streams_[s].cnode);
    acts_.add(sg4::Comm::sendto_async(ctx_.host_of(from), ctx_.platform.buffer_ingest[d], static_cast<uint64_t>(strip)),
              s, d, Tracked{ctx_.disk_series[d] + 1, from, ctx_.dnode_endpoint(d), strip, 0, false});
  }
  void post_admission_get() {
    if (waiting_ + stale_ == 0 || admission_posted_) return;
    admission_posted_ = true;
    acts_.add(ctx_.admission_box[client_]->get_async<Admission>(&admission_), -1, -1, Tracked{});
  }

  void completed(const ActivityTag& t) {
    if (t.stream < 0) {  // buffer space granted to one of our waiting strips
      admission_posted_ = false;
      Admission a = *admission_;
      delete admission_;
      if (a.epoch != streams_[a.stream].epoch) {  // granted to an attempt a failover abandoned
        --stale_;
        ctx_.release(a.dnode, a.bytes);
        post_admission_get();
        return;
      }
      --waiting_;
      --streams_[a.stream].waiting;
      start_strip(a.stream, a.dnode, a.bytes);
      post_admission_get();
      return;
    }
    ctx_.credit_completion(t.t);
    if (t.t.src == ctx_.client_endpoint(client_)) streams_[t.stream].sent = now();
    if (t.dnode >= 0 && ctx_.spec.dnodes[t.dnode].destage_streams == 0) {
      ctx_.release(t.dnode, t.t.total);  // a server's drives are its only tier: nothing to destage
    } else if (t.dnode >= 0) {
      auto& d = ctx_.dnodes[t.dnode];
      d.landed += t.t.total;
      d.landed_stored += t.t.total / ph_.reduction;
      d.work->notify_all();
    }
    auto& st = streams_[t.stream];
    if (--st.pending > 0) return;
    run_.acked += st.chunk;
    next_chunk(t.stream);
  }

  SimContext& ctx_;
  PhaseRun& run_;
  const PhaseSpec& ph_;
  int client_;
  int first_writer_;
  std::vector<Stream> streams_;
  ActivitySet acts_;
  int waiting_ = 0;
  int stale_ = 0;  ///< admissions on their way for abandoned attempts
  FaultCursor faults_{ctx_.scenario.faults};
  HeldStreams held_;  ///< streams paused by a failover or a route that is down
  bool admission_posted_ = false;
  Admission* admission_ = nullptr;
  std::vector<double> chunk_fraction_;  ///< scratch for sample()
};

}  // namespace

void client_actor(SimContext& ctx, PhaseRun& run, int client, int first_writer) {
  ClientRun(ctx, run, client, first_writer).run();
}

}  // namespace podsim
