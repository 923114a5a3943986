#include "analysis/sweep_table.hpp"

#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "analysis/csv.hpp"
#include "analysis/hdf5_util.hpp"
#include "analysis/sweep_summary.hpp"
#include "analysis/output_file.hpp"
#include "topology/input_error.hpp"

namespace podsim {

std::vector<std::pair<std::string, std::string>> SweepTable::figure_keys() const {
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> seen;
  for (const auto& r : rows)
    for (const auto& s : r.summary)
      if (!s.is_text() && seen.insert(s.key).second) out.emplace_back(s.key, s.unit);
  return out;
}

std::vector<std::string> SweepTable::text_keys() const {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& r : rows)
    for (const auto& s : r.summary)
      if (s.is_text() && seen.insert(s.key).second) out.push_back(s.key);
  return out;
}

namespace {

/** Per row: value of every figure key (NaN when absent) and text of every text key. */
struct Flat {
  std::vector<std::pair<std::string, std::string>> figures;
  std::vector<std::string> texts;
  std::vector<std::vector<double>> values;
  std::vector<std::vector<std::string>> strings;
};

Flat flatten(const SweepTable& t) {
  Flat f{t.figure_keys(), t.text_keys(), {}, {}};
  for (const auto& r : t.rows) {
    std::map<std::string, const SummaryItem*> by_key;
    for (const auto& s : r.summary) by_key[s.key] = &s;
    std::vector<double> v;
    for (const auto& [k, unit] : f.figures) {
      auto it = by_key.find(k);
      v.push_back(it == by_key.end() ? std::numeric_limits<double>::quiet_NaN() : it->second->value);
    }
    std::vector<std::string> s;
    for (const auto& k : f.texts) {
      auto it = by_key.find(k);
      s.push_back(it == by_key.end() ? std::string() : it->second->text);
    }
    f.values.push_back(std::move(v));
    f.strings.push_back(std::move(s));
  }
  return f;
}

const char* status_of(const SweepRow& r) { return r.done ? "done" : "failed"; }

}  // namespace

std::string sweep_csv(const SweepTable& t) {
  const auto f = flatten(t);
  std::ostringstream o;
  o << "point,status,exit_code,error";
  for (const auto& a : t.axes) o << "," << csv::quote(a);
  for (const auto& [k, unit] : f.figures) o << "," << csv::quote(k + " (" + unit + ")");
  for (const auto& k : f.texts) o << "," << csv::quote(k);
  o << "\n";
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const auto& r = t.rows[i];
    o << r.index << "," << status_of(r) << "," << r.exit_code << "," << csv::quote(r.error);
    for (const auto& v : r.values) o << "," << csv::quote(v);
    for (double v : f.values[i]) o << "," << csv::number(v);
    for (const auto& s : f.strings[i]) o << "," << csv::quote(s);
    o << "\n";
  }
  return o.str();
}

namespace {

/** /sweep/by_axis/<k>: the per-axis view `podsim sweep summary` prints, for plots (means per group, knees). */
void write_axis_views(H5::Group& sweep, const std::vector<AxisView>& views) {
  auto by_axis = sweep.createGroup("by_axis");
  size_t k = 0;
  for (const auto& v : views) {
    if (v.fixed()) continue;  // an override, nothing to plot against
    auto g = by_axis.createGroup(std::to_string(k++));
    h5::attr(g, "axis", v.axis);
    h5::strings(g, "label", v.labels);
    h5::doubles(g, "x", v.x, "the group's leading number, in the axis's own unit; NaN if it has none");
    h5::strings(g, "phase", v.phases);
    std::vector<double> sustained;
    std::vector<std::string> bottleneck;
    for (size_t p = 0; p < v.phases.size(); ++p) {
      sustained.insert(sustained.end(), v.sustained[p].begin(), v.sustained[p].end());
      bottleneck.insert(bottleneck.end(), v.bottleneck[p].begin(), v.bottleneck[p].end());
    }
    h5::double_matrix(g, "sustained", v.phases.size(), v.labels.size(), sustained, "TB/s, mean over the group's points");
    h5::string_matrix(g, "bottleneck", v.phases.size(), v.labels.size(), bottleneck);
    std::vector<std::string> phase, from, to, kind, where;
    std::vector<double> group;
    for (const auto& c : v.changes) {
      std::string w;
      for (const auto& sl : c.slices) w += (w.empty() ? "" : "; ") + sl;
      where.push_back(w);
      phase.push_back(c.phase);
      from.push_back(c.from);
      to.push_back(c.to);
      kind.push_back(c.co_bottleneck ? "co-bottleneck" : "knee");
      group.push_back(double(c.group));
    }
    h5::strings(g, "change_phase", phase);
    h5::strings(g, "change_from", from);
    h5::strings(g, "change_to", to);
    h5::strings(g, "change_kind", kind);
    h5::doubles(g, "change_group", group, "index of the first group after the change");
    h5::strings(g, "change_slices", where);  // the slices of the other axes where it happens, "; "-separated (empty: the only slice)
  }
}

}  // namespace

void write_sweep_hdf5(const std::filesystem::path& path, const SweepTable& t) {
  const auto f = flatten(t);
  h5::write_atomically(path, [&](H5::H5File& file) {
    H5::Group root = file.openGroup("/");
    h5::attr(root, "schema", "podsim-sweep-1");
    auto g = file.createGroup("/sweep");
    h5::attr(g, "name", t.name);
    h5::attr(g, "mode", t.mode);
    h5::attr(g, "sweep_file", t.sweep_file.string());
    const size_t n = t.rows.size();
    std::vector<double> index, exit_code;
    std::vector<std::string> status, error, result, axis_values;
    for (const auto& r : t.rows) {
      index.push_back(r.index);
      exit_code.push_back(r.exit_code);
      status.push_back(status_of(r));
      error.push_back(r.error);
      result.push_back(r.result.string());
      axis_values.insert(axis_values.end(), r.values.begin(), r.values.end());
    }
    h5::doubles(g, "point", index, "1");
    h5::strings(g, "status", status);
    h5::doubles(g, "exit_code", exit_code, "1");
    h5::strings(g, "error", error);
    h5::strings(g, "result_file", result);
    h5::strings(g, "axis", t.axes);
    h5::string_matrix(g, "axis_value", n, t.axes.size(), axis_values);
    std::vector<std::string> keys, units;
    for (const auto& [k, u] : f.figures) {
      keys.push_back(k);
      units.push_back(u);
    }
    h5::strings(g, "figure_key", keys);
    h5::strings(g, "figure_unit", units);
    std::vector<double> values;
    for (const auto& row : f.values) values.insert(values.end(), row.begin(), row.end());
    h5::double_matrix(g, "figure", n, keys.size(), values, "figure_unit of each column; NaN = not available");
    h5::strings(g, "text_key", f.texts);
    std::vector<std::string> texts;
    for (const auto& row : f.strings) texts.insert(texts.end(), row.begin(), row.end());
    h5::string_matrix(g, "text", n, f.texts.size(), texts);
    write_axis_views(g, axis_views(t));
  });
}

SweepTable read_sweep_hdf5(const std::filesystem::path& path) {
  SweepTable t;
  try {
    H5::Exception::dontPrint();
    const auto file = h5::open_for_reading(path);
    auto g = h5::open_group(file, "/sweep");
    t.name = h5::read_string_attr(g, "name");
    t.mode = h5::read_string_attr(g, "mode");
    t.sweep_file = h5::read_string_attr(g, "sweep_file");
    t.axes = h5::read_strings(g, "axis");
    auto status = h5::read_strings(g, "status");
    auto error = h5::read_strings(g, "error");
    auto index = h5::read_doubles(g, "point");
    auto exit_code = h5::read_doubles(g, "exit_code");
    auto axis_values = h5::read_strings(g, "axis_value");
    auto keys = h5::read_strings(g, "figure_key");
    auto units = h5::read_strings(g, "figure_unit");
    auto figures = h5::read_doubles(g, "figure");
    auto text_keys = h5::read_strings(g, "text_key");
    auto texts = h5::read_strings(g, "text");
    const size_t n = status.size();
    if (error.size() != n || index.size() != n || exit_code.size() != n || axis_values.size() != n * t.axes.size() ||
        units.size() != keys.size() || figures.size() != n * keys.size() || texts.size() != n * text_keys.size())
      throw InputError(path.string(), 0, "/sweep", "its datasets disagree in length: not a complete podsim sweep file");
    for (size_t i = 0; i < status.size(); ++i) {
      SweepRow r;
      r.index = static_cast<int>(index[i]);
      r.done = status[i] == "done";
      r.exit_code = static_cast<int>(exit_code[i]);
      r.error = error[i];
      for (size_t a = 0; a < t.axes.size(); ++a) r.values.push_back(axis_values[i * t.axes.size() + a]);
      for (size_t k = 0; k < keys.size(); ++k) {
        double v = figures[i * keys.size() + k];
        if (v == v) r.summary.push_back({keys[k], v, units[k], {}});
      }
      for (size_t k = 0; k < text_keys.size(); ++k)
        if (!texts[i * text_keys.size() + k].empty()) r.summary.push_back({text_keys[k], 0, {}, texts[i * text_keys.size() + k]});
      t.rows.push_back(std::move(r));
    }
  } catch (const H5::Exception& e) {
    throw InputError(path.string(), 0, "", "cannot read it as a podsim sweep file: " + e.getDetailMsg());
  } catch (const InputError& e) {
    throw InputError(path.string(), 0, "", std::string("cannot read it as a podsim sweep file: ") + e.what());
  }
  return t;
}

}  // namespace podsim
