#pragma once
/**
 * @file compare_table.hpp
 * @brief Designs side by side (`podsim compare`): one column per design run, plus object-store
 * baseline columns; one row per figure, each with its unit. Simulated figures come from each
 * run's own HDF5 /summary, never recomputed, so the table and the run files agree by construction.
 */
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analysis/summary.hpp"
#include "topology/object_store.hpp"

namespace podsim {

struct CompareRow {
  std::string key;    ///< e.g. "write_sustained"
  std::string label;  ///< e.g. "sustained write"
  std::string unit;   ///< e.g. "TB/s"; empty for text rows
  std::vector<std::optional<double>> values;  ///< one per column; empty = not applicable
  std::vector<std::string> texts;             ///< one per column (text rows, notes)
};

struct CompareTable {
  std::vector<std::string> columns;
  std::vector<std::string> column_sources;  ///< the run file, or the baseline file
  /** Per column, the run file of its buffer-full write (compare --sustained); empty when none ran. */
  std::vector<std::string> buffer_full_sources;
  std::vector<std::string> racks_svg;       ///< the design's rack elevations (SVG); empty for baselines and layouts
  std::vector<CompareRow> rows;
  /** Designs whose run failed, each "name (exit N; log FILE)": not a column, said under the table. */
  std::vector<std::string> failed;
};

/** @brief Size of the reference checkpoint (MLPerf Storage Llama3-1T): the "time to write" row. */
[[nodiscard]] Bytes reference_checkpoint();

class CompareBuilder {
 public:
  CompareBuilder();
  /** @brief A design column from a run's summary (as read back from its HDF5 file). */
  void add_run(const std::string& name, const std::filesystem::path& run_file, const std::vector<SummaryItem>& summary,
               std::string racks_svg = {});
  /** @brief The "write once the buffer is full" row of the last design column, from a run of the
   *  buffer-full write (compare --sustained) when it reached that regime; else it stays as it was. */
  void add_buffer_full(const std::filesystem::path& run_file, const std::vector<SummaryItem>& summary);
  /** @brief Appends `why` to the last design column's buffer-full cell (e.g. why it was not simulated). */
  void note_buffer_full(const std::string& why);
  /** @brief A baseline column storing `stored` bytes. */
  void add_object_store(const ObjectStoreBaseline& b, Bytes stored, const std::string& sized_like);
  /** @brief The table, without the rows only some runs have (movement) when none has them. */
  [[nodiscard]] CompareTable table() const;

 private:
  CompareRow& row(const std::string& key);
  void set(const std::string& key, std::optional<double> v, std::string text = {});
  CompareTable table_;
};

[[nodiscard]] std::string compare_markdown(const CompareTable& t);
[[nodiscard]] std::string compare_csv(const CompareTable& t);
/** @brief /compare: columns, sources, row keys, labels, units, values [rows x columns] (NaN = n/a), texts. */
void write_compare_hdf5(const std::filesystem::path& path, const CompareTable& t);

}  // namespace podsim
