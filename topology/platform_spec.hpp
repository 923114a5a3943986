#pragma once
/**
 * @file platform_spec.hpp
 * @brief The simulated platform as plain data: hosts, duplex links, disks, leaf and site membership.
 *
 * Built from a Layout (one site, or several joined by WAN links to an object store); read by sim/
 * (to make the SimGrid platform) and by the max-flow bound. Links are split-duplex: `up` carries
 * data leaving a node (or a leaf toward its spine, or a site toward the WAN), `down` data
 * arriving. Bonded ports of one node are one link (ports x speed x efficiency).
 */
#include <string>
#include <vector>

#include "topology/layout.hpp"

namespace podsim {

enum class ResourceClass {
  client_nic,
  client_leaf_uplink,
  spine,
  storage_leaf_uplink,
  cnode_port,
  cnode_cpu,
  dnode_port,
  dnode_controller,
  buffer_ssd,
  capacity_ssd,
  wan,           ///< a site's link to the object store: up = toward it, down = back
  object_store,  ///< the store's intake: down = ingress (writes to it), up = egress
  copy_host_nic,       ///< a copy host's NICs: up = data it sends, down = data it receives
  copy_host_cpu,       ///< a copy host's cores running the copy tool
  request_round_trip,  ///< a copy phase's streams waiting out request round trips (stream-seconds)
};
[[nodiscard]] const char* to_string(ResourceClass c);

struct DuplexLinkSpec {
  std::string name;
  ResourceClass cls;
  Bandwidth up;
  Bandwidth down;
  Duration latency;
  int members = 1;  ///< parallel ports, uplinks or switches it stands for (a fault may take some down)
};

/** @brief A contiguous range of node indices. */
struct IndexRange {
  int first = 0;
  int count = 0;
  [[nodiscard]] int end() const { return first + count; }
};

struct PlatformSpec {
  struct Site {
    std::string name;
    int spine = -1;  ///< link index
    int wan = -1;    ///< link index, -1 when the site has no WAN
    Protection protection;
    IndexRange clients, cnodes, dnodes, copy_hosts;
  };
  struct Leaf {
    std::string name;
    int uplink = -1;  ///< index into links
    int site = 0;
  };
  struct Client {
    std::string name;
    int leaf = 0;
    int nic = -1;
    int site = 0;
    double stream_limit_write = 0, stream_limit_read = 0;  ///< B/s per stream of its benchmark client, 0: none
  };
  struct CNode {
    std::string name;
    int leaf = 0;
    int port = -1;
    int site = 0;
    int cores = 1;
    Frequency clock;
    double write_cycles_per_byte = 0;
    double read_cycles_per_byte = 0;
    double migrate_cycles_per_byte = 0;  ///< per user byte migrated, when migration runs in the C-nodes
    double stream_limit = 0;  ///< B/s per client stream, 0: none
    /** A server with internal drives: the enclosure holding its own drives, which it alone writes
     *  and reads over an internal link (no port, no fabric); -1 for a C-node of a disaggregated design. */
    int own_dnode = -1;
  };
  struct DNode {
    std::string name;
    int leaf = 0;
    int port = -1;
    int site = 0;
    int controller = -1;  ///< up = read limit, down = write limit
    Bandwidth buffer_read, buffer_write;
    Bytes buffer_capacity;
    Bandwidth capacity_read, capacity_write;
    Bytes destage_unit;
    int destage_streams = 1;
    Migration migration;  ///< where migration runs, its water marks and pace
  };
  /** A host running a copy tool between the site's storage and the object store (on the site's spine). */
  struct CopyHost {
    std::string name;
    int nic = -1;
    int site = 0;
    int cores = 1;
    Frequency clock;
    double upload_cycles_per_byte = 0;
    double download_cycles_per_byte = 0;
  };
  std::vector<DuplexLinkSpec> links;
  std::vector<Site> sites;
  int object_store = -1;  ///< link index of the object store's intake, -1 without one
  std::vector<Leaf> client_leaves;
  std::vector<Leaf> storage_leaves;
  std::vector<Client> clients;
  std::vector<CNode> cnodes;
  std::vector<DNode> dnodes;
  std::vector<CopyHost> copy_hosts;  ///< site by site
};

[[nodiscard]] PlatformSpec make_platform_spec(const Layout& layout);
/** @brief The layout with `copy_hosts_per_site` hosts of its copy_host model at each site. */
[[nodiscard]] PlatformSpec make_platform_spec(const Layout& layout, int copy_hosts_per_site);
/** @brief A lone design: one site, no WAN (node names carry no site prefix). */
[[nodiscard]] PlatformSpec make_platform_spec(const Design& d);

}  // namespace podsim
