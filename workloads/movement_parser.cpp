#include "workloads/movement_parser.hpp"

#include "topology/format.hpp"

namespace podsim {

const char* to_string(MovementStrategy s) {
  switch (s) {
    case MovementStrategy::storage_mover: return "storage_mover";
    case MovementStrategy::copy_hosts: return "copy_hosts";
    case MovementStrategy::service_to_service: return "service_to_service";
  }
  return "?";
}

namespace {

MovementStrategy strategy_of(const YamlNode& n) {
  const auto w = n.as_string();
  if (w == "storage_mover") return MovementStrategy::storage_mover;
  if (w == "copy_hosts") return MovementStrategy::copy_hosts;
  if (w == "service_to_service") return MovementStrategy::service_to_service;
  n.fail("unknown strategy '" + w + "' (expected storage_mover, copy_hosts or service_to_service)");
}

/** The longest one-way WAN latency of the layout's sites: a request's round trip is twice it. */
Duration wan_one_way(const Layout& l) {
  double s = 0;
  for (const auto& site : l.sites)
    if (site.wan) s = std::max(s, site.wan->latency.seconds());
  return Duration::from_seconds(s);
}

/** `total` split over the sites by `weight`, then evenly over `per_site[s]` copiers of each. */
std::vector<Bytes> spread(Bytes total, const std::vector<double>& weight, const std::vector<int>& per_site) {
  double sum = 0;
  for (double w : weight) sum += w;
  std::vector<Bytes> out;
  for (size_t s = 0; s < per_site.size(); ++s)
    out.insert(out.end(), per_site[s], total * (weight[s] / sum) / double(per_site[s]));
  return out;
}

}  // namespace

void parse_copy(PhaseSpec& s, const YamlNode& p, const Layout& l, const std::vector<double>& site_weight) {
  const bool fetch = s.kind == PhaseKind::object_store_fetch;
  auto chunk = p.optional("chunk");
  s.chunk = chunk ? chunk->as_bytes() : MiB(64);
  auto streams = p.optional("streams_per_cnode");
  auto& mv = s.movement;
  mv.streams = streams ? static_cast<int>(streams->as_integer(1, 1024)) : 1;
  std::vector<int> copiers;
  for (const auto& site : l.sites) copiers.push_back(site.design.cnode_count);
  if (auto m = p.optional("movement")) {
    mv.given = true;
    mv.strategy = strategy_of(m->required("strategy"));
    if (auto r = m->optional("request")) {
      if (chunk) r->fail("give the request size once: `movement.request` or the phase's `chunk`, not both");
      s.chunk = r->as_bytes();
      chunk = r;
    }
    const int one_way_trips = mv.strategy == MovementStrategy::service_to_service ? 2 : 1;
    mv.round_trips = one_way_trips;
    if (auto rt = m->optional("round_trip")) {
      mv.round_trip = rt->as_duration();
      if (mv.round_trip.seconds() < 0) rt->fail("a round trip cannot be negative");
    } else {
      mv.round_trip = Duration::from_seconds(2 * wan_one_way(l).seconds());
    }
    mv.round_trip = Duration::from_seconds(mv.round_trip.seconds() * one_way_trips);
    if (auto t = m->optional("target")) {
      mv.target = t->as_bandwidth();
      if (mv.target->bytes_per_second() <= 0) t->fail("must be greater than zero");
    }
    auto hosts = m->optional("hosts");
    auto per_host = m->optional("streams_per_host");
    if (mv.strategy == MovementStrategy::copy_hosts) {
      if (!l.copy_host) m->required("strategy").fail("copy hosts need a `copy_host:` model in the layout");
      if (!hosts) m->fail("copy_hosts needs `hosts:`, the copy hosts per site");
      mv.hosts = static_cast<int>(hosts->as_integer(1, 4096));
      if (streams) streams->fail("copy hosts run the streams: give `movement.streams_per_host`, not `streams_per_cnode`");
      mv.streams = per_host ? static_cast<int>(per_host->as_integer(1, 1024)) : 1;
      copiers.assign(l.sites.size(), mv.hosts);
    } else {
      if (hosts) hosts->fail("`hosts` goes with strategy copy_hosts");
      if (per_host) per_host->fail("`streams_per_host` goes with strategy copy_hosts");
    }
    if (mv.strategy == MovementStrategy::service_to_service) {
      const Bytes limit = l.object_store->model.url_copy_max_request;
      if (fetch)
        m->required("strategy").fail("a service-to-service copy is pulled by the object store into itself; it has no "
                                     "copy out to a local endpoint: fetch with copy_hosts or storage_mover");
      if (limit.bytes() <= 0)
        m->required("strategy").fail("the object store model '" + l.object_store->model.name +
                                     "' gives no URL-copy limit (`url_copy: {max_request}`)");
      if (s.chunk.bytes() > limit.bytes())
        (chunk ? *chunk : p).fail("a request of " + format_bytes(s.chunk) + " is above the " + format_bytes(limit) +
                                  " a URL copy takes (" + l.object_store->model.name + ")");
    }
    m->finish();
  } else if (p.optional("streams_per_host")) {
    p.required("streams_per_host").fail("`streams_per_host` goes under `movement:` with strategy copy_hosts");
  }
  if (s.chunk.bytes() < 1) (chunk ? *chunk : p).fail("chunk must be at least 1 B");
  s.streams_per_writer = mv.streams;
  s.per_cnode = spread(s.total, site_weight, copiers);
  s.per_writer = s.total / double(s.writer_count());
}

int copy_hosts_needed(const std::vector<PhaseSpec>& phases) {
  int n = 0;
  for (const auto& ph : phases)
    if (ph.movement.strategy == MovementStrategy::copy_hosts) n = std::max(n, ph.movement.hosts);
  return n;
}

}  // namespace podsim
