#include "analysis/movement_figures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace podsim {
namespace {

double class_mean(const PhaseMetrics& m, ResourceClass cls) {
  for (const auto& u : m.utilization)
    if (u.cls == cls) return u.mean;
  return 0;
}

long long at_least(double need) { return static_cast<long long>(std::ceil(need - 1e-9)); }

}  // namespace

double MovementFigures::ceiling() const {
  double c = std::min({latency_ceiling, account_ceiling, wan, core_ceiling});
  if (strategy == MovementStrategy::copy_hosts) c = std::min(c, host_ceiling * hosts);
  return c;
}

std::string MovementFigures::ceiling_name() const {
  const double c = ceiling();
  if (c == wan) return "wan";
  if (c == account_ceiling) return "object-store accounts";
  if (strategy == MovementStrategy::copy_hosts && c == host_ceiling * hosts) return "copy hosts";
  if (c == core_ceiling) return "one core per stream";
  return "request round trips";
}

std::optional<MovementFigures> movement_figures(const PhaseSpec& ph, const Layout& l, const PhaseMetrics& m) {
  if (!ph.movement.given || !l.object_store) return std::nullopt;
  const auto& mv = ph.movement;
  const bool fetch = ph.kind == PhaseKind::object_store_fetch;
  MovementFigures f;
  f.strategy = mv.strategy;
  f.request = ph.chunk.bytes();
  f.round_trip = mv.round_trip.seconds();
  f.streams = static_cast<long long>(ph.per_cnode.size()) * ph.streams_per_writer;
  double slowest_wan = std::numeric_limits<double>::infinity();
  for (const auto& s : l.sites)
    if (s.wan) {
      f.wan += s.wan->bandwidth.bytes_per_second();
      slowest_wan = std::min(slowest_wan, s.wan->bandwidth.bytes_per_second());
    }
  const auto& store = *l.object_store;
  f.accounts = store.accounts;
  f.account_ceiling = (fetch ? store.egress() : store.ingress()).bytes_per_second();
  f.request_limit = store.model.account_requests * store.accounts;
  f.request_rate = m.sustained / f.request;
  f.wan_utilization = f.wan > 0 ? m.sustained / f.wan : 0;
  f.cnode_cpu = class_mean(m, ResourceClass::cnode_cpu);
  f.copy_host_cpu = class_mean(m, ResourceClass::copy_host_cpu);
  // One core per stream: the copier's clock over the work per byte of the side that runs it (the
  // C-node serving the bytes, plus HTTPS when it talks to the store; a copy host's own figure).
  double core_seconds_per_byte = 0;
  const auto& site0 = l.sites.front().design.cnode;
  const double https = mv.strategy == MovementStrategy::copy_hosts ? 0 : store.model.https_cycles_per_byte;
  if (const double cpb = (fetch ? site0.write_cycles_per_byte : site0.read_cycles_per_byte) + https; cpb > 0)
    core_seconds_per_byte = cpb / site0.clock.hertz();
  if (mv.strategy == MovementStrategy::copy_hosts && l.copy_host) {
    const auto& h = *l.copy_host;
    f.hosts = static_cast<int>(ph.per_cnode.size());
    const double cpb = fetch ? h.download_cycles_per_byte : h.upload_cycles_per_byte;
    f.host_ceiling = h.bandwidth().bytes_per_second();
    if (cpb > 0) {
      f.host_ceiling = std::min(f.host_ceiling, h.clock.hertz() * h.cores / cpb);
      core_seconds_per_byte = std::max(core_seconds_per_byte, cpb / h.clock.hertz());
    }
  }
  f.core_ceiling = core_seconds_per_byte > 0 ? double(f.streams) / core_seconds_per_byte
                                             : std::numeric_limits<double>::infinity();
  // A request's transfers and CPU work run side by side; its round trip follows them. So one stream
  // moves a request every round trip + the longer of the two, alone on its WAN link.
  f.stream_ceiling = f.request / (f.round_trip + f.request * std::max(1 / slowest_wan, core_seconds_per_byte));
  f.latency_ceiling = f.stream_ceiling * double(f.streams);
  if (mv.target) {
    const double t = mv.target->bytes_per_second();
    f.target = t;
    f.streams_for_target = at_least(t / f.stream_ceiling);
    const double per_account = (fetch ? store.model.account_egress : store.model.account_ingress).bytes_per_second();
    f.accounts_for_target = static_cast<int>(at_least(t / per_account));
    if (f.host_ceiling > 0) f.hosts_for_target = static_cast<int>(at_least(t / f.host_ceiling));
  }
  return f;
}

}  // namespace podsim
