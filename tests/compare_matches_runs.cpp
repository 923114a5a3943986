// Checks a `podsim compare` HDF5 file against the run files it names: every simulated throughput
// in the table must be the run's own /summary value, bit for bit (the buffer-full row: its own
// buffer-full run's, with --sustained). Usage: compare_matches_runs FILE.h5
#include <H5Cpp.h>

#include <cmath>
#include <iostream>
#include <map>

#include "analysis/hdf5_util.hpp"
#include "analysis/hdf5_writer.hpp"

using namespace podsim;

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  H5::H5File file(argv[1], H5F_ACC_RDONLY);
  auto g = file.openGroup("/compare");
  auto columns = h5::read_strings(g, "columns");
  auto sources = h5::read_strings(g, "column_sources");
  auto full_sources = h5::read_strings(g, "buffer_full_sources");
  auto rows = h5::read_strings(g, "row_key");
  auto ds = g.openDataSet("values");
  std::vector<double> values(rows.size() * columns.size());
  ds.read(values.data(), H5::PredType::NATIVE_DOUBLE);
  auto at = [&](const std::string& row, size_t col) {
    for (size_t r = 0; r < rows.size(); ++r)
      if (rows[r] == row) return values[r * columns.size() + col];
    return std::nan("");
  };
  int checked = 0, failed = 0;
  auto summary_of = [](const std::string& run_file) {
    std::map<std::string, double> m;
    for (const auto& item : read_hdf5_summary(run_file)) m[item.key] = item.value;
    return m;
  };
  // The table's `row` of column c must be `key` of the run file's summary `s`, bit for bit.
  auto expect = [&](size_t c, const std::string& row, const std::map<std::string, double>& s, const std::string& key,
                    const std::string& run_file) {
    ++checked;
    const auto it = s.find(key);
    if (it != s.end() && at(row, c) == it->second) return;
    ++failed;
    std::cerr << columns[c] << ": table " << row << " = " << at(row, c) << ", " << run_file << " summary " << key << " = "
              << (it != s.end() ? it->second : std::nan("")) << "\n";
  };
  for (size_t c = 0; c < columns.size(); ++c) {
    if (sources[c].size() < 3 || sources[c].substr(sources[c].size() - 3) != ".h5") continue;
    const auto s = summary_of(sources[c]);
    const std::map<std::string, std::string> pairs{{"write", "checkpoint-1.sustained"},
                                                   {"read", "prestage-2.sustained"},
                                                   {"usable", "design.usable_capacity"},
                                                   {"racks", "design.racks"},
                                                   {"power", "design.power_typical"},
                                                   {"write_bound", "bound.write_burst"},
                                                   // simulated when the run filled its buffer, else the closed form
                                                   {"write_sustained", s.count("writes.buffer_full")
                                                                           ? "writes.buffer_full"
                                                                           : "bound.write_sustained"}};
    for (const auto& [row, key] : pairs)
      if (row != "write_sustained" || full_sources[c].empty()) expect(c, row, s, key, sources[c]);
    // With --sustained, the buffer-full row is its own buffer-full run's.
    if (!full_sources[c].empty()) expect(c, "write_sustained", summary_of(full_sources[c]), "writes.buffer_full", full_sources[c]);
  }
  std::cout << checked << " figures checked, " << failed << " differ\n";
  return failed == 0 && checked > 0 ? 0 : 1;
}
