#pragma once
/**
 * @file sweep.hpp
 * @brief A sweep: a base scenario plus axes, expanded into one scenario file per point.
 *
 * Sweep file (format in docs/sweeps.md):
 *   sweep:
 *     name: cnode-count
 *     base: ncp-pod-checkpoint.yaml          # a scenario file
 *     mode: grid                              # grid | zip | random | lhs
 *     samples: 100                            # random and lhs only
 *     seed: 1                                 # random and lhs only
 *     axes:
 *       design.cnodes.count: [150, 300, 450, 600]
 *       phases[0].checkpoint.chunk: {from: 64, to: 256, step: 64, unit: MiB}
 *
 * An axis path addresses any field under `scenario:`; a design or layout the scenario names by
 * file is inlined first, so `design.cnodes.count` works either way. Every value is written into
 * the point's scenario as YAML text, and the point is checked by the scenario loader: a path that
 * does not exist is an error naming the axis and the sweep file's line.
 */
#include <filesystem>
#include <string>
#include <vector>

namespace podsim {

enum class SweepMode { grid, zip, random, lhs };

/** Points in one sweep (a grid's product, or samples): each is a file and a process. */
inline constexpr long long kMostSweepPoints = 100000;

struct SweepAxis {
  std::string path;                 ///< e.g. "design.cnodes.count"
  std::vector<std::string> values;  ///< YAML scalars, e.g. "450", "64 MiB"; empty for a continuous axis
  bool continuous = false;          ///< {from, to} without a step: random and lhs draw any value
  double from = 0, to = 0;
  std::string unit;                 ///< appended to generated values ("MiB", "Gb/s"), may be empty
  int line = 0;                     ///< in the sweep file, for errors
};

struct SweepSpec {
  std::string name;
  std::filesystem::path file;
  std::filesystem::path base;  ///< the base scenario file
  SweepMode mode = SweepMode::grid;
  int samples = 0;  ///< random and lhs
  unsigned seed = 1;
  std::vector<SweepAxis> axes;
};

struct SweepPoint {
  int index = 0;
  std::vector<std::string> values;  ///< one per axis, in axis order
  std::string scenario_yaml;        ///< a complete scenario file with absolute paths
};

/** @brief Reads a sweep file; throws InputError naming file, line and field. */
[[nodiscard]] SweepSpec load_sweep(const std::filesystem::path& file);
/** @brief The same from text, as if read from `file` (its folder for the base; the fuzz target). */
[[nodiscard]] SweepSpec load_sweep_text(const std::string& text, const std::filesystem::path& file);
/** @brief The value combinations, in a fixed order (grid: last axis fastest; samples: by seed). */
[[nodiscard]] std::vector<std::vector<std::string>> sweep_combinations(const SweepSpec& spec);
/**
 * @brief Every point as a scenario file. The first point is loaded to check the axis paths: an
 * unknown path throws InputError at the axis's line in the sweep file.
 */
[[nodiscard]] std::vector<SweepPoint> expand_sweep(const SweepSpec& spec);
[[nodiscard]] const char* to_string(SweepMode m);

}  // namespace podsim
