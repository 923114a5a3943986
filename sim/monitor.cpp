#include "sim/monitor.hpp"

#include <cmath>
#include <cstdio>

namespace podsim {

void Monitor::operator()() {
  while (true) {
    sg4::this_actor::sleep_until((next_bucket_ + 1) * ctx_.dt);
    sample(next_bucket_++);
    if (progress_) report_progress();
  }
}

void Monitor::sample_now() {
  if (sg4::Engine::get_clock() > next_bucket_ * ctx_.dt) sample(next_bucket_++);
}

void Monitor::sample(size_t bucket) {
  double in_flight = 0;
  for (auto* source : ctx_.sources) in_flight += source->sample(bucket);
  if (ctx_.phase != nullptr) {
    double acknowledged = ctx_.acked + in_flight;
    auto& user = ctx_.phase->user_bytes;
    if (user.size() <= bucket) user.resize(bucket + 1, 0.0);
    user[bucket] += acknowledged - last_acknowledged_;
    last_acknowledged_ = acknowledged;
  }
  double fill = 0;
  for (const auto& d : ctx_.dnodes) fill += d.reserved;
  ctx_.result.buffer_fill.resize(bucket + 1, fill);
}

void Monitor::end_phase() {
  auto& user = ctx_.phase->user_bytes;
  size_t bucket = ctx_.bucket_now();
  if (user.size() <= bucket) user.resize(bucket + 1, 0.0);
  user[bucket] += ctx_.acked - last_acknowledged_;
  last_acknowledged_ = ctx_.acked;
}

void Monitor::report_progress() {
  auto now = std::chrono::steady_clock::now();
  if (now - last_print_ < std::chrono::seconds(2) || ctx_.phase == nullptr) return;
  last_print_ = now;
  double wall = std::chrono::duration<double>(now - wall_start_).count();
  std::fprintf(stderr, "[podsim] %s: %5.1f %% of %s acknowledged, simulated t = %.2f s, wall %.0f s\n",
               ctx_.phase->name.c_str(), 100.0 * ctx_.acked / ctx_.phase->bytes,
               format_bytes(Bytes::from_bytes(ctx_.phase->bytes)).c_str(), sg4::Engine::get_clock(), wall);
}

}  // namespace podsim
