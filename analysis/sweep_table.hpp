#pragma once
/**
 * @file sweep_table.hpp
 * @brief A sweep's merged results: one row per point with its axis values, its status and every
 * summary figure of its run; written as HDF5 (schema podsim-sweep-1, docs/hdf5-schema.md) and CSV.
 */
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/summary.hpp"

namespace podsim {

struct SweepRow {
  int index = 0;
  std::vector<std::string> values;  ///< one per axis
  bool done = false;                ///< the point's run file exists (written only when complete)
  int exit_code = 0;                ///< of the last attempt; 0 when done
  std::string error;                ///< last line of the point's log when it failed
  std::filesystem::path result;     ///< the point's run file (HDF5)
  std::vector<SummaryItem> summary; ///< empty when not done
};

struct SweepTable {
  std::string name;
  std::string mode;
  std::filesystem::path sweep_file;
  std::vector<std::string> axes;
  std::vector<SweepRow> rows;
  /** Summary keys in first-seen order, numeric and text apart, with their units. */
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> figure_keys() const;
  [[nodiscard]] std::vector<std::string> text_keys() const;
};

[[nodiscard]] std::string sweep_csv(const SweepTable& t);
void write_sweep_hdf5(const std::filesystem::path& path, const SweepTable& t);
/** @brief Reads a sweep file written by write_sweep_hdf5 (for `podsim sweep summary`). */
[[nodiscard]] SweepTable read_sweep_hdf5(const std::filesystem::path& path);

}  // namespace podsim
