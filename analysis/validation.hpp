#pragma once
/**
 * @file validation.hpp
 * @brief podsim validate's results: measured against predicted per corpus row, error statistics
 * overall and per file-system class and transport, as a table, JSON and HDF5 (docs/validation.md).
 */
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace podsim {

/** What bound a row's simulated capability, from its bottleneck: `storage` (server caps, drives,
 *  server CPU), `network` (server NICs, fabric), `client` (client NICs, the protocol's and the
 *  benchmark client's per-node and per-process limits) or `other`. */
[[nodiscard]] std::string bound_kind(const std::string& bottleneck);

struct ValidationRow {
  std::string id, system, benchmark, op, fs_class, transport, where;
  double measured = 0;   ///< B/s
  double predicted = 0;  ///< B/s, the simulated capability with the profile in use; 0 when skipped
  double demand = 0;     ///< B/s, what the accelerators the row reports consume (information only: the run's own measurement)
  double bound = 0;      ///< B/s, max-flow bound of the row's design
  std::optional<double> loso;  ///< B/s, simulated with knobs fitted leaving this row's system out
  std::string bottleneck;      ///< "server_nic in", "client_nic out", ...
  std::string skipped;         ///< why it was not simulated; empty when it was
  std::vector<std::string> assumptions;
  bool training = true;  ///< in the fit's set (complete hardware); false: a loose check only
  bool client_stated = false;  ///< the source states the client NICs too (IO500's form has no such field)
  [[nodiscard]] double error() const { return predicted / measured - 1; }
  [[nodiscard]] double loso_error() const { return loso ? *loso / measured - 1 : 0; }
};

/** @brief |error| statistics of a set of rows. */
struct ErrorStats {
  int rows = 0;
  double median = 0, p90 = 0, worst = 0;  ///< of |predicted / measured - 1|
  double mean_ratio = 0;                  ///< geometric mean of predicted / measured (bias)
};
[[nodiscard]] ErrorStats error_stats(const std::vector<double>& errors, const std::vector<double>& ratios);

struct FittedKnob {
  std::string name, unit, status;
  double value = 0, sigma = 0;  ///< sigma: of ln(value)
  int stage = 1;  ///< 1: fitted on rows whose client hardware is stated; 2: on the rest, stage 1 held
};

struct ValidationReport {
  std::string profile;  ///< the profile the predictions used
  std::vector<ValidationRow> rows;
  std::vector<FittedKnob> knobs;      ///< when fitted (--fit)
  std::vector<std::vector<double>> covariance;  ///< of ln(knobs), when fitted
  double wall_seconds = 0;
  [[nodiscard]] std::vector<const ValidationRow*> simulated() const;
  /** Statistics of every simulated training row, `loso` for the leave-one-system-out predictions;
   *  `client_stated_only`: the rows whose client NICs are stated. */
  [[nodiscard]] ErrorStats stats(bool loso, bool client_stated_only = false) const;
  /** The same by `key`: "benchmark", "bound" (bound_kind of the row's bottleneck), "fs_class" or
   *  "transport"; every row falls in one group, none is left out. */
  [[nodiscard]] std::map<std::string, ErrorStats> stats_by(const std::string& key, bool loso) const;
};

/** @brief The table and statistics as text (what podsim validate prints). */
[[nodiscard]] std::string validation_text(const ValidationReport& r);
[[nodiscard]] nlohmann::json validation_json(const ValidationReport& r);
/** @brief /validation in a new HDF5 file, atomically (docs/hdf5-schema.md). */
void write_validation_hdf5(const std::filesystem::path& path, const ValidationReport& r);

}  // namespace podsim
