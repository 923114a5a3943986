#pragma once
/**
 * @file design_facts.hpp
 * @brief Facts derived from a Design: fabric sizes, capacity, racks, power, line-rate ceilings.
 * Formulas are written out in docs/design-facts.md.
 */
#include <string>
#include <vector>

#include "topology/design.hpp"

namespace podsim {

/** @brief Node-port lanes a switch port breaks out into (an 800G port = 4 x 200G lanes). */
[[nodiscard]] int breakout_lanes(const SwitchModel& sw, Bandwidth node_port_speed);

struct FabricFacts {
  int client_leaves = 0;
  int storage_leaves = 0;
  int storage_lanes_per_leaf = 0;   ///< node-port lanes on a storage leaf's downlinks
  int spine_ports_needed = 0;
  double client_oversubscription = 0;   ///< leaf downlink line rate / uplink line rate
  double storage_oversubscription = 0;
};
[[nodiscard]] FabricFacts fabric_facts(const Design& d);

/** @brief The storage leaf of every C-node and D-node (C-nodes first in the result). */
struct StorageLeafAssignment {
  std::vector<int> cnode_leaf;
  std::vector<int> dnode_leaf;
};
[[nodiscard]] StorageLeafAssignment assign_storage_leaves(const Design& d);

struct CapacityFacts {
  Bytes raw;          ///< capacity-tier SSDs, all enclosures
  Bytes after_ec;     ///< raw x data / (data + parity)
  Bytes usable;       ///< after_ec x (1 - reserve)
  Bytes write_buffer; ///< buffer SSDs, raw
};
[[nodiscard]] CapacityFacts capacity_facts(const Design& d);

/** @brief One piece of equipment placed in a rack. */
struct RackItem {
  std::string kind;  ///< "cnode-chassis", "dnode", "storage-leaf", "spine"
  std::string label;
  int first_unit = 0;  ///< 1-based, bottom up
  int units = 0;
  Power typical;
  Power max;
};
/** Which side a rack serves. Spine switches get racks of their own, split by side (spine_split). */
enum class RackRole { storage, storage_spine, client_spine };
struct Rack {
  std::string name;
  std::vector<RackItem> items;
  Power typical;
  Power max;
  int used_units = 0;
  RackRole role = RackRole::storage;
};
/** The spine is shared by the storage and the client (GPU) leaves. Its switches are attributed to
 *  each side in proportion to the uplink ports that side's leaves use, in whole switches, the
 *  storage side's count rounded up (docs/design-facts.md). */
struct SpineSplit {
  int storage = 0;
  int client = 0;
};
[[nodiscard]] SpineSplit spine_split(const Design& d);
/** Which power a rack's budget is checked against: every item's maximum (the default, what a
 *  facility must provision without power capping) or its typical draw. */
enum class PackingPower { max, typical };
/** @brief Greedy rack layout of the storage side (rule in docs/design-facts.md). */
[[nodiscard]] std::vector<Rack> rack_layout(const Design& d, PackingPower by = PackingPower::max);
/** @brief Storage-side racks: C-nodes, D-nodes, storage leaves and the storage side's spine
 *  switches (what a rack-count claim counts). */
[[nodiscard]] int storage_rack_count(const std::vector<Rack>& layout);
/** @brief Racks of the storage side's spine switches (part of storage_rack_count). */
[[nodiscard]] int storage_spine_rack_count(const std::vector<Rack>& layout);
/** @brief Racks of the client side's spine switches: compute fabric, not storage. */
[[nodiscard]] int client_fabric_rack_count(const std::vector<Rack>& layout);

struct PowerFacts {
  Power storage_typical;  ///< C-nodes + D-nodes + storage leaves + the storage side's spine switches
  Power storage_max;
  Power client_fabric_typical;  ///< client leaves + the client side's spine switches: the GPU build's
  Power client_fabric_max;
};
[[nodiscard]] PowerFacts power_facts(const Design& d);

/** @brief Line-rate ceilings per resource class, in user bytes per second (no contention). */
struct Ceiling {
  std::string resource;
  Bandwidth write;
  Bandwidth read;
};
[[nodiscard]] std::vector<Ceiling> line_rate_ceilings(const Design& d);

}  // namespace podsim
