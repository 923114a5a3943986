#include "analysis/summary.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "topology/design_facts.hpp"
#include "topology/input_error.hpp"

namespace podsim {

RunFigures compute_figures(const Scenario& scenario, const RunResult& result) {
  RunFigures f;
  for (size_t i = 0; i < result.phases.size(); ++i) f.phases.push_back(phase_metrics(result, i));
  f.bound = max_flow_bound(make_platform_spec(scenario.design));
  return f;
}

std::vector<SummaryItem> summarize(const Scenario& scenario, const RunFigures& figures) {
  std::vector<SummaryItem> out;
  auto num = [&](std::string key, double v, std::string unit) { out.push_back({std::move(key), v, std::move(unit), {}}); };
  auto txt = [&](std::string key, std::string t) { out.push_back({std::move(key), 0, {}, std::move(t)}); };
  const auto& d = scenario.design;
  auto cap = capacity_facts(d);
  auto power = power_facts(d);
  num("design.gpus", d.gpu_count(), "GPUs");
  num("design.usable_capacity", cap.usable.petabytes(), "PB");
  auto racks = rack_layout(d);
  num("design.racks", storage_rack_count(racks), "racks");
  num("design.spine_racks", static_cast<double>(racks.size()) - storage_rack_count(racks), "racks");
  num("design.power_typical", power.storage_typical.kilowatts(), "kW");
  num("design.power_max", power.storage_max.kilowatts(), "kW");
  num("bound.write_burst", figures.bound.write.terabytes_per_second(), "TB/s");
  num("bound.read", figures.bound.read.terabytes_per_second(), "TB/s");
  num("bound.destage", figures.bound.destage.terabytes_per_second(), "TB/s");
  for (const auto& m : figures.phases) {
    const std::string p = m.name + ".";
    num(p + "bytes", m.bytes / 1e12, "TB");
    num(p + "completion", m.completion, "s");
    num(p + "sustained", m.sustained / 1e12, "TB/s");
    num(p + "peak", m.peak / 1e12, "TB/s");
    num(p + "writer_p99", m.writer_completion.p99, "s");
    if (m.kind == PhaseKind::checkpoint_write) num(p + "buffer_drained", m.drain, "s");
    if (const auto* b = m.bottleneck()) {
      txt(p + "bottleneck", b->label());
      num(p + "bottleneck_utilization", b->mean * 100, "%");
    }
    if (const auto* r = m.runner_up()) {
      txt(p + "runner_up", r->label());
      num(p + "runner_up_utilization", r->mean * 100, "%");
      if (r->mean > 0) num(p + "runner_up_headroom", (1 / r->mean - 1) * 100, "%");
    }
  }
  return out;
}

void write_summary(std::ostream& out, const std::vector<SummaryItem>& items) {
  for (const auto& i : items) {
    if (i.is_text()) {
      out << i.key << ": " << i.text << "\n";
    } else {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", i.value);
      out << i.key << ": " << buf << " " << i.unit << "\n";
    }
  }
}

std::vector<SummaryItem> read_summary(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), 0, "", "cannot open the expected-summary file");
  std::vector<SummaryItem> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    auto colon = line.find(": ");
    if (colon == std::string::npos) throw InputError(file.string(), n, "", "expected 'key: value unit'");
    SummaryItem item{line.substr(0, colon), 0, {}, {}};
    std::string rest = line.substr(colon + 2);
    std::istringstream parse(rest);
    double v = 0;
    std::string unit;
    // A number followed by exactly one unit word is a figure; anything else is text.
    if ((parse >> v) && (parse >> unit) && parse.eof()) {
      item.value = v;
      item.unit = unit;
    } else {
      item.text = rest;
    }
    out.push_back(item);
  }
  return out;
}

std::vector<std::string> compare_summaries(const std::vector<SummaryItem>& expected,
                                           const std::vector<SummaryItem>& actual, double tol) {
  std::map<std::string, SummaryItem> got;
  for (const auto& a : actual) got[a.key] = a;
  std::vector<std::string> diffs;
  for (const auto& e : expected) {
    auto it = got.find(e.key);
    if (it == got.end()) {
      diffs.push_back(e.key + ": missing from the run");
      continue;
    }
    const auto& a = it->second;
    if (e.is_text() || a.is_text()) {
      if (e.text != a.text) diffs.push_back(e.key + ": expected '" + e.text + "', got '" + a.text + "'");
      continue;
    }
    double scale = std::max(std::abs(e.value), 1e-9);
    if (e.unit != a.unit || std::abs(a.value - e.value) / scale > tol) {
      std::ostringstream msg;
      msg << e.key << ": expected " << e.value << " " << e.unit << ", got " << a.value << " " << a.unit;
      diffs.push_back(msg.str());
    }
  }
  return diffs;
}

}  // namespace podsim
