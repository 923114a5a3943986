#pragma once
/**
 * @file fault.hpp
 * @brief Timed hardware faults of a scenario (`faults:`), resolved to platform indices.
 *
 * A fault starts at `at` (simulated time from the run's start) and, for link-type faults, ends at
 * `until`. Enclosure and SSD losses are permanent and start a rebuild; a C-node loss is permanent
 * and its clients fail over. The pure description lives here; sim/ applies it, analysis/ reports it.
 */
#include <optional>
#include <string>
#include <vector>

#include "topology/units.hpp"

namespace podsim {

enum class FaultKind { enclosure_loss, ssd_loss, cnode_loss, link_loss, leaf_loss, wan_outage };
[[nodiscard]] const char* to_string(FaultKind k);

/** @brief How buffer stripes are written while an enclosure is lost. */
enum class DegradedWrites {
  full_protection,  ///< a stripe that would use the lost enclosure uses the next surviving one
  reduced,          ///< it omits the lost enclosure's strip: one fewer parity strip, less written
};

struct Rebuild {
  Bytes data;           ///< bytes to reconstruct (what the lost enclosure or SSDs held)
  Bandwidth rate;       ///< most the rebuild moves, reconstructed bytes per second
  Bytes unit;           ///< reconstructed per step of one rebuild stream
  int streams = 1;      ///< concurrent rebuild steps, one per C-node of the site unless given
  Duration delay;       ///< from the loss to the rebuild's start (detection, spare allocation)
  double read_amplification = 1;  ///< survivor bytes read per reconstructed byte (data strips k)
};

struct FaultSpec {
  FaultKind kind = FaultKind::link_loss;
  std::string target;  ///< as written: a node, link, leaf or site name
  Duration at;
  std::optional<Duration> until;  ///< link faults: when the hardware comes back
  int site = 0;
  // Resolved indices (PlatformSpec); -1 when unused.
  int dnode = -1;
  int cnode = -1;
  std::vector<int> links;  ///< links whose capacity drops (each both directions)
  double remaining = 0;    ///< share of those links' capacity left while the fault lasts (0: down)
  // Enclosure / SSD loss.
  double lost_share = 1;  ///< share of the enclosure's capacity SSDs lost (1: the whole enclosure)
  Rebuild rebuild;
  DegradedWrites writes = DegradedWrites::full_protection;
  // C-node loss.
  Duration failover;  ///< until its clients have moved to the surviving C-nodes
  // WAN outage.
  std::optional<Bytes> local_free;  ///< capacity free for checkpoints at the site (default: usable)
  /** When the fault's direct effect ends: `until`, the failover's end, or never (rebuild: known only after the run). */
  [[nodiscard]] std::optional<double> effect_end() const;
};

}  // namespace podsim
