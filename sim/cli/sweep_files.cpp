#include "sim/cli/sweep_files.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "analysis/hdf5_writer.hpp"
#include "analysis/output_file.hpp"
#include "sim/cli/child_runs.hpp"
#include "topology/input_error.hpp"
#include "topology/text_file.hpp"

namespace podsim::cli {
namespace {

std::string manifest_yaml(const SweepSpec& spec, const std::vector<SweepPoint>& points) {
  YAML::Emitter e;
  e << YAML::BeginMap << YAML::Key << "name" << YAML::Value << spec.name << YAML::Key << "mode" << YAML::Value
    << to_string(spec.mode) << YAML::Key << "sweep_file" << YAML::Value
    << std::filesystem::absolute(spec.file).lexically_normal().string() << YAML::Key << "axes" << YAML::Value
    << YAML::Flow << YAML::BeginSeq;
  for (const auto& a : spec.axes) e << a.path;
  e << YAML::EndSeq << YAML::Key << "points" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : points) e << YAML::Flow << p.values;
  e << YAML::EndSeq << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

/** A point's recorded exit status; a damaged file counts as a failure (-1), not an internal error. */
int exit_status_of(const std::filesystem::path& file) {
  const auto text = read_text_file(file);
  int v = -1;
  const auto first = text.data(), last = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || (ptr != last && *ptr != '\n') || v < 0 || v > 255) return -1;
  return v;
}

}  // namespace

std::filesystem::path SweepDir::file(int index, const char* ext) const {
  char b[32];
  std::snprintf(b, sizeof b, "p%04d.%s", index, ext);
  return points() / b;
}

PreparedSweep prepare_sweep(const std::filesystem::path& sweep_file, const std::string& out_dir) {
  PreparedSweep s;
  s.spec = load_sweep(sweep_file);
  const auto points = expand_sweep(s.spec);  // bad input (paths, the file) fails before anything is written
  s.dir.dir = out_dir.empty() ? std::filesystem::path(s.spec.name + ".sweep") : std::filesystem::path(out_dir);
  std::error_code ec;
  std::filesystem::create_directories(s.dir.points(), ec);
  if (ec) throw OutputError("cannot create " + s.dir.points().string() + ": " + ec.message());
  write_text_file(s.dir.dir / "manifest.yaml", manifest_yaml(s.spec, points));
  for (const auto& p : points) {
    const auto yaml = s.dir.file(p.index, "yaml"), h5 = s.dir.file(p.index, "h5");
    const bool unchanged = std::filesystem::exists(yaml) && read_text_file(yaml) == p.scenario_yaml;
    if (unchanged && std::filesystem::exists(h5)) continue;  // finished by an earlier run
    write_text_file(yaml, p.scenario_yaml);
    std::filesystem::remove(h5, ec);
    std::filesystem::remove(s.dir.file(p.index, "exit"), ec);
    s.pending.push_back(p.index);
  }
  s.total = points.size();
  return s;
}

void write_exit_status(const SweepDir& d, int index, int exit_code) {
  write_text_file(d.file(index, "exit"), std::to_string(exit_code) + "\n");
}

SweepTable collect_sweep(const std::filesystem::path& dir) {
  const SweepDir d{dir};
  const auto manifest_file = dir / "manifest.yaml";
  SweepTable t;
  YAML::Node points;
  try {  // the manifest is input: a damaged one is a clean error (exit 2), not an internal one
    YAML::Node m = YAML::Load(read_input_file(manifest_file));
    t.name = m["name"].as<std::string>();
    t.mode = m["mode"].as<std::string>();
    t.sweep_file = m["sweep_file"].as<std::string>();
    for (const auto& a : m["axes"]) t.axes.push_back(a.as<std::string>());
    points = m["points"];
    if (!points.IsSequence()) throw YAML::Exception(YAML::Mark::null_mark(), "'points' is not a list");
    for (const auto& values : points) {
      if (!values.IsSequence() || values.size() != t.axes.size())
        throw YAML::Exception(values.Mark(), "a point does not have one value per axis");
      for (const auto& v : values) (void)v.as<std::string>();
    }
  } catch (const YAML::Exception& e) {
    throw InputError(manifest_file.string(), e.mark.line + 1, "",
                     "not a sweep manifest (is " + dir.string() + " a sweep's results folder?): " + e.msg);
  }
  int index = 0;
  for (const auto& values : points) {
    SweepRow r;
    r.index = index;
    for (const auto& v : values) r.values.push_back(v.as<std::string>());
    r.result = d.file(index, "h5");
    r.done = std::filesystem::exists(r.result);
    const auto exit_file = d.file(index, "exit");
    r.exit_code = std::filesystem::exists(exit_file) ? exit_status_of(exit_file) : (r.done ? 0 : -1);
    if (r.done) {
      r.summary = read_hdf5_summary(r.result);
    } else {
      const auto log = d.file(index, "log");
      r.error = std::filesystem::exists(log) ? log_tail(log, 1, "") : std::string("never ran");
      if (r.error.empty()) r.error = "no output (killed?)";
    }
    t.rows.push_back(std::move(r));
    ++index;
  }
  write_sweep_hdf5(dir / "sweep.h5", t);
  write_text_file(dir / "sweep.csv", sweep_csv(t));
  return t;
}

void run_pending_locally(const PreparedSweep& s, int jobs, bool quiet) {
  std::vector<ChildRun> runs;
  for (int p : s.pending)
    runs.push_back({{"run", s.dir.file(p, "yaml").string(), "-o", s.dir.file(p, "h5").string(), "--quiet"},
                    s.dir.file(p, "log")});
  const auto start = std::chrono::steady_clock::now();
  size_t finished = 0, failed = 0;
  run_children(runs, jobs, [&](size_t i) {
    write_exit_status(s.dir, s.pending[i], runs[i].exit_code);
    ++finished;
    if (runs[i].exit_code != 0) ++failed;
    if (quiet) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "[podsim] sweep " << s.spec.name << ": " << batch_progress(finished, runs.size(), failed, elapsed) << "\n";
  });
}

}  // namespace podsim::cli
