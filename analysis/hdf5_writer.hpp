#pragma once
/**
 * @file hdf5_writer.hpp
 * @brief One HDF5 file per run (schema in docs/hdf5-schema.md), written atomically:
 * to `<path>.tmp-<pid>` first, renamed over `path` only when complete.
 */
#include <filesystem>
#include <stdexcept>

#include "analysis/summary.hpp"

namespace podsim {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void write_hdf5(const std::filesystem::path& path, const Scenario& scenario, const RunResult& result,
                const RunFigures& figures, const std::vector<SummaryItem>& summary);

}  // namespace podsim
