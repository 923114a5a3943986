#pragma once
// The on-disk form of a sweep, shared by local runs, Slurm job arrays and `sweep collect`:
//   DIR/manifest.yaml          the sweep's name, mode, axes and every point's values
//   DIR/points/pNNNN.yaml      the point's complete scenario
//   DIR/points/pNNNN.h5        its run file (exists only when the run completed: write, then rename)
//   DIR/points/pNNNN.log       its stdout and stderr
//   DIR/points/pNNNN.exit      its exit status (written, then renamed)
// A point is done when its run file exists; results are always rebuilt from these files.
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/sweep_table.hpp"
#include "workloads/sweep.hpp"

namespace podsim::cli {

struct SweepDir {
  std::filesystem::path dir;
  [[nodiscard]] std::filesystem::path points() const { return dir / "points"; }
  [[nodiscard]] std::filesystem::path file(int index, const char* ext) const;
};

struct PreparedSweep {
  SweepSpec spec;
  SweepDir dir;
  std::vector<int> pending;  ///< points to run: new, changed, or failed before
  size_t total = 0;
};

/** @brief Expands the sweep, writes the manifest and every changed point file; lists what is left to run. */
[[nodiscard]] PreparedSweep prepare_sweep(const std::filesystem::path& sweep_file, const std::string& out_dir);
/** @brief Records a point's exit status (atomically). */
void write_exit_status(const SweepDir& d, int index, int exit_code);
/** @brief Runs the pending points here, `jobs` processes at a time, each recording its exit status;
 *  progress on stderr unless quiet. */
void run_pending_locally(const PreparedSweep& s, int jobs, bool quiet);
/** @brief The results table from the files in DIR; writes DIR/sweep.h5 and DIR/sweep.csv. */
SweepTable collect_sweep(const std::filesystem::path& dir);

}  // namespace podsim::cli
