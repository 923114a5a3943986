#pragma once
// Internal to sim/: the asynchronous activities one actor has in flight (transfers, SSD I/O, CPU
// work), each tagged with the stream it belongs to and where its amount is credited. Shared by the
// client actor and the drain actor so both account for progress the same way; with the streams they
// hold back and the faults they meet, so both wait for the next event the same way.
#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <queue>
#include <vector>

#include "sim/sim_context.hpp"

namespace podsim {

struct ActivityTag {
  int stream;  ///< -1 for a message that carries no bytes (buffer admission)
  int dnode;   ///< the enclosure of a buffer-strip write (its landing feeds destage), else -1
  Tracked t;   ///< where the activity's amount is credited
};

/** A time that never comes: no wake-up. */
constexpr double kNever = std::numeric_limits<double>::infinity();

/** Streams whose next chunk starts later (a failover's end, a link's return), soonest first. */
class HeldStreams {
 public:
  void hold(double until, int stream) { q_.push({until, stream}); }
  [[nodiscard]] bool empty() const { return q_.empty(); }
  /** When the soonest held stream is due; kNever when none is held. */
  [[nodiscard]] double next() const { return q_.empty() ? kNever : q_.top().first; }
  /** Takes a stream due by now, or returns -1. */
  int take_due() {
    if (q_.empty() || q_.top().first > sg4::Engine::get_clock()) return -1;
    const int s = q_.top().second;
    q_.pop();
    return s;
  }

 private:
  std::priority_queue<std::pair<double, int>, std::vector<std::pair<double, int>>, std::greater<>> q_;
};

/** The scenario's faults in time order, as one actor meets them; those before it started are past. */
class FaultCursor {
 public:
  explicit FaultCursor(const std::vector<FaultSpec>& faults) : faults_(faults) {
    while (next_ < faults_.size() && faults_[next_].at.seconds() < sg4::Engine::get_clock()) ++next_;
  }
  /** The index of a fault due by now, or none. */
  std::optional<size_t> take_due() {
    if (next_ == faults_.size() || faults_[next_].at.seconds() > sg4::Engine::get_clock()) return std::nullopt;
    return next_++;
  }
  /** When the next fault strikes; kNever when none is left. */
  [[nodiscard]] double next() const { return next_ < faults_.size() ? faults_[next_].at.seconds() : kNever; }

 private:
  const std::vector<FaultSpec>& faults_;
  size_t next_ = 0;
};

class ActivitySet {
 public:
  explicit ActivitySet(SimContext& ctx) : ctx_(ctx) {}

  void add(sg4::ActivityPtr a, int stream, int dnode, Tracked t) {
    ctx_.hold_while_sampling();  // the monitor may be reading acts_ and tags_ (SimContext)
    t.last_remaining = t.total;
    acts_.push_back(std::move(a));
    tags_.push_back({stream, dnode, t});
    ++ctx_.activities;
  }
  void send(int stream, int from, int to, double bytes) {
    add(sg4::Comm::sendto_async(ctx_.host_of(from), ctx_.host_of(to), static_cast<uint64_t>(bytes)), stream, -1,
        Tracked{-1, from, to, bytes, 0, false});
  }
  /** A stage that takes bytes / rate: a protocol's per-stream limit (BuiltPlatform::timer). */
  void stream_cap(int stream, double bytes, double rate) {
    add(ctx_.platform.timer(bytes, rate), stream, -1, Tracked{-1, -1, -1, bytes, 0, true});
  }
  void read_capacity(int stream, int dnode, double bytes) {
    add(ctx_.platform.ssd_read(ctx_.platform.capacity[dnode], bytes), stream, -1,
        Tracked{ctx_.disk_series[dnode] + 2, -1, -1, bytes, 0, false});
  }
  /** Capacity SSDs -> controller -> port -> fabric -> C-node endpoint `to` as one flow, at the pace of
   *  the slowest (the platform's capacity-ingest host, built for C-node migration; see BuiltPlatform). */
  void read_capacity_to(int stream, int dnode, int to, double bytes) {
    add(sg4::Comm::sendto_async(ctx_.platform.capacity_ingest[dnode], ctx_.host_of(to), static_cast<uint64_t>(bytes)),
        stream, -1, Tracked{ctx_.disk_series[dnode] + 2, ctx_.dnode_endpoint(dnode), to, bytes, 0, false});
  }
  /** The reverse: from endpoint `from` through the enclosure's port and controller onto its capacity SSDs. */
  void write_capacity_from(int stream, int from, int dnode, double bytes) {
    add(sg4::Comm::sendto_async(ctx_.host_of(from), ctx_.platform.capacity_ingest[dnode], static_cast<uint64_t>(bytes)),
        stream, -1, Tracked{ctx_.disk_series[dnode] + 3, from, ctx_.dnode_endpoint(dnode), bytes, 0, false});
  }
  /** A stripe written straight to an enclosure's capacity SSDs (a fetch bypasses the write buffer). */
  void write_capacity(int stream, int dnode, double bytes) {
    add(ctx_.platform.ssd_write(ctx_.platform.capacity[dnode], bytes), stream, -1,
        Tracked{ctx_.disk_series[dnode] + 3, -1, -1, bytes, 0, false});
  }
  /** `cycles` on a C-node, split over `threads` cores (merged flows use as many cores as streams). */
  void compute(int stream, int cnode, double cycles, int threads) {
    add(BuiltPlatform::cpu_work(ctx_.platform.cnodes[cnode], cycles, threads), stream, -1,
        Tracked{ctx_.cpu_series[cnode], -1, -1, cycles, 0, true});
  }

  /** `cycles` on any host whose CPU series is `series` (a copy host). */
  void compute_on(int stream, sg4::Host* host, int series, double cycles, int threads) {
    add(BuiltPlatform::cpu_work(host, cycles, threads), stream, -1, Tracked{series, -1, -1, cycles, 0, true});
  }
  /** A stream waiting `seconds` for a request's round trip, credited as stream-seconds to `series`. */
  void round_trip(int stream, int series, double seconds) {
    add(ctx_.platform.timer(seconds, 1.0), stream, -1, Tracked{series, -1, -1, seconds, 0, true});
  }

  [[nodiscard]] bool empty() const { return acts_.empty(); }
  /** Waits for one activity to end and returns its tag; the caller credits or consumes it. */
  ActivityTag wait_any() { return take(static_cast<size_t>(sg4::Activity::wait_any(acts_))); }


  /**
   * Waits for one activity to end, or until simulated time `wake` (kNever: no limit), whichever
   * comes first; with nothing in flight it sleeps until `wake`. Returns the ended activity's tag,
   * none when woken by time.
   */
  std::optional<ActivityTag> wait_until(double wake) {
    if (acts_.empty()) {
      if (wake < kNever) sg4::this_actor::sleep_until(wake);
      return std::nullopt;
    }
    if (wake == kNever) return wait_any();
    const double timeout = wake - sg4::Engine::get_clock();
    if (timeout <= 0) return std::nullopt;
    ssize_t i = sg4::Activity::wait_any_for(acts_, timeout);
    if (i < 0 || static_cast<size_t>(i) >= acts_.size()) return std::nullopt;
    return take(static_cast<size_t>(i));
  }
  /** Cancels stream s's activities that `pick` selects (a fault took their node), crediting what
   *  they moved so far; returns their tags. */
  template <class Pick>
  std::vector<ActivityTag> cancel(int stream, Pick pick) {
    ctx_.hold_while_sampling();
    std::vector<ActivityTag> out;
    const size_t bucket = ctx_.bucket_now();
    for (size_t i = 0; i < acts_.size();) {
      if (tags_[i].stream != stream || !pick(tags_[i])) {
        ++i;
        continue;
      }
      (void)ctx_.credit_progress(tags_[i].t, *acts_[i], bucket);
      acts_[i]->cancel();
      out.push_back(take(i));
    }
    return out;
  }
  /** Whether stream s has an activity in flight that `pick` selects. */
  template <class Pick>
  [[nodiscard]] bool any(int stream, Pick pick) const {
    for (const auto& tag : tags_)
      if (tag.stream == stream && pick(tag)) return true;
    return false;
  }
  /** Credits each activity's progress to `bucket`; fraction[s] becomes the least done share among
   *  stream s's activities (a chunk in flight counts as far as its slowest stage got). */
  void sample(size_t bucket, std::vector<double>& fraction) {
    // A stream none of whose activities is in the set counts as not started (0), not as done: the
    // sample's simcalls let an actor start a chunk meanwhile, whose activities this loop has not seen
    // (counted whole, a WAN outage's restart put a chunk per C-node in one bucket and took it back in the next).
    constexpr double kUnseen = 2;
    std::fill(fraction.begin(), fraction.end(), kUnseen);
    for (size_t i = 0; i < acts_.size(); ++i) {
      auto& tag = tags_[i];
      if (tag.stream < 0) continue;
      double rem = ctx_.credit_progress(tag.t, *acts_[i], bucket);
      double done = tag.t.total > 0 ? 1 - rem / tag.t.total : 1;
      fraction[tag.stream] = std::min(fraction[tag.stream], done);
    }
    for (auto& f : fraction)
      if (f == kUnseen) f = 0;
  }

 private:
  ActivityTag take(size_t i) {
    ctx_.hold_while_sampling();
    ActivityTag tag = tags_[i];
    acts_[i] = std::move(acts_.back());
    tags_[i] = tags_.back();
    acts_.pop_back();
    tags_.pop_back();
    return tag;
  }

  SimContext& ctx_;
  std::vector<sg4::ActivityPtr> acts_;
  std::vector<ActivityTag> tags_;
};

}  // namespace podsim
