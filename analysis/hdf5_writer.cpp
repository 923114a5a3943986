#include "analysis/hdf5_writer.hpp"

#include <cmath>
#include <map>
#include <set>

#include <H5Cpp.h>

#include <fstream>
#include <sstream>

#include "analysis/hdf5_util.hpp"
#include "topology/input_error.hpp"
#include "topology/text_file.hpp"

namespace podsim {
namespace {
/** /faults: each fault's figures (the summary's, as attributes), client throughput over time, the
 *  throughput lost against the fault-free baseline, and each phase's time with and without faults. */
void write_faults(H5::H5File& file, const FaultReport& r, const std::vector<SummaryItem>& summary) {
  auto g = file.createGroup("/faults");
  for (const auto& f : r.faults) {
    auto fg = g.createGroup(f.name);
    h5::attr(fg, "kind", std::string(to_string(f.spec->kind)));
    h5::attr(fg, "target", f.spec->target);
    const std::string prefix = f.name + ".";
    for (const auto& item : summary)
      if (item.key.rfind(prefix, 0) == 0 && !item.is_text()) h5::attr(fg, item.key.substr(prefix.size()), item.value, item.unit);
  }
  h5::doubles(g, "user_bytes", r.user_bytes, "B acknowledged per bucket, client phases together");
  if (r.has_baseline) h5::doubles(g, "lost_bytes", r.lost_bytes, "B per bucket, fault-free baseline minus this run");
  std::vector<std::string> names;
  std::vector<double> duration, baseline, interval;
  for (const auto& ph : r.phases) {
    names.push_back(ph.name);
    duration.push_back(ph.duration);
    baseline.push_back(ph.baseline.value_or(NAN));
    interval.push_back(ph.interval.value_or(NAN));
  }
  auto pg = g.createGroup("phases");
  h5::strings(pg, "name", names);
  h5::doubles(pg, "duration", duration, "s, start to last writer done");
  h5::doubles(pg, "baseline", baseline, "s, the same without faults (NaN: no baseline run)");
  h5::doubles(pg, "interval", interval, "s, a timeline checkpoint's compute interval (NaN: not in a timeline)");
}


void write_claims(H5::H5File& file, const std::vector<ClaimVerdict>& claims) {
  auto g = file.createGroup("/claims");
  std::vector<std::string> claim, claimed, unit, simulated, bound, verdict, limited_by, because, sourced, needs;
  std::vector<double> low, high, resolution, chance;
  std::vector<std::string> ref_claim, ref_label, ref_source;
  std::vector<double> ref_rate;
  for (const auto& c : claims) {
    sourced.push_back(c.sourced_ceiling);
    std::string joined;
    for (const auto& r : c.requirements) joined += (joined.empty() ? "" : "; ") + r;
    needs.push_back(joined);
    resolution.push_back(c.resolution);
    chance.push_back(c.chance);
    for (const auto& r : c.references) {
      ref_claim.push_back(c.claim);
      ref_label.push_back(r.label);
      ref_rate.push_back(r.bytes_per_second);
      ref_source.push_back(r.source);
    }
    claim.push_back(c.claim);
    claimed.push_back(c.claimed);
    low.push_back(c.claimed_low);
    high.push_back(c.claimed_high);
    unit.push_back(c.unit);
    simulated.push_back(c.simulated);
    bound.push_back(c.bound);
    verdict.push_back(to_string(c.verdict));
    limited_by.push_back(c.limited_by);
    because.push_back(c.because);
  }
  h5::strings(g, "claim", claim);
  h5::strings(g, "claimed", claimed);
  h5::doubles(g, "low", low, "see unit");
  h5::doubles(g, "high", high, "see unit");
  h5::strings(g, "unit", unit);
  h5::strings(g, "simulated", simulated);
  h5::strings(g, "bound", bound);
  h5::strings(g, "verdict", verdict);
  h5::strings(g, "limited_by", limited_by);
  h5::strings(g, "because", because);
  h5::strings(g, "sourced_ceiling", sourced);
  h5::strings(g, "requirements", needs);
  h5::doubles(g, "resolution", resolution, "fraction: the simulated figure's model-resolution error (0: not a throughput claim)");
  h5::doubles(g, "chance", chance, "fraction: chance that a throughput claim holds, from podsim's measured error (NaN: none; docs/claim-check.md)");
  auto rg = g.createGroup("references");
  h5::strings(rg, "claim", ref_claim);
  h5::strings(rg, "label", ref_label);
  h5::doubles(rg, "rate", ref_rate, "B/s");
  h5::strings(rg, "source", ref_source);
}

/** /resources: a row per resource direction, or (output.series: per-class, or a long run) per class
 *  label with its instances summed, so class sums and utilizations read the same either way. */
void write_resources(H5::H5File& file, const RunResult& r, const OutputSpec& output) {
  struct Row {
    std::string name, cls, dir, label;
    double capacity = 0;
    std::vector<double> amount;
    int instances = 0;
  };
  size_t buckets = 0;
  for (const auto& s : r.resources) buckets = std::max(buckets, s.amount.size());
  const bool per_resource = output.per_resource(buckets);
  std::vector<Row> rows;
  std::map<std::string, size_t> row_of_label;
  for (const auto& s : r.resources) {
    const auto label = class_label(s.cls, s.direction, r.servers);
    size_t i = rows.size();
    if (!per_resource) {
      auto [it, fresh] = row_of_label.emplace(label, rows.size());
      i = it->second;
      if (!fresh) {
        auto& row = rows[i];
        row.capacity += s.capacity;
        for (size_t k = 0; k < s.amount.size(); ++k) row.amount[k] += s.amount[k];
        ++row.instances;
        continue;
      }
    }
    Row row{per_resource ? s.name : label, to_string(s.cls), s.direction, label, s.capacity, s.amount, 1};
    row.amount.resize(buckets, 0.0);
    rows.push_back(std::move(row));
  }
  auto res = file.createGroup("/resources");
  h5::attr(res, "series", per_resource ? "per-resource" : "per-class");
  std::vector<std::string> names, classes, dirs, labels;
  std::vector<double> caps, instances, matrix(rows.size() * buckets, 0.0);
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    names.push_back(row.name);
    classes.push_back(row.cls);
    dirs.push_back(row.dir);
    labels.push_back(row.label);
    caps.push_back(row.capacity);
    instances.push_back(double(row.instances));
    std::copy(row.amount.begin(), row.amount.end(), matrix.begin() + static_cast<long>(i * buckets));
  }
  h5::strings(res, "name", names);
  h5::strings(res, "class", classes);
  h5::strings(res, "direction", dirs);
  h5::strings(res, "class_label", labels);
  h5::doubles(res, "capacity", caps, "B/s (cycles/s for cnode_cpu)");
  h5::doubles(res, "instances", instances, "resources summed into the row (1: per-resource series)");
  hsize_t dims[2] = {rows.size(), buckets};
  auto amount = res.createDataSet("amount", H5::PredType::NATIVE_DOUBLE, H5::DataSpace(2, dims));
  if (dims[0] && dims[1]) amount.write(matrix.data(), H5::PredType::NATIVE_DOUBLE);
  h5::attr(amount, "unit", "B per bucket (cycles for cnode_cpu); bucket k covers [k, k+1) x sample_interval");
}

void write_file(H5::H5File& file, const Scenario& sc, const RunResult& r, const RunFigures& fig,
                const std::vector<SummaryItem>& summary, const std::vector<ClaimVerdict>& claims) {
  H5::Group root = file.openGroup("/");
  h5::attr(root, "schema", "podsim-run-1");
  h5::attr(root, "scenario_name", sc.name);
  h5::attr(root, "sample_interval", r.sample_interval, "s");
  h5::attr(root, "end_time", r.end_time, "s");
  h5::attr(root, "run_end", r.run_end, "s");  // past end_time when a rebuild ran on after the workload
  h5::attr(root, "wall_time", r.wall_seconds, "s");
  h5::attr(root, "platform_build_time", r.platform_seconds, "s");
  h5::attr(root, "slicing", r.slicing);  // how the run was sliced, and any node counts rounded; empty: whole

  auto input = file.createGroup("/input");
  h5::attr(input, "scenario_file", sc.file.string());
  h5::attr(input, "scenario_yaml", sc.text);
  // design_file is the layout file of a multi-site run; its sites' design files are listed in /input/sites.
  const auto& layout = sc.layout;
  h5::attr(input, "design_file", layout.file.string());
  h5::attr(input, "design_yaml", layout.file == sc.file ? std::string("(inline)") : read_text_file(layout.file));
  if (layout.multi_site()) {
    auto sites = file.createGroup("/input/sites");
    std::vector<std::string> site_names, design_files;
    for (const auto& site : layout.sites) {
      site_names.push_back(site.name);
      design_files.push_back(site.design.file.string());
    }
    h5::strings(sites, "name", site_names);
    h5::strings(sites, "design_file", design_files);
  }
  auto sources = file.createGroup("/input/sources");
  std::vector<std::string> model, field, source;
  std::set<std::string> seen;
  auto add_sources = [&](const std::vector<FigureSource>& list) {
    for (const auto& s : list) {
      if (!seen.insert(s.model + "\n" + s.field).second) continue;  // sites sharing a catalog list it once
      model.push_back(s.model);
      field.push_back(s.field);
      source.push_back(s.source);
    }
  };
  for (const auto& site : layout.sites) add_sources(site.design.sources);
  add_sources(layout.sources);
  h5::strings(sources, "model", model);
  h5::strings(sources, "field", field);
  h5::strings(sources, "source", source);

  write_resources(file, r, sc.output);

  h5::attr(file, "servers", r.servers ? 1.0 : 0.0, "1: servers with internal drives (no buffer tier)");
  auto fill = file.createGroup("/buffer");
  h5::doubles(fill, "fill", r.buffer_fill, "B, sampled at each bucket end");
  h5::attr(fill, "capacity", r.buffer_capacity, "B");

  auto phases = file.createGroup("/phases");
  for (size_t i = 0; i < r.phases.size(); ++i) {
    const auto& ph = r.phases[i];
    const auto& m = fig.phases[i];
    auto g = phases.createGroup(ph.name);
    h5::attr(g, "kind", to_string(ph.kind));
    h5::attr(g, "description", ph.description);
    h5::attr(g, "bytes", ph.bytes, "B");
    h5::attr(g, "writers", static_cast<double>(ph.writers));
    h5::attr(g, "start", ph.start, "s");
    h5::attr(g, "last_done", ph.last_done, "s");
    h5::attr(g, "drained", ph.drained, "s");
    h5::attr(g, "window_start", m.window_start, "s");
    h5::attr(g, "window_end", m.window_end, "s");
    h5::attr(g, "sustained", m.sustained, "B/s");
    h5::attr(g, "peak", m.peak, "B/s");
    h5::attr(g, "peak_start", m.peak_start, "s");
    h5::attr(g, "peak_end", m.peak_end, "s");
    h5::doubles(g, "writer_done", ph.writer_done, "s after phase start");
    h5::doubles(g, "user_bytes", ph.user_bytes.values, "B acknowledged per bucket, from bucket user_bytes_first_bucket");
    h5::attr(g, "user_bytes_first_bucket", double(ph.user_bytes.first), "bucket");
    std::vector<std::string> labels, busiest;
    std::vector<double> mean, max;
    for (const auto& u : m.utilization) {
      labels.push_back(u.label());
      busiest.push_back(u.busiest);
      mean.push_back(u.mean);
      max.push_back(u.max);
    }
    auto ug = g.createGroup("utilization");
    h5::strings(ug, "resource_class", labels);
    h5::strings(ug, "busiest", busiest);
    h5::doubles(ug, "mean", mean, "fraction of capacity over the steady window");
    h5::doubles(ug, "max", max, "fraction of capacity, busiest instance");
  }

  auto timelines = file.createGroup("/timelines");
  for (size_t t = 0; t < r.timelines.size(); ++t) {
    const auto& rec = r.timelines[t];
    const auto& m = fig.timelines[t];
    auto g = timelines.createGroup(rec.name);
    h5::attr(g, "start", rec.start, "s");
    h5::attr(g, "end", rec.end, "s");
    h5::attr(g, "interval", m.interval, "s");
    h5::attr(g, "time_lost", m.lost_fraction, "fraction of training time");
    h5::doubles(g, "checkpoint_start", rec.checkpoint_start, "s, training stopped");
    h5::doubles(g, "stall", rec.stall, "s, training stopped for the checkpoint");
    if (!m.backlog.empty()) h5::doubles(g, "drain_backlog", m.backlog, "B not yet in the object store, per bucket end");
  }

  if (fig.faults) write_faults(file, *fig.faults, summary);

  auto sg = file.createGroup("/summary");
  std::vector<std::string> keys, units, texts;
  std::vector<double> values;
  for (const auto& s : summary) {
    keys.push_back(s.key);
    values.push_back(s.value);
    units.push_back(s.unit);
    texts.push_back(s.text);
  }
  h5::strings(sg, "key", keys);
  h5::doubles(sg, "value", values, "see unit");
  h5::strings(sg, "unit", units);
  h5::strings(sg, "text", texts);
  if (!claims.empty()) write_claims(file, claims);
}

}  // namespace

void write_hdf5(const std::filesystem::path& path, const Scenario& sc, const RunResult& r, const RunFigures& fig,
                const std::vector<SummaryItem>& summary, const std::vector<ClaimVerdict>& claims) {
  h5::write_atomically(path, [&](H5::H5File& file) { write_file(file, sc, r, fig, summary, claims); });
}

std::vector<SummaryItem> read_hdf5_summary(const std::filesystem::path& path) {
  try {
    H5::Exception::dontPrint();
    const auto file = h5::open_for_reading(path);
    auto g = h5::open_group(file, "/summary");
    auto keys = h5::read_strings(g, "key");
    auto values = h5::read_doubles(g, "value");
    auto units = h5::read_strings(g, "unit");
    auto texts = h5::read_strings(g, "text");
    if (values.size() != keys.size() || units.size() != keys.size() || texts.size() != keys.size())
      throw InputError(path.string(), 0, "/summary", "its datasets differ in length");
    std::vector<SummaryItem> out;
    for (size_t i = 0; i < keys.size(); ++i) out.push_back({keys[i], values[i], units[i], texts[i]});
    return out;
  } catch (const H5::Exception& e) {
    throw InputError(path.string(), 0, "", "cannot read the summary of a podsim run file: " + e.getDetailMsg());
  }
}

}  // namespace podsim
