#pragma once
/**
 * @file design.hpp
 * @brief A storage design: catalog models + counts + wiring + protection + racks, validated.
 *
 * Loaded from a design file (scenarios/designs/<name>.yaml, format in docs/scenario-format.md).
 * Only inputs live here; everything derivable (leaf and spine counts, capacity, racks, power)
 * is computed by the functions in design_facts.hpp, never typed into the file.
 */
#include <cmath>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "topology/catalog.hpp"
#include "topology/yaml_node.hpp"

namespace podsim {

struct Protection {
  int buffer_data = 1;    ///< write-buffer stripe: data strips (mirroring = 1 data + 1 parity)
  int buffer_parity = 1;  ///< write-buffer stripe: parity strips (or extra mirror copies)
  int capacity_data = 1;
  int capacity_parity = 0;
  double reserve = 0;  ///< fraction of post-EC capacity kept free
  /** Servers only (`protection.across_servers`): where a user byte's copies or strips go. The server
   *  that takes a chunk stores `own_share` of it; `peers` next servers store `peer_share` each:
   *  replication r is 1, r - 1, 1; erasure coding k + m across servers is 1/k, k + m - 1, 1/k. */
  double own_share = 1;
  int peers = 0;
  double peer_share = 0;
  /** Who sends the peers' parts: the client (client-side erasure coding: its NICs carry every part,
   *  the server taking the chunk gets only its own) or that server (its NICs out carry them). */
  bool peer_by_client = false;
  std::string peer_source;  ///< where the across-servers figure came from
  /** Bytes written to the buffer per user byte: (data + parity) / data. 2 for mirroring, 1.25 for 8+2. */
  [[nodiscard]] double buffer_amplification() const { return double(buffer_data + buffer_parity) / buffer_data; }
  [[nodiscard]] double capacity_amplification() const {
    return double(capacity_data + capacity_parity) / capacity_data;
  }
  [[nodiscard]] int buffer_width() const { return buffer_data + buffer_parity; }
  /** Bytes stored across servers per user byte (1: no protection across servers). */
  [[nodiscard]] double across_servers() const { return own_share + peers * peer_share; }
  /** Per user byte: bytes into servers' NICs, out of servers' NICs, out of the client's NICs. */
  [[nodiscard]] double server_nic_in() const { return peer_by_client ? across_servers() : 1 + peers * peer_share; }
  [[nodiscard]] double server_nic_out() const { return peer_by_client ? 0 : peers * peer_share; }
  [[nodiscard]] double client_nic_out() const { return peer_by_client ? across_servers() : 1; }
  /** A fitted amplification `a` (>= 1) as replication: the whole chunk kept, a - 1 sent on. */
  void set_across_servers(double a) {
    own_share = 1;
    peers = a > 1 + 1e-9 ? static_cast<int>(std::ceil(a - 1 - 1e-9)) : 0;
    peer_share = peers > 0 ? (a - 1) / peers : 0;
  }
};

/** @brief One side of the fabric: leaf switches and their uplinks to the spine. */
struct LeafTier {
  SwitchModel leaf;
  int uplinks_per_leaf = 0;
  int nodes_per_leaf = 0;  ///< client side only; storage leaves are filled port by port
};

/** @brief A claimed figure: one value ("~11 TB/s") or a range ("4-5 TB/s"), with where it came from. */
template <class T>
struct Claim {
  T low;
  T high;
  std::string source;  ///< the claim's `source:`, or "design file" when it has none
  /** A claim per unit (`{per: server, value: 65 GB/s}`, a datasheet's figure): the unit, its count
   *  in the design and the per-unit figures; low and high are then the totals (count x per unit). */
  std::string per;
  int units = 1;
  T per_low{}, per_high{};
  [[nodiscard]] bool is_range() const { return high > low; }
};

/** @brief What a vendor says the design does (the `claims:` map next to `design:`). */
struct Claims {
  std::optional<Claim<Bandwidth>> read;
  std::optional<Claim<Bandwidth>> write;
  std::optional<Claim<Bytes>> usable;
  std::optional<Claim<double>> racks;
  [[nodiscard]] bool empty() const { return !read && !write && !usable && !racks; }
};

/**
 * @brief How a design was replicated from its building block (`scale_out:`); counts in Design are
 * already the scaled ones. Pods share one spine layer: they are one fabric, simulated together.
 */
struct ScaleOut {
  std::string rule;         ///< "" (none), "pods", "gpus" or "usable"
  double factor = 1;        ///< scaled D-nodes / block D-nodes
  int pods = 1;             ///< whole pods (rule pods/gpus)
  int block_clients = 0, block_cnodes = 0, block_dnodes = 0;
};

struct Design {
  std::string name;
  std::filesystem::path file;
  /** `servers:` instead of `cnodes:` and `dnodes:`: storage servers with internal drives. Each is
   *  simulated as C-node i (its NICs and CPU) writing only to enclosure i (its drives, behind an
   *  internal link and the server's cap), with `protection.raid` as the drive-level amplification. */
  bool internal_drives = false;
  ServerModel server;  ///< the server model when internal_drives
  ClientModel client;
  int client_count = 0;
  CNodeModel cnode;
  int cnode_count = 0;
  DNodeModel dnode;
  int dnode_count = 0;
  LeafTier client_fabric;
  LeafTier storage_fabric;
  SwitchModel spine;
  int spine_count = 0;  ///< given, or derived from the uplinks when the file leaves it out
  Protection protection;
  RackModel rack;
  std::vector<FigureSource> sources;  ///< catalog figures, then the design's own sourced fields
  Claims claims;
  ScaleOut scale_out;

  [[nodiscard]] long long gpu_count() const { return static_cast<long long>(client_count) * client.gpus; }
};

/**
 * @brief Reads and validates a design file; throws InputError naming file, line and field.
 * `scale_out`, when given, replicates the design as the file's own `scale_out:` would (a site of a
 * layout scales a bundled pod without a copy of its file).
 */
[[nodiscard]] Design load_design(const std::filesystem::path& file,
                                 const std::optional<YamlNode>& scale_out = std::nullopt);
/** @brief Reads a `claims:` map (read, write: bandwidth or [low, high]; usable: bytes; racks: count)
 *  for design `d`: a per-unit claim (`per: server | appliance | enclosure`) becomes its total, the
 *  figure times that unit's count in `d`; an error at the map when `d` has no such unit. */
[[nodiscard]] Claims load_claims(const YamlNode& claims_map, const Design& d);
/** @brief Reads the `design:` map of an already-opened document (catalog paths relative to it). */
[[nodiscard]] Design load_design(const YamlNode& design_map, const std::filesystem::path& base_dir,
                                 const std::optional<YamlNode>& scale_out = std::nullopt);

/** A design of servers: its caps as the internal enclosures' controllers (device bytes; a cap on user
 *  bytes times the RAID write amplification). Call it again when a cap or the protection changes. */
void set_server_caps(Design& d);

}  // namespace podsim
