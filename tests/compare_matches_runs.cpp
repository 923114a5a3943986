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
  for (size_t c = 0; c < columns.size(); ++c) {
    if (sources[c].size() < 3 || sources[c].substr(sources[c].size() - 3) != ".h5") continue;
    std::map<std::string, double> s;
    for (const auto& item : read_hdf5_summary(sources[c])) s[item.key] = item.value;
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
    if (!full_sources[c].empty()) {
      ++checked;
      std::map<std::string, double> f;
      for (const auto& item : read_hdf5_summary(full_sources[c])) f[item.key] = item.value;
      if (!f.count("writes.buffer_full") || at("write_sustained", c) != f["writes.buffer_full"]) {
        ++failed;
        std::cerr << columns[c] << ": table write_sustained = " << at("write_sustained", c) << ", buffer-full run "
                  << full_sources[c] << " has " << (f.count("writes.buffer_full") ? f["writes.buffer_full"] : std::nan("")) << "\n";
      }
    }
    for (const auto& [row, key] : pairs) {
      if (row == "write_sustained" && !full_sources[c].empty()) continue;
      ++checked;
      if (!s.count(key) || at(row, c) != s[key]) {
        ++failed;
        std::cerr << columns[c] << ": table " << row << " = " << at(row, c) << ", run summary " << key << " = "
                  << (s.count(key) ? s[key] : std::nan("")) << "\n";
      }
    }
  }
  std::cout << checked << " figures checked, " << failed << " differ\n";
  return failed == 0 && checked > 0 ? 0 : 1;
}
