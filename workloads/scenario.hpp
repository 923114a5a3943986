#pragma once
/**
 * @file scenario.hpp
 * @brief A run: a design plus timed I/O phases (checkpoint-write bursts, pre-staging reads).
 * File format in docs/scenario-format.md.
 */
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "topology/layout.hpp"
#include "topology/platform_slice.hpp"
#include "topology/profile.hpp"
#include "workloads/fault.hpp"
#include "workloads/placement.hpp"
#include "workloads/trace.hpp"

namespace podsim {

/**
 * checkpoint_write: ranks write their shards; restore_read: they read them back at once.
 * prestage_read: client nodes read a dataset from the capacity tier.
 * object_store_drain: every site copies a finished checkpoint from its capacity tier to the
 * object store over its WAN link, its C-nodes running the copies.
 * object_store_fetch: the reverse, a dataset copied from the object store into the capacity tier.
 * trace_replay: timed operations issued as a trace file says.
 */
enum class PhaseKind { checkpoint_write, prestage_read, object_store_drain, restore_read, object_store_fetch, trace_replay };
[[nodiscard]] bool is_write(PhaseKind k);      ///< client writes through the buffer
[[nodiscard]] bool is_cnode_copy(PhaseKind k); ///< drain or fetch: the C-nodes run the copies
[[nodiscard]] const char* to_string(PhaseKind k);

/**
 * @brief How a drain or fetch moves its bytes (docs/data-movement.md).
 * storage_mover: the C-nodes copy, one request per chunk, over the WAN (the default).
 * copy_hosts: `hosts` per site run a copy tool; the C-nodes only serve the local reads or writes.
 * service_to_service: the object store pulls each request by URL from the C-nodes' S3 endpoint
 *   (two round trips per request: the copy request, then the store's GET).
 * Every request waits `round_trip` after its bytes moved, so a stream carries at most
 * request / (round_trip + request / bandwidth).
 */
enum class MovementStrategy { storage_mover, copy_hosts, service_to_service };
[[nodiscard]] const char* to_string(MovementStrategy s);

struct MovementSpec {
  bool given = false;  ///< false: a drain or fetch without `movement:` (the mover, no request latency)
  MovementStrategy strategy = MovementStrategy::storage_mover;
  int hosts = 0;             ///< copy hosts per site (copy_hosts)
  int streams = 1;           ///< concurrent requests per C-node, or per copy host
  Duration round_trip;       ///< waited per request, after its bytes
  int round_trips = 1;       ///< per request: 2 for a URL copy
  std::optional<Bandwidth> target;  ///< what the summary sizes hosts, accounts and streams for
};

/** @brief One I/O phase, fully resolved: who moves how many bytes, in what chunks. */
struct PhaseSpec {
  std::string name;
  PhaseKind kind = PhaseKind::checkpoint_write;
  int job = 0;                       ///< index into Scenario::jobs
  Bytes total;                       ///< user bytes written or read in the phase
  std::vector<int> writers_on_client;  ///< writers (ranks, readers, trace ops) per client node; empty for a C-node copy
  std::vector<Bytes> per_cnode;      ///< drain/fetch: bytes each copier (C-node, or copy host) moves, else empty
  Bytes per_writer;                  ///< bytes each writer moves, when writer_bytes is empty
  std::vector<double> writer_bytes;  ///< B per writer when they differ (ZeRO shards), numbered client by client
  Bytes chunk;                       ///< transfer unit per stream
  int streams_per_writer = 1;        ///< concurrent chunks in flight per writer (per C-node for a drain)
  /** `streams_per_writer: fill` (`streams_per_reader: fill`): sized when the scenario is loaded, so its
   *  clients can load the design to its bound (workloads/stream_fill.hpp, size_filled_streams). */
  bool streams_fill = false;
  bool fsync = true;                 ///< a writer is done when its bytes are durable, else when they left the node
  bool wait_for_buffer = true;       ///< the job's next step waits for the write buffer to drain (not in a timeline)
  /** Data reduction of what the phase writes (user bytes / bytes stored on the capacity tier),
   *  1 = none: migration stores fewer bytes, at the C-node CPU cost of reducing them. */
  double reduction = 1;
  std::string reduction_source;      ///< where the ratio comes from, when one is given
  std::vector<TraceOp> ops;          ///< trace_replay: sorted by client, then time; op i is writer i
  MovementSpec movement;             ///< drain and fetch: who copies, at what request latency
  std::string description;           ///< e.g. "llama3-1t preset, 41472 writers"
  [[nodiscard]] long long writer_count() const;
  [[nodiscard]] Bytes bytes_of(long long writer) const {
    return writer_bytes.empty() ? per_writer : Bytes::from_bytes(writer_bytes[static_cast<size_t>(writer)]);
  }
};

/**
 * @brief A training timeline: compute for `interval`, checkpoint, `count` times.
 * sync: training stalls until the last rank's write is acknowledged.
 * async: training stalls while each rank copies its shard to host memory at `host_copy`, then the
 * write to storage runs in the background; a checkpoint first waits for the previous write.
 * With a drain, each written checkpoint is then copied to the object store in the background.
 */
struct TimelineSpec {
  std::string name;
  std::vector<int> checkpoints;  ///< phase indices, in order
  std::vector<int> drains;       ///< phase indices, one per checkpoint, or empty
  Duration interval;             ///< compute between checkpoints
  bool async = false;
  Bandwidth host_copy;           ///< per writer, async only
  std::optional<Duration> job_mtbf;  ///< mean time between failures of the whole job
};

/** @brief One step of a job: a phase, or a timeline (which runs its own phases). */
struct Step {
  bool timeline = false;
  int index = 0;  ///< into Scenario::phases or Scenario::timelines
};

/** @brief A job: client nodes of its own, steps run one after the other from `start`. */
struct Job {
  std::string name;
  int first_client = 0;  ///< global client index
  int clients = 0;
  Duration start;
  std::vector<Step> steps;
};

/**
 * @brief Fidelity knobs: faster, coarser ways to model the same thing (docs/simgrid-model.md).
 * buffer_strips each: a chunk's buffer stripe is data + parity strips on as many enclosures (exact).
 * buffer_strips rotate: the whole stripe (chunk x amplification) goes to one enclosure, the next
 * chunk's to the next one: the same bytes per enclosure over time, 1/width as many transfers.
 * writer_flows each: every rank's stream is its own flow (exact).
 * writer_flows merged: the streams of one node that go to the same C-node cross exactly the same
 * resources, so they are one flow carrying their bytes; each rank completes when that flow does.
 */
struct ModelOptions {
  bool rotate_buffer_strips = false;
  bool merge_writer_flows = false;
  /** time_quantum q > 0: every transfer, SSD I/O or CPU step due within q of the next event ends
   *  with it (up to q early), so completions close in time cost one max-min solve instead of one
   *  each. Zero (default): SimGrid's exact timing. */
  Duration time_quantum;
  /** slices N > 1: simulate one of N identical slices of the platform (1/N of each site's nodes,
   *  1/N of the shared spine, WAN and object store) and report N times its bytes and rates;
   *  valid when the workload is spread evenly (topology/platform_slice.hpp). */
  int slices = 1;
  /** slicing near: the slices are near-identical (topology/platform_slice.hpp): for a layout whose
   *  counts do not divide by N, each kept node derated so the slice's totals are 1/N of the whole's. */
  Slicing slicing = Slicing::identical;
  /** migration_unit U > 0: every enclosure destages U at a time instead of its catalog's unit
   *  (fewer, larger migration operations: a speed knob, pinned by ctest knobs.design2-*). */
  Bytes migration_unit;
  /** buffer_at_start full: every enclosure's write buffer starts full of landed strips awaiting
   *  migration (at the first write phase's reduction), the state a long write reaches once it
   *  has filled the buffer; writes then run at the pace of migration from the start. The
   *  buffer-full regime without simulating the burst that fills it (buffer_full_scenario). */
  bool buffer_full_at_start = false;
};

/** What /resources/amount keeps: a row per resource direction, or per class label (instances summed). */
enum class SeriesDetail { automatic, per_resource, per_class };

/** Beyond this many sample buckets an `automatic` run keeps per-class series (a 20-minute training
 *  timeline at 100 ms kept 240 MB of per-resource rows). */
inline constexpr size_t kPerResourceBuckets = 3000;

struct OutputSpec {
  Duration sample_interval = Duration::from_seconds(0.1);
  SeriesDetail series = SeriesDetail::automatic;
  /** Whether a run of `buckets` sample buckets keeps one series per resource. */
  [[nodiscard]] bool per_resource(size_t buckets) const {
    return series == SeriesDetail::per_resource || (series == SeriesDetail::automatic && buckets <= kPerResourceBuckets);
  }
};

struct Scenario {
  std::string name;
  std::filesystem::path file;
  std::string text;  ///< the scenario file as read, echoed into results
  Layout layout;     ///< one site (a design) or several (a layout file)
  /** The design of a one-site scenario; std::logic_error for a multi-site layout (callers check). */
  [[nodiscard]] const Design& design() const;
  PlacementSpec placement;
  ModelOptions model;
  std::vector<PhaseSpec> phases;       ///< every phase of every job (timelines' included)
  std::vector<TimelineSpec> timelines;
  std::vector<Job> jobs;               ///< run concurrently; one job `main` when the file has `phases:`
  std::vector<FaultSpec> faults;       ///< timed hardware faults, in time order
  OutputSpec output;
  std::string profile;  ///< name of the calibrated profile applied, if any
  /** The phases whose streams fill the design: the streams each ran and why (size_filled_streams). */
  std::vector<std::string> concurrency;
};

/** @brief Reads and validates a scenario file; throws InputError naming file, line and field. */
[[nodiscard]] Scenario load_scenario(const std::filesystem::path& file);
/** @brief Copy hosts per site the phases need (the most any `movement: {strategy: copy_hosts}` asks for). */
[[nodiscard]] int copy_hosts_needed(const std::vector<PhaseSpec>& phases);
/** The site of each writer of a phase, in writer order: client by client, C-node by C-node for a
 *  drain or fetch, copy host by copy host for a copy-host movement (sites in layout order).
 *  `node_of`: for a sliced phase, the layout's client (or C-node) behind each of the phase's own. */
[[nodiscard]] std::vector<int> writer_sites(const PhaseSpec& ph, const Layout& l, const std::vector<int>& node_of = {});
/** @brief A scenario from text, as if read from `file` (its name in errors, its folder for paths). */
[[nodiscard]] Scenario load_scenario_text(const std::string& text, const std::filesystem::path& file);
/** @brief A scenario file, or a design file run with the built-in claim-check workload. */
[[nodiscard]] Scenario load_scenario_or_design(const std::filesystem::path& file);
[[nodiscard]] const char* phase_noun(PhaseKind k);  ///< "writers", "readers", "C-nodes" or "operations"
/** @brief Applies a calibrated profile's knobs to every site's design (once per scenario). */
void use_profile(Scenario& sc, const Profile& p);
/** @brief The built-in claim-check workload (workloads/presets/claim-check.yaml) on a design or layout. */
[[nodiscard]] Scenario claim_check_scenario(Layout layout);
/** @brief Whether the layout has a write buffer tier to fill: servers (internal drives) write to their
 *  drives directly, in one regime. */
[[nodiscard]] bool has_buffer_tier(const Layout& layout);
/** What buffer_full_scenario writes: this many seconds at the closed form's rate, in this many
 *  streams per node, and no fewer than kBufferFullChunks chunks of kBufferFullChunkGiB per stream. */
inline constexpr double kBufferFullSeconds = 60;
inline constexpr int kBufferFullStreams = 4;
inline constexpr double kBufferFullChunks = 8;
inline constexpr int kBufferFullChunkGiB = 4;
/** A buffer-full write on more client nodes than this, on a layout that divides into no identical
 *  slices (a prime number of C-nodes), runs on near-identical slices instead of whole: whole, the
 *  1 EB design's 10,368 nodes took ~5 s of wall per simulated second. */
inline constexpr int kNearSliceClients = 2048;
/** @brief A write onto full write buffers (model buffer_at_start: full), every node writing, sized
 *  as kBufferFullSeconds and kBufferFullChunks say, at measured speed knobs (4 GiB chunks, a 1 ms
 *  quantum, the most identical slices, else near-identical ones beyond kNearSliceClients client
 *  nodes), not waiting for the buffer to drain after it: what `podsim
 *  run --buffer-full`, `check --sustained`, `compare --sustained` and `size` simulate for the write
 *  once the buffer is full. */
[[nodiscard]] Scenario buffer_full_scenario(Layout layout);
/** "one of 18 identical slices" (or near-identical) when the scenario runs sliced, else empty. */
[[nodiscard]] std::string slices_text(const ModelOptions& m);
/** "on 18 near-identical slices" when the scenario runs so (counts rounded, nodes derated), else empty. */
[[nodiscard]] std::string near_slices_text(const Scenario& sc);
/** Sets the streams per writer of every phase written `fill` so that its clients can load the design
 *  to its bound (workloads/stream_fill.hpp), and says what each used in `concurrency`. Loading does
 *  it; call it again after a profile or a knob changed the design's ceilings. */
void size_filled_streams(Scenario& sc);
/** @brief The claim-check workload as a scenario document on an inline `design` map (its streams
 *  `fill`, sized when it is loaded): what `podsim size` and a sweep over a design file run. */
[[nodiscard]] YAML::Node claim_check_workload_on(const YAML::Node& design);

}  // namespace podsim
