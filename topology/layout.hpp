#pragma once
/**
 * @file layout.hpp
 * @brief Where designs run: one site, or several sites (each its own pods and fabric) joined by
 * WAN links to a shared object store. A single design file is a one-site layout without a WAN.
 *
 * Layout file (scenarios/designs/three-sites.yaml, format in docs/scenario-format.md):
 *   layout: {name, catalog: [...], sites: [{name, design, scale_out?, wan?}], object_store?: {model, stored, accounts?},
 *            copy_host?: MODEL}
 * One site without an object store is a scaled copy of a design file (scenarios/designs/ncp-pod-1eb.yaml).
 */
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "topology/design.hpp"

namespace podsim {

struct Site {
  std::string name;
  Design design;
  std::optional<WanModel> wan;  ///< none for a lone design: nothing leaves the site
};

/** @brief The object store at the far end of every WAN link, sized by what it stores. */
struct ObjectStoreSite {
  ObjectStoreModel model;
  Bytes stored;
  int accounts = 0;      ///< storage accounts the sites write through
  bool accounts_given = false;  ///< false: as many as the capacity-proportional throughput needs
  /** What the store accepts: the capacity-proportional throughput, capped by the accounts' ingress. */
  [[nodiscard]] Bandwidth ingress() const;
  [[nodiscard]] Bandwidth egress() const;
};

struct Layout {
  std::string name;
  std::filesystem::path file;
  std::vector<Site> sites;
  std::optional<ObjectStoreSite> object_store;
  /** What a `movement: {strategy: copy_hosts}` phase runs its copies on, each site its own hosts. */
  std::optional<CopyHostModel> copy_host;
  std::vector<FigureSource> sources;  ///< WAN and object-store figures (site designs keep their own)
  [[nodiscard]] bool multi_site() const { return sites.size() > 1 || object_store.has_value(); }
  [[nodiscard]] long long gpu_count() const;
  [[nodiscard]] long long client_count() const;
  /** Per client node, in global order (site by site): its GPUs, and its site's index. */
  [[nodiscard]] std::vector<int> gpus_per_client() const;
  [[nodiscard]] std::vector<int> site_of_client() const;
  /** Per C-node, in global order: its site's index. */
  [[nodiscard]] std::vector<int> site_of_cnode() const;
};

/** @brief The derived facts of one site (or, from layout_totals, of all sites together). */
struct SiteFacts {
  std::string name;
  long long gpus = 0;
  long long clients = 0, cnodes = 0, dnodes = 0;
  bool servers = false;  ///< servers with internal drives: cnodes counts servers, dnodes their drive sets
  Bytes usable;
  int storage_racks = 0;        ///< storage side, its spine racks included
  int storage_spine_racks = 0;  ///< of which the storage side's spine switches
  int fabric_racks = 0;         ///< the client side's spine racks: compute fabric, not storage
  Power power_typical;  ///< storage side (C-nodes, D-nodes, storage leaves, its spine switches)
  Power power_max;
  Power fabric_power_typical;  ///< compute fabric (client leaves, the client side's spine switches)
  Power fabric_power_max;
};
[[nodiscard]] std::vector<SiteFacts> site_facts(const Layout& l);
[[nodiscard]] SiteFacts layout_totals(const Layout& l);

/** @brief A lone design as a one-site layout (no WAN, no object store). */
[[nodiscard]] Layout single_site_layout(Design design);
/** @brief Reads a `layout:` file; throws InputError naming file, line and field. */
[[nodiscard]] Layout load_layout(const std::filesystem::path& file);
/** @brief True when the file's top-level key is `layout:`. */
[[nodiscard]] bool is_layout_file(const std::filesystem::path& file);

}  // namespace podsim
