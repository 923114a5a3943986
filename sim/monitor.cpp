#include "sim/monitor.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "topology/format.hpp"

namespace podsim {

Monitor::Monitor(SimContext& ctx, bool progress) : ctx_(ctx), progress_(progress) {
  if (progress_) heartbeat_ = std::jthread([this](const std::stop_token& stop) { heartbeat(stop); });
}

Monitor::~Monitor() {
  if (heartbeat_.joinable()) {
    heartbeat_.request_stop();
    wake_.notify_all();
  }
}

long long Monitor::wall_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - wall_start_).count();
}

void Monitor::heartbeat(const std::stop_token& stop) {
  constexpr long long kQuietMs = 5000;  // the longest wall time without a progress line
  std::unique_lock lock(wake_mutex_);
  while (!stop.stop_requested()) {
    (void)wake_.wait_for(lock, stop, std::chrono::milliseconds(500), [] { return false; });  // a stop wakes it at once
    if (stop.stop_requested()) break;
    const long long now = wall_ms();
    if (now - last_line_ms_.load() < kQuietMs) continue;
    last_line_ms_ = now;
    std::fprintf(stderr, "[podsim] wall %.0f s: still simulating, in one long engine step since simulated t = %.2f s "
                 "(the next sample prints progress)\n", double(now) / 1000, last_sample_t_.load());
  }
}

void Monitor::operator()() {
  // Once the workload is done only a rebuild may go on (for hours at pod scale): no more buckets,
  // so memory stays flat; the rebuild measures its own time.
  while (!ctx_.workload_done) {
    sg4::this_actor::sleep_until((next_bucket_ + 1) * ctx_.dt);
    if (ctx_.workload_done) break;
    sample(next_bucket_++);
    if (progress_) report_progress();
  }
}

void Monitor::sample_now() {
  if (sg4::Engine::get_clock() > next_bucket_ * ctx_.dt) sample(next_bucket_++);
}

namespace {
void add_user_bytes(PhaseRun& run, size_t bucket, double acknowledged) {
  run.rec.user_bytes.add(bucket, acknowledged - run.last_acknowledged);
  run.last_acknowledged = acknowledged;
}
}  // namespace

void Monitor::begin_phase(PhaseRun& run) {
  run.last_acknowledged = 0;
  run.rec.user_bytes.first = ctx_.bucket_now();
  ctx_.running.insert(&run);
}

void Monitor::end_phase(PhaseRun& run) {
  add_user_bytes(run, ctx_.bucket_now(), run.acked);
  ctx_.running.erase(&run);
}

void Monitor::sample(size_t bucket) {
  for (auto* run : ctx_.running) run->in_flight = 0;
  // An Exec's progress is read by a simcall, which lets other actors run meanwhile: ones whose
  // source ends wait in SimContext::leave until this loop is done.
  ctx_.sampling = true;
  for (auto* source : ctx_.sources) {
    double in_flight = source->sample(bucket);
    if (source->run() != nullptr) source->run()->in_flight += in_flight;
  }
  ctx_.sampling = false;
  for (auto* run : ctx_.running) add_user_bytes(*run, bucket, run->acked + run->in_flight);
  double fill = 0;
  for (const auto& d : ctx_.dnodes) fill += d.reserved;
  ctx_.result.buffer_fill.resize(bucket + 1, fill);
  ctx_.result.peak_actors = std::max<long long>(ctx_.result.peak_actors, sg4::Engine::get_instance()->get_actor_count());
  last_sample_t_ = sg4::Engine::get_clock();
}

void Monitor::report_progress() {
  auto now = std::chrono::steady_clock::now();
  if (now - last_print_ < std::chrono::seconds(2)) return;
  last_print_ = now;
  last_line_ms_ = wall_ms();
  double wall = std::chrono::duration<double>(now - wall_start_).count();
  std::string phases;
  // Acknowledged as the throughput curve counts it: finished chunks plus chunks in flight (sample()).
  for (const auto* run : ctx_.running)
    phases += (phases.empty() ? "" : ", ") + run->rec.name + " " +
              format_number("%.1f", 100.0 * std::min(1.0, (run->acked + run->in_flight) / run->rec.bytes)) + " % of " +
              format_bytes(Bytes::from_bytes(run->rec.bytes));
  std::fprintf(stderr, "[podsim] simulated t = %.2f s, wall %.0f s: %s\n", sg4::Engine::get_clock(), wall,
               phases.empty() ? "between phases" : phases.c_str());
}

}  // namespace podsim
