#pragma once
/**
 * @file measurement.hpp
 * @brief Measured runs of a lab system, read from benchmark tools' own result files.
 *
 * Formats (docs/calibration.md), recognised by content:
 * - elbencho `--csvfile` results (header starts with `ISO date`): one row per operation;
 * - IOR's text output: the rows of its "Summary of all tests" table;
 * - fio `--output-format=json` (a JSON object with a `jobs` or `client_stats` array);
 * - plain CSV with columns clients, threads, block_size, file_size, op and one of GB/s, GiB/s, MiB/s
 *   (optional: iodepth, label).
 * Every measurement is a bulk transfer: `hosts` nodes run `threads` each, every thread moving
 * `bytes_per_thread` in `block` requests, `iodepth` in flight; the throughput is all bytes over the
 * time the slowest thread took (elbencho "last done", IOR's bw, fio's aggregate).
 */
#include <filesystem>
#include <string>
#include <vector>

#include "topology/units.hpp"

namespace podsim {

struct Measurement {
  std::string file;   ///< where it was read, for errors and reports
  int line = 0;
  std::string tool;   ///< elbencho, ior, fio, csv
  std::string label;  ///< "write 4x16 1 MiB", or the tool's label
  int hosts = 1;
  int threads_per_host = 1;
  Bytes bytes_per_thread;
  Bytes block;
  int iodepth = 1;
  bool write = true;
  Bandwidth measured;
  [[nodiscard]] Bytes total() const { return bytes_per_thread * double(hosts * threads_per_host); }
};

/**
 * @brief Reads every measurement in a file (format by content); InputError naming file and line.
 * A plan (`measured` false) is a plain CSV without the throughput column: workloads to synthesise.
 */
[[nodiscard]] std::vector<Measurement> load_measurements(const std::filesystem::path& file, bool measured = true);

/**
 * @brief The measurement as a podsim scenario on `design_file`: one job on `hosts` nodes, one
 * checkpoint write (or pre-staging read) of `hosts x threads` writers, `block` chunks, `iodepth`
 * streams each. With `max_chunks_per_stream` > 0, each thread moves at most that many chunks per
 * stream: a bulk run's rate is its steady rate, so a shorter run gives it at a fraction of the
 * cost, unless the run is long enough to fill the write buffer (`buffer`: then it is kept whole).
 * Each client spreads its streams over `multipath` C-nodes (round robin).
 */
[[nodiscard]] std::string measurement_scenario_yaml(const Measurement& m, const std::filesystem::path& design_file,
                                                    int multipath, int max_chunks_per_stream = 0, Bytes buffer = {});

}  // namespace podsim
