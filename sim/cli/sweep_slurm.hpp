#pragma once
// Sweeps on a Slurm cluster: the pending points of a prepared sweep as one job array. Each array
// task runs a chunk of points with this same podsim binary and records each point's exit status;
// `podsim sweep collect DIR` (or --wait) merges the results from the files. No MPI.
#include <filesystem>
#include <string>

#include "sim/cli/sweep_files.hpp"

namespace podsim::cli {

struct SlurmOptions {
  std::string partition;  ///< empty: the cluster's default
  std::string time;       ///< per task, Slurm's format (e.g. 00:30:00); empty: the partition's default
  int points_per_task = 1;
  bool wait = false;      ///< sbatch --wait: return when every task has ended
};

/** @brief Refuses a partition or time limit that an #SBATCH line cannot hold safely (InputError). */
void check_slurm_options(const SlurmOptions& o);
/** @brief The job-array script (its name and folder checked the same way) for the sweep's pending points. */
[[nodiscard]] std::string slurm_array_script(const PreparedSweep& s, const SlurmOptions& o,
                                             const std::filesystem::path& podsim);
/** @brief Writes DIR/slurm/array.sh and submits it; returns the job id. Throws OutputError when sbatch fails. */
std::string submit_slurm_array(const PreparedSweep& s, const SlurmOptions& o);

}  // namespace podsim::cli
