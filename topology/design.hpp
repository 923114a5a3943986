#pragma once
/**
 * @file design.hpp
 * @brief A storage design: catalog models + counts + wiring + protection + racks, validated.
 *
 * Loaded from a design file (scenarios/designs/<name>.yaml, format in docs/scenario-format.md).
 * Only inputs live here; everything derivable (leaf and spine counts, capacity, racks, power)
 * is computed by the functions in design_facts.hpp, never typed into the file.
 */
#include <filesystem>
#include <string>
#include <vector>

#include "topology/catalog.hpp"

namespace podsim {

class YamlNode;

struct Protection {
  int buffer_data = 1;    ///< write-buffer stripe: data strips (mirroring = 1 data + 1 parity)
  int buffer_parity = 1;  ///< write-buffer stripe: parity strips (or extra mirror copies)
  int capacity_data = 1;
  int capacity_parity = 0;
  double reserve = 0;  ///< fraction of post-EC capacity kept free
  /** Bytes written to the buffer per user byte: (data + parity) / data. 2 for mirroring, 1.25 for 8+2. */
  [[nodiscard]] double buffer_amplification() const { return double(buffer_data + buffer_parity) / buffer_data; }
  [[nodiscard]] double capacity_amplification() const {
    return double(capacity_data + capacity_parity) / capacity_data;
  }
  [[nodiscard]] int buffer_width() const { return buffer_data + buffer_parity; }
};

/** @brief One side of the fabric: leaf switches and their uplinks to the spine. */
struct LeafTier {
  SwitchModel leaf;
  int uplinks_per_leaf = 0;
  int nodes_per_leaf = 0;  ///< client side only; storage leaves are filled port by port
};

struct Design {
  std::string name;
  std::filesystem::path file;
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
  std::vector<FigureSource> sources;

  [[nodiscard]] int gpu_count() const { return client_count * client.gpus; }
};

/** @brief Reads and validates a design file; throws InputError naming file, line and field. */
[[nodiscard]] Design load_design(const std::filesystem::path& file);
/** @brief Reads the `design:` map of an already-opened document (catalog paths relative to it). */
[[nodiscard]] Design load_design(const YamlNode& design_map, const std::filesystem::path& base_dir);

}  // namespace podsim
