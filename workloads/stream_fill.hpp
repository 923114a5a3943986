#pragma once
/**
 * @file stream_fill.hpp
 * @brief How many streams per client a phase written `streams_per_writer: fill` (or
 * `streams_per_reader: fill`) runs, so that its clients can load the design up to its bound: the
 * claim-check workload's, for check, size and sweep alike (issue 39). A workload that cannot load
 * the design must not blame the storage for it.
 */
#include <string>

#include "topology/platform_spec.hpp"

namespace podsim {

/** @brief Streams per client node for one direction, and why. */
struct StreamSizing {
  int per_client = 1;         ///< streams each client node runs
  double per_stream = 0;      ///< B/s, the most one stream moves (0: no per-stream ceiling)
  double bound = 0;           ///< B/s, the design's max-flow bound in this direction
  bool capped = false;        ///< the ceilings asked for more than kMaxStreamsPerClient
  [[nodiscard]] std::string text(const char* direction, int clients) const;
};

/** Clients at their per-stream ceilings must reach this much of the bound: streams do not spread
 *  evenly over storage units, and a ceiling reached exactly leaves no room for it. */
inline constexpr double kStreamMargin = 1.25;
/** At most this many streams per client node: beyond it a per-stream ceiling is the design's story. */
inline constexpr int kMaxStreamsPerClient = 64;

/**
 * The streams per client node that let the clients' per-stream ceilings (a stream limit of the client's
 * benchmark process or of the C-node / server, one C-node core per stream at its cycles per byte) reach
 * kStreamMargin x the client bound in that direction, the phase running on `clients` nodes (0: all of
 * them); 1 where no ceiling applies.
 */
[[nodiscard]] StreamSizing streams_to_fill(const PlatformSpec& p, bool write, int clients = 0);

}  // namespace podsim
