#pragma once
/**
 * @file platform_spec.hpp
 * @brief The simulated platform as plain data: hosts, duplex links, disks, leaf membership.
 *
 * Built from a Design; read by sim/ (to make the SimGrid platform) and by the max-flow bound.
 * Links are split-duplex: `up` carries data leaving a node (or entering the spine from a leaf),
 * `down` data arriving. Bonded ports of one node are one link (ports x speed x efficiency);
 * per-stream limits are applied to transfers, not to links.
 */
#include <string>
#include <vector>

#include "topology/design.hpp"

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
};
inline constexpr int kResourceClassCount = 10;
[[nodiscard]] const char* to_string(ResourceClass c);

struct DuplexLinkSpec {
  std::string name;
  ResourceClass cls;
  Bandwidth up;
  Bandwidth down;
  Duration latency;
};

struct PlatformSpec {
  struct Leaf {
    std::string name;
    int uplink = -1;  ///< index into links
  };
  struct Client {
    std::string name;
    int leaf = 0;
    int nic = -1;
  };
  struct CNode {
    std::string name;
    int leaf = 0;
    int port = -1;
    int cores = 1;
    Frequency clock;
    double write_cycles_per_byte = 0;
    double read_cycles_per_byte = 0;
  };
  struct DNode {
    std::string name;
    int leaf = 0;
    int port = -1;
    int controller = -1;  ///< up = read limit, down = write limit
    Bandwidth buffer_read, buffer_write;
    Bytes buffer_capacity;
    Bandwidth capacity_read, capacity_write;
    Bytes destage_unit;
    int destage_streams = 1;
  };
  std::vector<DuplexLinkSpec> links;
  int spine = -1;
  std::vector<Leaf> client_leaves;
  std::vector<Leaf> storage_leaves;
  std::vector<Client> clients;
  std::vector<CNode> cnodes;
  std::vector<DNode> dnodes;
  Protection protection;
};

[[nodiscard]] PlatformSpec make_platform_spec(const Design& d);

}  // namespace podsim
