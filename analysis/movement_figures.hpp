#pragma once
/**
 * @file movement_figures.hpp
 * @brief What a drain or fetch with `movement:` can reach, strategy by strategy, in closed form:
 * the request round trip's ceiling per stream, the copy hosts', the accounts', the WAN's; and how
 * many streams, hosts or accounts a target rate needs (docs/data-movement.md). The simulated phase
 * names what bound it; these say what each figure allows beside it.
 */
#include <optional>
#include <string>

#include "analysis/metrics.hpp"

namespace podsim {

struct MovementFigures {
  MovementStrategy strategy = MovementStrategy::storage_mover;
  double request = 0;          ///< B per request
  double round_trip = 0;       ///< s waited per request
  long long streams = 0;       ///< requests in flight, all copiers
  /** B/s of one stream alone on its WAN link: request / (round_trip + the longer of request / WAN and
   *  its CPU work on one core). */
  double stream_ceiling = 0;
  double latency_ceiling = 0;  ///< B/s: streams x stream_ceiling
  /** B/s: a stream's CPU work runs on one core (its copier's clock / its work per byte), times the
   *  streams; infinite when the work costs nothing. */
  double core_ceiling = 0;
  int hosts = 0;               ///< copy hosts, all sites
  double host_ceiling = 0;     ///< B/s per copy host: its NIC, or its CPU if that is lower
  double account_ceiling = 0;  ///< B/s the store takes in (drain) or gives out (fetch)
  int accounts = 0;
  double request_rate = 0;     ///< requests/s at the sustained rate
  double request_limit = 0;    ///< requests/s the accounts allow
  double wan = 0;              ///< B/s, every site's WAN link together
  double wan_utilization = 0;  ///< sustained / wan
  double cnode_cpu = 0;        ///< share of the C-nodes' CPU the phase used (steady window)
  double copy_host_cpu = 0;    ///< share of the copy hosts' CPU
  std::optional<double> target;  ///< B/s asked for
  long long streams_for_target = 0;
  int hosts_for_target = 0;     ///< copy hosts, all sites (copy_hosts)
  int accounts_for_target = 0;
  [[nodiscard]] double ceiling() const;  ///< the lowest of the closed-form ceilings that apply
  [[nodiscard]] std::string ceiling_name() const;
};

/** The figures of phase `ph` as it ran (`m`); none for a phase without `movement:`. */
[[nodiscard]] std::optional<MovementFigures> movement_figures(const PhaseSpec& ph, const Layout& l, const PhaseMetrics& m);

}  // namespace podsim
