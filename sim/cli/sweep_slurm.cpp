#include "sim/cli/sweep_slurm.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "analysis/output_file.hpp"
#include "sim/cli/child_runs.hpp"
#include "topology/input_error.hpp"

namespace podsim::cli {
namespace {

/** Single-quoted for bash: safe for any path. */
std::string sh(const std::string& s) {
  std::string o = "'";
  for (char c : s) o += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return o + "'";
}

/**
 * An #SBATCH line cannot be quoted, so every value that reaches one is checked against a plain
 * character set: a newline there would be a command that every array task runs.
 */
void require_plain(const std::string& what, const std::string& value, const std::string& allowed_extra) {
  for (unsigned char c : value)
    if (!std::isalnum(c) && allowed_extra.find(static_cast<char>(c)) == std::string::npos) {
      char code[16];
      std::snprintf(code, sizeof code, "byte 0x%02x", c);
      throw InputError("", 0, "", what + " has a character a Slurm job script cannot hold safely (" +
                                      (std::isgraph(c) ? "'" + std::string(1, static_cast<char>(c)) + "'" : std::string(code)) +
                                      "); allowed: letters, digits and " + allowed_extra);
    }
}

}  // namespace

void check_slurm_options(const SlurmOptions& o) {
  require_plain("--partition", o.partition, "_-.,");
  require_plain("--time", o.time, ":-");
}

std::string slurm_array_script(const PreparedSweep& s, const SlurmOptions& o, const std::filesystem::path& podsim) {
  check_slurm_options(o);
  require_plain("the sweep name", s.spec.name, "_-.+");
  require_plain("the results folder", std::filesystem::absolute(s.dir.dir).lexically_normal().string(), "/_-.+,=@~");
  const int k = std::max(1, o.points_per_task);
  const auto tasks = (s.pending.size() + static_cast<size_t>(k) - 1) / static_cast<size_t>(k);
  const auto dir = std::filesystem::absolute(s.dir.dir).lexically_normal();
  const SweepDir d{dir};
  std::ostringstream out;
  out << "#!/bin/bash\n"
      << "# podsim sweep " << s.spec.name << ": " << s.pending.size() << " points, " << k << " per task\n"
      << "#SBATCH --job-name=" << "podsim-" << s.spec.name << "\n"
      << "#SBATCH --array=0-" << (tasks == 0 ? 0 : tasks - 1) << "\n"
      << "#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n"
      << "#SBATCH --output=" << (dir / "slurm" / "task-%A_%a.out").string() << "\n";
  if (!o.partition.empty()) out << "#SBATCH --partition=" << o.partition << "\n";
  if (!o.time.empty()) out << "#SBATCH --time=" << o.time << "\n";
  out << "set -u\n"
      << "PODSIM=" << sh(podsim.string()) << "\n"
      << "POINTS=(";
  for (int p : s.pending) out << " " << p;
  out << " )\n"
      << "K=" << k << "\n"
      << "first=$((SLURM_ARRAY_TASK_ID * K))\n"
      << "for ((i = first; i < first + K && i < ${#POINTS[@]}; i++)); do\n"
      << "  p=$(printf 'p%04d' \"${POINTS[$i]}\")\n"
      << "  dir=" << sh(d.points().string()) << "\n"
      << "  \"$PODSIM\" run \"$dir/$p.yaml\" -o \"$dir/$p.h5\" --quiet > \"$dir/$p.log\" 2>&1\n"
      << "  echo $? > \"$dir/$p.exit.tmp-$$\" && mv \"$dir/$p.exit.tmp-$$\" \"$dir/$p.exit\"\n"
      << "done\n";
  return out.str();
}

std::string submit_slurm_array(const PreparedSweep& s, const SlurmOptions& o) {
  const auto sdir = s.dir.dir / "slurm";
  std::error_code ec;
  std::filesystem::create_directories(sdir, ec);
  if (ec) throw OutputError("cannot create " + sdir.string() + ": " + ec.message());
  const auto podsim = std::filesystem::read_symlink("/proc/self/exe");
  const auto script = sdir / "array.sh";
  write_text_file(script, slurm_array_script(s, o, podsim));
  std::vector<ChildRun> sbatch(1);
  sbatch[0].program = "sbatch";
  sbatch[0].args = {"--parsable"};
  sbatch[0].log = sdir / "sbatch.out";
  if (o.wait) sbatch[0].args.push_back("--wait");
  sbatch[0].args.push_back(script.string());
  try {
    run_children(sbatch, 1, [](size_t) {});
  } catch (const std::runtime_error& e) {
    throw OutputError(std::string(e.what()) + " (is Slurm installed, and SLURM_CONF set?)");
  }
  // --parsable prints "jobid[;cluster]" first; the log also holds sbatch's errors, so the id is the
  // first line that is a number, never an error's text (issue 42, G).
  std::ifstream in(sbatch[0].log);
  std::string job;
  for (std::string line; job.empty() && std::getline(in, line);) {
    line = line.substr(0, line.find(';'));
    if (!line.empty() && line.size() < 20 && std::all_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; }))
      job = line;
  }
  if (job.empty() || (sbatch[0].exit_code != 0 && !o.wait))
    throw OutputError("sbatch failed (exit " + std::to_string(sbatch[0].exit_code) + "):\n" +
                      log_tail(sbatch[0].log, 5, "    "));
  return job;
}

}  // namespace podsim::cli
