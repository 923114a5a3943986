#include "sim/monitor.hpp"

#include <simgrid/plugins/load.h>

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
  const auto& links = ctx_.platform;
  last_cum_.resize(2 * links.link_up.size(), 0.0);
  for (size_t i = 0; i < links.link_up.size(); ++i) {
    for (int dir = 0; dir < 2; ++dir) {
      double cum = sg_link_get_cum_load(dir == 0 ? links.link_up[i] : links.link_down[i]);
      auto& series = ctx_.result.resources[ctx_.link_series[i] + dir].amount;
      if (series.size() <= bucket) series.resize(bucket + 1, 0.0);
      series[bucket] += cum - last_cum_[2 * i + dir];
      last_cum_[2 * i + dir] = cum;
    }
  }
  double fill = 0;
  for (const auto& d : ctx_.dnodes) fill += d.reserved;
  ctx_.result.buffer_fill.resize(bucket + 1, fill);
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
