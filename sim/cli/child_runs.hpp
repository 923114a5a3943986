#pragma once
// Runs podsim itself as child processes, a few at a time. SimGrid keeps one engine per process,
// so every simulation of a multi-run command (compare, and later sweeps) is its own process.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace podsim::cli {

struct ChildRun {
  std::vector<std::string> args;    ///< podsim arguments, e.g. {"run", "s.yaml", "-o", "x.h5", "-q"}
  std::filesystem::path log;        ///< the child's stdout and stderr
  int exit_code = -1;               ///< after run_children; 128 + signal if it was killed
  double wall_seconds = 0;
  std::string program = {};         ///< empty: podsim itself; else a program found on PATH (sbatch)
};

/**
 * @brief Runs every child, at most `jobs` at once; `on_done(i)` is called as each one ends.
 * Throws std::runtime_error when a process cannot be started.
 */
void run_children(std::vector<ChildRun>& runs, int jobs, const std::function<void(size_t)>& on_done);

/**
 * @brief Runs `argv` (argv[0] a path or a name on PATH) with this process's stdin, stdout and
 * stderr, and returns its exit code (128 + signal when killed). Throws when it cannot start.
 */
[[nodiscard]] int run_program(const std::vector<std::string>& argv);

/** @brief Progress of a batch for stderr: "3/8 run (1 failed), 1 min 2 s elapsed, ETA 2 min 5 s". */
[[nodiscard]] std::string batch_progress(size_t finished, size_t total, size_t failed, double elapsed_seconds);

/** @brief The last `lines` lines of a child's log, each prefixed with `indent`. */
[[nodiscard]] std::string log_tail(const std::filesystem::path& log, size_t lines, const std::string& indent);

}  // namespace podsim::cli
