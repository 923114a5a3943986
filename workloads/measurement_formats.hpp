#pragma once
// Internal to workloads/: one reader per benchmark tool's result format (measurement.hpp).
#include <string>
#include <vector>

#include "workloads/measurement.hpp"

namespace podsim {

/** A CSV file as rows of cells (RFC 4180 quoting), each with its line number. */
struct CsvRow {
  int line = 0;
  std::vector<std::string> cells;
};
[[nodiscard]] std::vector<CsvRow> read_csv_rows(const std::string& text);

std::vector<Measurement> read_elbencho_csv(const std::string& file, const std::vector<CsvRow>& rows);
std::vector<Measurement> read_plain_csv(const std::string& file, const std::vector<CsvRow>& rows, bool measured);
std::vector<Measurement> read_ior_output(const std::string& file, const std::string& text);
std::vector<Measurement> read_fio_json(const std::string& file, const std::string& text);

}  // namespace podsim
