#pragma once
// Internal to workloads/: one reader per benchmark tool's result format (measurement.hpp).
#include <string>
#include <vector>

#include "workloads/csv_rows.hpp"
#include "workloads/measurement.hpp"

namespace podsim {

std::vector<Measurement> read_elbencho_csv(const std::string& file, const std::vector<CsvRow>& rows);
std::vector<Measurement> read_plain_csv(const std::string& file, const std::vector<CsvRow>& rows, bool measured);
std::vector<Measurement> read_ior_output(const std::string& file, const std::string& text);
std::vector<Measurement> read_fio_json(const std::string& file, const std::string& text);

}  // namespace podsim
