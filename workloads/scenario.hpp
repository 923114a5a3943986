#pragma once
/**
 * @file scenario.hpp
 * @brief A run: a design plus timed I/O phases (checkpoint-write bursts, pre-staging reads).
 * File format in docs/scenario-format.md.
 */
#include <filesystem>
#include <string>
#include <vector>

#include "topology/layout.hpp"
#include "workloads/placement.hpp"

namespace podsim {

/** object_store_drain: every site copies a finished checkpoint from its capacity tier to the
 *  object store over its WAN link, its C-nodes running the copies. */
enum class PhaseKind { checkpoint_write, prestage_read, object_store_drain };
[[nodiscard]] const char* to_string(PhaseKind k);

/** @brief One I/O phase, fully resolved: who moves how many bytes, in what chunks. */
struct PhaseSpec {
  std::string name;
  PhaseKind kind = PhaseKind::checkpoint_write;
  Bytes total;                       ///< user bytes written or read in the phase
  std::vector<int> writers_on_client;  ///< writers (ranks or readers) per client node; empty for a drain
  std::vector<Bytes> per_cnode;      ///< drain: bytes each C-node copies (its site's share), else empty
  Bytes per_writer;                  ///< bytes each writer moves
  Bytes chunk;                       ///< transfer unit per stream
  int streams_per_writer = 1;        ///< concurrent chunks in flight per writer (per C-node for a drain)
  std::string description;           ///< e.g. "llama3-1t preset, 41472 writers"
  [[nodiscard]] long long writer_count() const;
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
};

struct OutputSpec {
  Duration sample_interval = Duration::from_seconds(0.1);
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
  std::vector<PhaseSpec> phases;
  OutputSpec output;
};

/** @brief Reads and validates a scenario file; throws InputError naming file, line and field. */
[[nodiscard]] Scenario load_scenario(const std::filesystem::path& file);
/** @brief A scenario file, or a design file run with the built-in claim-check workload. */
[[nodiscard]] Scenario load_scenario_or_design(const std::filesystem::path& file);
[[nodiscard]] const char* phase_noun(PhaseKind k);  ///< "writers", "readers" or "C-nodes"
/** @brief The built-in claim-check workload (workloads/presets/claim-check.yaml) on a design or layout. */
[[nodiscard]] Scenario claim_check_scenario(Layout layout);

}  // namespace podsim
