#pragma once
// Internal to workloads/: one parser per phase kind, each reading its map under `phases:` and
// resolving it against the job's client nodes (docs/scenario-format.md).
#include <filesystem>
#include <string>
#include <vector>

#include "topology/yaml_node.hpp"
#include "workloads/scenario.hpp"

namespace podsim {

/** @brief What a phase parser needs to know of the job it belongs to. */
struct JobContext {
  const Layout& layout;
  int first_client = 0;  ///< global client index
  int clients = 0;
  std::string prefix;    ///< "<job>." when the scenario has several jobs, else empty
  std::filesystem::path dir;  ///< of the scenario file, for relative paths
  const std::vector<PhaseSpec>& earlier;  ///< phases parsed so far (every job's)
  /** An earlier checkpoint of this job named `local` (without the job prefix), or the latest one. */
  [[nodiscard]] const PhaseSpec* checkpoint(const std::string& local) const;
};

[[nodiscard]] PhaseSpec parse_checkpoint(const YamlNode& p, const JobContext& job);
[[nodiscard]] PhaseSpec parse_restore(const YamlNode& p, const JobContext& job);
[[nodiscard]] PhaseSpec parse_prestage(const YamlNode& p, const JobContext& job);
[[nodiscard]] PhaseSpec parse_drain(const YamlNode& p, const JobContext& job);
[[nodiscard]] PhaseSpec parse_fetch(const YamlNode& p, const JobContext& job);
[[nodiscard]] PhaseSpec parse_trace(const YamlNode& p, const JobContext& job);
/** A drain of checkpoint `ckpt` with the chunk and streams given in `p` (a timeline's background drain). */
[[nodiscard]] PhaseSpec drain_of(const PhaseSpec& ckpt, const YamlNode& p, const Layout& l);

}  // namespace podsim
