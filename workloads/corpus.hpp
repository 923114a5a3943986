#pragma once
/**
 * @file corpus.hpp
 * @brief A corpus of published, measured storage runs (IO500 ior-easy, MLPerf Storage unet3d and
 * checkpointing), each turned into a design of servers with internal drives and a workload, so
 * `podsim validate` can simulate it and compare (docs/validation.md).
 *
 * Two CSV layouts are read, told apart by their header: the throughput layout (`measured_GBps`,
 * `storage_servers`, `server_nic_count`, ...) and the checkpoint layout (`ranks`, `client_hosts`,
 * `storage_nodes`, ...). A row that lacks a figure the model needs is kept, marked skipped with
 * the missing column named; every figure the model supplies itself is listed in `assumptions`.
 */
#include <filesystem>
#include <string>
#include <vector>

#include "topology/profile.hpp"

namespace podsim {

enum class CorpusBenchmark { ior_easy, unet3d, checkpoint };
[[nodiscard]] const char* to_string(CorpusBenchmark b);

struct CorpusRow {
  std::string file;
  int line = 0;
  std::string id;
  std::string system;  ///< left out together by leave-one-system-out (the `system` column, else from the id)
  CorpusBenchmark benchmark = CorpusBenchmark::ior_easy;
  bool write = true;
  double measured_gbps = 0;   ///< decimal GB/s
  std::string filesystem;     ///< as the source states it
  std::string fs_class;       ///< lustre, beegfs, daos, ... (corpus_fs_classes())
  std::string protocol_class; ///< the client's protocol class: fs_class, or nfs-tcp / nfs-rdma
  std::string transport;      ///< rdma-ib, opa, roce, tcp, slingshot
  int servers = 0;
  int server_ports = 0;       ///< per server
  double server_port_gbps = 0;
  int drives = 0;             ///< in all; 0: not stated
  double drive_read_gbps = 0, drive_write_gbps = 0;  ///< per drive; 0: not stated
  int clients = 0;
  int client_ports = 0;       ///< per client; 0: not stated
  double client_port_gbps = 0;
  long long processes = 0;    ///< writers or readers in all
  std::string preset;         ///< checkpoint rows: the Llama3 preset
  std::string accelerator;    ///< unet3d rows: the emulated accelerator (H100, A100)
  /** unet3d rows: what the emulated accelerators consume when storage keeps up, at the AU floor the
   *  rules require (workloads/presets/dlio-accelerators.yaml), B/s in all; 0: no such demand. */
  double demand = 0;
  std::string skipped;        ///< why it cannot be simulated ("storage_servers not stated"), else ""
  /** A loose check: simulated with an assumed figure (1 port per server where IO500 states none);
   *  never fitted, never in the error statistics. */
  bool loose = false;
  std::vector<std::string> assumptions;  ///< figures the model supplies, in words
  /** Client NIC count and speed stated: the client is hardware the model knows, not a stand-in. */
  [[nodiscard]] bool client_stated() const { return client_ports > 0 && client_port_gbps > 0; }
  [[nodiscard]] std::string where() const { return file + ":" + std::to_string(line); }
};

/** @brief The benchmark client a row's hosts run: `ior` (IO500 ior-easy) or `dlio` (both MLPerf
 *  Storage workloads); the subject of its `host_limit.*` and `stream_limit.*` knobs. */
[[nodiscard]] const char* benchmark_client(CorpusBenchmark b);

/** @brief Reads a corpus CSV; InputError naming file, line and column on bad input. */
[[nodiscard]] std::vector<CorpusRow> load_corpus(const std::filesystem::path& file, bool loose = false);
/** @brief The same from text, as if read from a file named `name` (the fuzz target, tests). */
[[nodiscard]] std::vector<CorpusRow> parse_corpus(const std::string& text, const std::string& name, bool loose = false);

/** @brief The file-system classes podsim knows, with the source texts that map to each. */
[[nodiscard]] const std::vector<std::pair<std::string, std::string>>& corpus_fs_classes();

/** @brief The class of a file system as a source names it ("WekaFS" -> wekafs), matched by whole
 *  words (OceanFS is not NFS); "" when podsim knows none of its words. */
[[nodiscard]] std::string fs_class_named(const std::string& filesystem);

/**
 * @brief The row as a scenario file: an inline design (servers with internal drives, a non-blocking
 * fabric, every model inline with its source or "assumed") and one phase, its benchmark's workload.
 * `defaults` supplies the shared knobs (NIC efficiency per transport and direction, per-client and
 * per-server limits per class); without it, line rate and no limits.
 */
[[nodiscard]] std::string corpus_scenario_yaml(const CorpusRow& row, const Profile* defaults);

/** @brief A DLIO-emulated accelerator's demand (B/s, at the AU floor) and the figures behind it,
 *  from workloads/presets/dlio-accelerators.yaml; std::invalid_argument naming the known types. */
struct AcceleratorDemand {
  double bytes_per_second = 0;
  int batch = 0;
  int read_threads = 0;  ///< reader threads per accelerator (DLIO's default)
  double computation_seconds = 0, sample_bytes = 0, au = 0;
  std::string source;
};
[[nodiscard]] AcceleratorDemand accelerator_demand(const std::string& type);

/** @brief A file-system class's protection across servers by default (topology/catalog/across-servers.yaml,
 *  compiled in): bytes stored across servers per user byte (1: none), who sends the copies, the source.
 *  A class the file does not list takes `any`. */
struct AcrossServersDefault {
  double stored = 1;
  bool by_client = false;
  std::string source;
};
[[nodiscard]] AcrossServersDefault across_servers_default(const std::string& fs_class);

/** @brief The shared knobs podsim ships (topology/catalog/shared-knobs.yaml, compiled in). */
[[nodiscard]] const Profile& shipped_shared_knobs();

}  // namespace podsim
