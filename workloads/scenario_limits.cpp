#include "workloads/scenario_limits.hpp"

#include <algorithm>
#include <cmath>

#include "topology/format.hpp"
#include "topology/max_flow_bound.hpp"

namespace podsim {

double largest_buffer_strip(const Scenario& sc, const PhaseSpec& ph, const Protection& pr) {
  double chunk = std::min(ph.chunk.bytes(), ph.total.bytes());
  if (sc.model.merge_writer_flows && !ph.writers_on_client.empty())  // a node's ranks as one flow
    chunk *= *std::max_element(ph.writers_on_client.begin(), ph.writers_on_client.end());
  // Exact mode: a data or parity strip of chunk/data on each enclosure; rotate: the whole stripe on one.
  return sc.model.rotate_buffer_strips ? chunk * pr.buffer_width() / pr.buffer_data : chunk / pr.buffer_data;
}

void check_buffer_fit(const YamlNode& body, const Scenario& sc, const PhaseSpec& ph) {
  if (ph.kind != PhaseKind::checkpoint_write && ph.kind != PhaseKind::trace_replay) return;
  for (const auto& site : sc.layout.sites) {  // each site with its own code and enclosures
    const double buffer = site.design.dnode.buffer_capacity().bytes();
    const double strip = largest_buffer_strip(sc, ph, site.design.protection);
    if (strip > buffer)
      body.fail("a strip of " + format_bytes(Bytes::from_bytes(strip)) + " would wait forever for the " +
                format_bytes(Bytes::from_bytes(buffer)) + " write buffer of one enclosure" +
                (sc.layout.sites.size() > 1 ? " at site " + site.name : std::string()) + ": use a smaller 'chunk'" +
                (sc.model.rotate_buffer_strips || sc.model.merge_writer_flows ? " or the exact model modes" : ""));
  }
}

namespace {

double phase_rate_bound(const FlowBound& b, PhaseKind k) {
  switch (k) {
    case PhaseKind::checkpoint_write: return b.write.bytes_per_second();
    case PhaseKind::prestage_read:
    case PhaseKind::restore_read: return b.read.bytes_per_second();
    case PhaseKind::object_store_drain: return b.drain.bytes_per_second();
    case PhaseKind::object_store_fetch: return b.fetch.bytes_per_second();
    case PhaseKind::trace_replay: return std::max(b.write.bytes_per_second(), b.read.bytes_per_second());
  }
  return 0;
}

}  // namespace

void check_simulated_span(const YamlNode& s, const Scenario& sc) {
  const double dt = sc.output.sample_interval.seconds();
  if (dt <= 0) return;
  const auto spec = make_platform_spec(sc.layout);
  const auto bound = max_flow_bound(spec);
  std::vector<double> least(sc.phases.size(), 0.0);
  for (size_t i = 0; i < sc.phases.size(); ++i) {
    const auto& ph = sc.phases[i];
    const double rate = phase_rate_bound(bound, ph.kind);
    least[i] = rate > 0 ? ph.total.bytes() / rate : 0;
    // A moved request waits its round trip after its bytes: a stream's requests one after another
    // take at least their round trips (issue 42, C: a 1000-year round trip ran until bad_alloc).
    const double rt = ph.movement.round_trip.seconds(), chunk = ph.chunk.bytes();
    if (rt > 0 && chunk > 0) {
      const double streams = std::max(1, ph.movement.streams);
      double requests = 0;  // on the busiest stream
      for (const auto& b : ph.per_cnode) requests = std::max(requests, std::ceil(b.bytes() / chunk / streams));
      if (ph.per_cnode.empty()) requests = std::ceil(ph.total.bytes() / chunk / streams);
      least[i] = std::max(least[i], requests * rt);
    }
    for (const auto& op : ph.ops) least[i] = std::max(least[i], op.time.seconds());  // a trace's last issue time
  }
  double span = 0;
  for (const auto& job : sc.jobs) {
    double t = job.start.seconds();
    for (const auto& step : job.steps) {
      if (!step.timeline) {
        t += least[static_cast<size_t>(step.index)];
        continue;
      }
      const auto& tl = sc.timelines[static_cast<size_t>(step.index)];
      for (int c : tl.checkpoints) t += tl.interval.seconds() + least[static_cast<size_t>(c)];
    }
    span = std::max(span, t);
  }
  // Every duration a fault states: its end, or its start plus a C-node's failover (issue 42, C).
  for (const auto& f : sc.faults) span = std::max({span, f.at.seconds(), f.effect_end().value_or(0.0)});
  if (span / dt > kMostBuckets)
    s.fail("the run spans at least " + format_number("%.4g", span) + " s of simulated time, " +
           format_number("%.3g", span / dt) + " sample intervals of " + format_duration(sc.output.sample_interval) +
           "; at most 1e7 can be recorded: use a longer output.sample_interval, or shorter durations");
  // Every resource keeps a value per interval: links (both ways), C-node CPUs, four SSD tiers per enclosure.
  const double series = 2.0 * double(spec.links.size()) + double(spec.cnodes.size()) + 4.0 * double(spec.dnodes.size());
  if (span / dt * series > kMostSeriesValues)
    s.fail("the run spans at least " + format_number("%.4g", span) + " s: " + format_number("%.3g", span / dt) +
           " sample intervals x " + format_number("%.0f", series) + " resource series would need at least " +
           format_number("%.0f GB", span / dt * series * 8 / 1e9) +
           " of time series; use a longer output.sample_interval");
}

}  // namespace podsim
