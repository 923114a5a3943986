#pragma once
/**
 * @file catalog.hpp
 * @brief Hardware models read from catalog files (topology/catalog/<name>.yaml).
 *
 * One place per fact: every figure lives in a catalog entry with its unit and a source line.
 * An entry's `source:` covers its bare figures; a figure written `{value: ..., source: ...}`
 * carries its own. Assumed figures say `assumed: <why>`. Entries reference one another by name
 * (a D-node names its SSD and NIC models); references are checked when the catalog loads.
 */
#include <filesystem>
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "topology/units.hpp"
#include "topology/yaml_node.hpp"

namespace podsim {

/** @brief Where one figure came from, for reports and the HDF5 echo. */
struct FigureSource {
  std::string model;
  std::string field;
  std::string source;
  /** `derived_from: claim`: the figure was worked out from the claim under test (e.g. 11 TB/s / 180
   *  enclosures), so a verdict that rests on it is circular, never "holds". */
  bool derived_from_claim = false;
};

struct NicModel {
  std::string name;
  int ports = 0;
  Bandwidth port_speed;
  /** How the storage protocol rides the wire: rdma-ib, opa, roce, tcp, slingshot ("" when the
   *  catalog does not say). Profiles set efficiencies per transport (`efficiency.tcp.write`). */
  std::string transport;
  /** Fraction of line rate the storage protocol achieves for bytes moving toward storage (a
   *  client's transmit, a storage node's receive) and away from it. `efficiency: 0.96` sets both. */
  double efficiency_write = 1.0;
  double efficiency_read = 1.0;
  void set_efficiency(double e) { efficiency_write = efficiency_read = e; }
};

struct SsdModel {
  std::string name;
  Bytes capacity;
  Bandwidth read;
  Bandwidth write;
};

struct SwitchModel {
  std::string name;
  int ports = 0;
  Bandwidth port_speed;
  int rack_units = 0;
  Duration latency;
  Power typical_power;
  Power max_power;
  /** Total switching capacity, one direction: ports x speed. */
  [[nodiscard]] Bandwidth capacity() const { return port_speed * ports; }
};

struct RackModel {
  std::string name;
  int rack_units = 0;
  Power power_budget;
};

/** @brief The storage NICs of a node: `nic_count` cards of one model. */
struct NicAttachment {
  NicModel nic;
  int nic_count = 0;
  [[nodiscard]] int ports() const { return nic.ports * nic_count; }
  [[nodiscard]] Bandwidth line_rate() const { return nic.port_speed * double(ports()); }
  /** Usable bandwidth of the node for bytes toward storage: ports x speed x write efficiency. */
  [[nodiscard]] Bandwidth write_bandwidth() const { return line_rate() * nic.efficiency_write; }
  /** ... and for bytes from storage. */
  [[nodiscard]] Bandwidth read_bandwidth() const { return line_rate() * nic.efficiency_read; }
};

/**
 * @brief The file-system client a client node runs (Lustre, DAOS, NFS over TCP with nconnect, NFS
 * over RDMA, GPUDirect Storage): the most one client node moves, whatever its NICs. Enforced as a
 * cap on the node's NIC link, per direction; zero: no limit of its own.
 */
struct ProtocolModel {
  std::string name;
  std::string protocol_class;  ///< e.g. lustre, daos, nfs-tcp, nfs-rdma, gpfs, beegfs, wekafs, cephfs
  Bandwidth per_client_write;
  Bandwidth per_client_read;
};

/** @brief A GPU node (an NVL72 tray, an HGX server): the client of the storage. */
struct ClientModel : NicAttachment {
  std::string name;
  int gpus = 0;
  ProtocolModel protocol;  ///< set by the design's `clients: {protocol: X}`; none by default
  /** Identical client nodes one simulated client stands for (`nodes:`, default 1): its NICs and
   *  GPUs are already the group's, its protocol limit is per node, so the group's is `nodes` x it. */
  int nodes = 1;
  /** The benchmark whose client the node runs (`ior`, `dlio`), for the corpus's rows; empty for a
   *  design's GPU nodes. A profile's `host_limit.<benchmark>.*` and `stream_limit.<benchmark>.*`
   *  reach only nodes that run it. */
  std::string benchmark;
  /** Most one node's benchmark client moves (CPU, memory copies), per direction; zero: no limit. */
  Bandwidth host_limit_write, host_limit_read;
  /** Most one of its processes (or reader threads) moves, per direction; zero: no limit. */
  Bandwidth stream_limit_write, stream_limit_read;
  /** The node's NIC link toward storage, capped by its protocol's and its benchmark client's
   *  per-node limits; and from it. */
  [[nodiscard]] Bandwidth link_write() const {
    return capped(capped(write_bandwidth(), protocol.per_client_write), host_limit_write);
  }
  [[nodiscard]] Bandwidth link_read() const { return capped(capped(read_bandwidth(), protocol.per_client_read), host_limit_read); }

 private:
  [[nodiscard]] Bandwidth capped(Bandwidth nic, Bandwidth per_node) const {
    return per_node.bytes_per_second() > 0 ? std::min(nic, per_node * nodes) : nic;
  }
};

/** @brief A storage server ("C-node"): protocol, metadata and data-path CPU; stateless. */
struct CNodeModel : NicAttachment {
  std::string name;
  int cores = 0;
  Frequency clock;
  double write_cycles_per_byte = 0;
  double read_cycles_per_byte = 0;
  /** Cycles per user byte migrated from the write buffer to the capacity tier (similarity
   *  reduction, compression, wide-stripe erasure coding): spent only when migration runs in the
   *  C-nodes (`Migration::Mode::cnodes`). */
  double migrate_cycles_per_byte = 0;
  /** Most one client stream (connection) moves through this C-node; zero: no limit (a profile sets it). */
  Bandwidth stream_limit;
  /** A chassis holds several C-nodes (a CBox: 4 in 2U). */
  int chassis_rack_units = 0;
  int nodes_per_chassis = 1;
  Power typical_power;  ///< per node
  Power max_power;      ///< per node
};

/**
 * @brief Where and when data moves from the write buffer to the capacity tier (docs/simgrid-model.md).
 * `enclosure`: inside the enclosure, buffer SSDs to capacity SSDs, no fabric and no C-node.
 * `cnodes`: a C-node reads the buffer's data strips over the fabric, reduces and erasure-codes them
 * (CPU per byte), and writes the capacity stripe over the fabric, competing with client traffic.
 * It starts when an enclosure's buffer fill reaches `high_water` and stops at `low_water`; `pace`,
 * when set, caps each enclosure's migration rate (user bytes read from its buffer per second).
 */
struct Migration {
  enum class Mode { enclosure, cnodes };
  Mode mode = Mode::enclosure;
  double high_water = 0;  ///< fraction of the buffer: 0 migrates as soon as a unit has landed
  double low_water = 0;   ///< fraction of the buffer: migration stops at or below it
  Bandwidth pace;         ///< per enclosure; zero: as fast as the resources allow
  std::string source;     ///< where the mode and marks come from
};
[[nodiscard]] const char* to_string(Migration::Mode m);
/** Sets the keys `v` gives of `{mode: enclosure | cnodes, high_water, low_water, pace}` (the catalog's
 *  figure, or a design's override of it) and checks the marks together; fails at the node otherwise. */
void read_migration(const YamlNode& v, Migration& m);

/** @brief An NVMe enclosure ("D-node", DBox): write-buffer SSDs, capacity SSDs, ports, controller. */
struct DNodeModel : NicAttachment {
  std::string name;
  Bandwidth controller_read;   ///< enclosure-wide PCIe/controller limit, data leaving the box
  Bandwidth controller_write;  ///< data entering the box
  SsdModel buffer_ssd;
  int buffer_ssd_count = 0;
  SsdModel capacity_ssd;
  int capacity_ssd_count = 0;
  Bytes destage_unit;       ///< bytes moved from buffer to capacity tier per destage operation
  int destage_streams = 1;  ///< concurrent destage operations per enclosure
  Migration migration;
  int rack_units = 0;
  Power typical_power;
  Power max_power;
  [[nodiscard]] Bytes buffer_capacity() const { return buffer_ssd.capacity * buffer_ssd_count; }
  [[nodiscard]] Bytes raw_capacity() const { return capacity_ssd.capacity * capacity_ssd_count; }
};

/**
 * @brief A storage server with internal drives (a Lustre OSS, DAOS engine, WEKA or BeeGFS server,
 * Ceph OSD host, NFS server) or a controller appliance: NICs, CPU and drives in one box, no fabric
 * hop between its front end and its drives. A design of such servers is simulated as C-node i
 * writing only to its own internal "enclosure" i (docs/validation.md).
 */
struct ServerModel : NicAttachment {
  std::string name;
  std::string server_class;  ///< file-system class (lustre, daos, ...): profiles cap servers per class
  int cores = 1;
  Frequency clock;
  double write_cycles_per_byte = 0;
  double read_cycles_per_byte = 0;
  SsdModel drive;
  int drive_count = 0;
  /** Throughput cap of the box (controller appliance, PCIe, software), zero: none. */
  Bandwidth cap_read, cap_write;
  /** What the cap counts: user bytes (a datasheet's "65 GB/s write"), or device bytes, parity and
   *  RAID included (a controller's or PCIe ceiling). The catalog's `cap.counts`, `device` if unsaid. */
  bool cap_counts_user = false;
  [[nodiscard]] bool has_cap() const { return cap_write.bytes_per_second() > 0 || cap_read.bytes_per_second() > 0; }
  int rack_units = 1;
  Power typical_power, max_power;
};

/** A server's link between its front end and its own drives: internal, never the limit (100 TB/s). */
inline constexpr Bandwidth kInternalLink = Bandwidth::from_bytes_per_second(1e14);

/**
 * @brief A public-cloud object store as capacity-proportional throughput plus per-account limits
 * (the baseline the designs are compared with, and the far end of the WAN).
 */
struct ObjectStoreModel {
  std::string name;
  Bandwidth guidance_throughput;  ///< read and write alike, per `guidance_per` stored
  Bytes guidance_per;
  Bytes account_capacity;   ///< default limits of one account
  Bandwidth account_ingress;
  Bandwidth account_egress;
  double account_requests = 0;  ///< per second
  /** Largest request a URL-based (service-to-service) copy takes; zero: the store has no such copy. */
  Bytes url_copy_max_request;
  /** Work per byte at the local end of the store's HTTPS protocol (TLS, HTTP, TCP), paid by whoever
   *  runs the copy (a C-node or a copy host); zero: not modelled. */
  double https_cycles_per_byte = 0;
  /** Throughput the guidance gives for `stored` bytes. */
  [[nodiscard]] Bandwidth throughput_for(Bytes stored) const { return guidance_throughput * (stored / guidance_per); }
};

/** @brief A host that runs a copy tool (azcopy-like) between the local storage and the object store:
 *  its NICs carry both legs, its CPU the tool's work per byte. */
struct CopyHostModel {
  std::string name;
  NicModel nic;
  int nic_count = 1;
  int cores = 1;
  Frequency clock;
  double upload_cycles_per_byte = 0;    ///< per byte copied to the store (read locally, sent over HTTPS)
  double download_cycles_per_byte = 0;  ///< per byte copied from it
  [[nodiscard]] Bandwidth bandwidth() const {
    return nic.port_speed * double(nic.ports * nic_count) * nic.efficiency_write;
  }
};

/** @brief A site's wide-area link to the object store (bonded circuits as one link). */
struct WanModel {
  std::string name;
  Bandwidth bandwidth;  ///< each direction
  Duration latency;     ///< one way
};

class Catalog {
 public:
  /** @brief Loads and cross-checks catalog files; later files may not redefine a name. */
  [[nodiscard]] static Catalog load(const std::vector<std::filesystem::path>& files,
                                    const std::vector<YamlNode>& inline_docs = {});
  /** @brief Loads the files a `catalog: [...]` list names, relative to `base_dir`; a missing file
   *  is an error at its list item. */
  [[nodiscard]] static Catalog load_listed(const YamlNode& list, const std::filesystem::path& base_dir);

  // Lookups by name; `where` is "file:line: field" context for the unknown-model error.
  [[nodiscard]] const ClientModel& client(const std::string& name) const;
  [[nodiscard]] const CNodeModel& cnode(const std::string& name) const;
  [[nodiscard]] const DNodeModel& dnode(const std::string& name) const;
  [[nodiscard]] const SwitchModel& switch_model(const std::string& name) const;
  [[nodiscard]] const RackModel& rack(const std::string& name) const;
  [[nodiscard]] const ObjectStoreModel& object_store(const std::string& name) const;
  [[nodiscard]] const WanModel& wan(const std::string& name) const;
  [[nodiscard]] const CopyHostModel& copy_host(const std::string& name) const;
  [[nodiscard]] const NicModel& nic(const std::string& name) const;
  [[nodiscard]] const ServerModel& server(const std::string& name) const;
  [[nodiscard]] const ProtocolModel& protocol(const std::string& name) const;
  [[nodiscard]] const std::vector<FigureSource>& sources() const { return sources_; }
  /** @brief Every D-node model's name, sorted (what `podsim size --vary dnodes.model` may choose from). */
  [[nodiscard]] std::vector<std::string> dnode_names() const;

 private:
  friend class CatalogLoader;
  std::map<std::string, NicModel> nics_;
  std::map<std::string, SsdModel> ssds_;
  std::map<std::string, SwitchModel> switches_;
  std::map<std::string, RackModel> racks_;
  std::map<std::string, ClientModel> clients_;
  std::map<std::string, CNodeModel> cnodes_;
  std::map<std::string, DNodeModel> dnodes_;
  std::map<std::string, ObjectStoreModel> object_stores_;
  std::map<std::string, WanModel> wans_;
  std::map<std::string, CopyHostModel> copy_hosts_;
  std::map<std::string, ServerModel> servers_;
  std::map<std::string, ProtocolModel> protocols_;
  std::vector<FigureSource> sources_;
};

/** @brief Thrown by Catalog lookups; callers rethrow it as an InputError at the referencing field. */
class UnknownModel : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace podsim
