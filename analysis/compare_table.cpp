#include "analysis/compare_table.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <sstream>

#include "analysis/csv.hpp"
#include "topology/markdown_cell.hpp"
#include "analysis/hdf5_util.hpp"
#include "topology/format.hpp"
#include "workloads/reference_lines.hpp"

namespace podsim {

Bytes reference_checkpoint() { return TB(18); }

namespace {

struct RowSpec {
  const char* key;
  const char* label;
  const char* unit;
  const char* format;
  bool text_first;  ///< "dnode_controller write (100)" rather than "74.3 (estimate)"
  bool only_if_given = false;  ///< left out of the table when no column has it (movement rows)
};
// Row order of the table; the keys are those of the CSV and the HDF5 file.
const std::vector<RowSpec>& row_specs() {
  static const std::vector<RowSpec> rows{
      {"usable", "usable capacity", "PB", "%.1f", false},
      {"racks", "storage racks (storage-side spine racks included)", "racks", "%.0f", false},
      {"power", "storage power, typical (storage-side spine included)", "kW", "%.1f", false},
      {"fabric_racks", "compute-fabric spine racks (client side, not storage)", "racks", "%.0f", false},
      {"fabric_power", "compute-fabric power, typical (client leaves and spine share)", "kW", "%.1f", false},
      {"write", "sustained checkpoint write", "TB/s", "%.2f", false},
      {"read", "sustained read", "TB/s", "%.2f", false},
      {"write_bound", "write burst max-flow bound", "TB/s", "%.2f", false},
      {"write_sustained", "write once the buffer is full (migration binds)", "TB/s", "%.2f", false},
      {"read_bound", "read max-flow bound", "TB/s", "%.2f", false},
      {"checkpoint_1t", "time to write a 1T checkpoint (18 TB)", "s", "%.1f", false},
      {"write_bottleneck", "write bottleneck", "% busy", "%.0f", true},
      {"write_runner_up", "write runner-up, headroom", "%", "%.0f", true},
      {"read_bottleneck", "read bottleneck", "% busy", "%.0f", true},
      {"read_runner_up", "read runner-up, headroom", "%", "%.0f", true},
      {"write_per_rack", "write per storage rack", "TB/s", "%.3f", false},
      {"write_per_kw", "write per kW", "GB/s", "%.2f", false},
      {"read_per_rack", "read per storage rack", "TB/s", "%.3f", false},
      {"read_per_kw", "read per kW", "GB/s", "%.2f", false},
      {"accounts", "default object-store accounts needed", "accounts", "%.0f", true},
      {"ref_write", "SuperPOD write guidance at its GPUs: good / better / best", "TB/s", "%.2f", true},
      {"ref_read", "SuperPOD read guidance at its GPUs: good / better / best", "TB/s", "%.2f", true},
      {"ref_measured_write", "best measured Llama3-1T checkpoint write (MLPerf Storage v3.0)", "TB/s", "%.2f", false},
      // A scenario's `movement:` phases, the first drain and fetch of each strategy (docs/data-movement.md).
      {"drain_storage_mover", "drain to the object store by the storage's mover: time (ceiling, WAN use, C-node CPU)",
       "s", "%.1f", false, true},
      {"drain_copy_hosts", "drain to the object store by copy hosts: time (ceiling, WAN use, C-node CPU)", "s", "%.1f",
       false, true},
      {"drain_service_to_service", "drain to the object store by a service-to-service copy: time (ceiling, WAN use, "
       "C-node CPU)", "s", "%.1f", false, true},
      {"fetch_storage_mover", "fetch from the object store by the storage's mover: time (ceiling, WAN use, C-node CPU)",
       "s", "%.1f", false, true},
      {"fetch_copy_hosts", "fetch from the object store by copy hosts: time (ceiling, WAN use, C-node CPU)", "s", "%.1f",
       false, true},
  };
  return rows;
}

const RowSpec& spec(const std::string& key) {
  for (const auto& r : row_specs())
    if (key == r.key) return r;
  throw std::logic_error("no compare row " + key);
}

std::string cell(const CompareRow& r, size_t c) {
  const auto& v = r.values[c];
  std::string s;
  if (v && std::isfinite(*v)) {
    char b[64];
    std::snprintf(b, sizeof b, spec(r.key).format, *v);
    s = b;
  }
  const auto& t = r.texts[c];
  if (!t.empty()) s = s.empty() ? t : spec(r.key).text_first ? t + " (" + s + ")" : s + " (" + t + ")";
  return s.empty() ? "-" : s;
}

/** Summary lookups by key; the first phase of a kind is found by its name prefix. */
class SummaryView {
 public:
  explicit SummaryView(const std::vector<SummaryItem>& items) {
    for (const auto& i : items) by_key_[i.key] = &i;
    for (const auto& i : items) {
      auto dot = i.key.find('.');
      auto phase = i.key.substr(0, dot);
      if (write_.empty() && phase.rfind("checkpoint-", 0) == 0) write_ = phase;
      if (read_.empty() && phase.rfind("prestage-", 0) == 0) read_ = phase;
      // The first drain and fetch of each movement strategy: "drain_copy_hosts" -> "drain-2".
      if (i.key == phase + ".movement.strategy" && i.is_text())
        movement_.emplace(phase.substr(0, phase.find('-')) + "_" + i.text, phase);
    }
  }
  std::optional<double> num(const std::string& key) const {
    auto it = by_key_.find(key);
    if (it == by_key_.end() || it->second->is_text()) return std::nullopt;
    return it->second->value;
  }
  std::string text(const std::string& key) const {
    auto it = by_key_.find(key);
    return it == by_key_.end() ? "" : it->second->text;
  }
  const std::string& write_phase() const { return write_; }
  const std::string& read_phase() const { return read_; }
  const std::map<std::string, std::string>& movement_phases() const { return movement_; }

 private:
  std::map<std::string, const SummaryItem*> by_key_;
  std::string write_, read_;
  std::map<std::string, std::string> movement_;  ///< compare row key -> phase
};

std::optional<double> ratio(std::optional<double> a, std::optional<double> b, double scale = 1) {
  if (!a || !b || *b == 0) return std::nullopt;
  return *a / *b * scale;
}

}  // namespace

CompareBuilder::CompareBuilder() {
  for (const auto& r : row_specs()) table_.rows.push_back({r.key, r.label, r.unit, {}, {}});
}

CompareRow& CompareBuilder::row(const std::string& key) {
  for (auto& r : table_.rows)
    if (r.key == key) return r;
  throw std::logic_error("no compare row " + key);
}

void CompareBuilder::set(const std::string& key, std::optional<double> v, std::string text) {
  auto& r = row(key);
  r.values.back() = v;
  r.texts.back() = std::move(text);
}

void CompareBuilder::add_run(const std::string& name, const std::filesystem::path& run_file,
                             const std::vector<SummaryItem>& summary, std::string racks_svg) {
  table_.columns.push_back(name);
  table_.column_sources.push_back(run_file.string());
  table_.buffer_full_sources.emplace_back();
  table_.racks_svg.push_back(std::move(racks_svg));
  for (auto& r : table_.rows) {
    r.values.emplace_back();
    r.texts.emplace_back();
  }
  SummaryView s(summary);
  const auto w = s.write_phase() + ".", rd = s.read_phase() + ".";
  auto write = s.write_phase().empty() ? std::nullopt : s.num(w + "sustained");
  auto read = s.read_phase().empty() ? std::nullopt : s.num(rd + "sustained");
  auto racks = s.num("design.racks");
  auto kw = s.num("design.power_typical");
  set("usable", s.num("design.usable_capacity"));
  set("racks", racks);
  set("power", kw);
  set("fabric_racks", s.num("design.fabric_racks"));
  set("fabric_power", s.num("design.fabric_power_typical"));
  set("write", write);
  set("read", read);
  set("write_bound", s.num("bound.write_burst"));
  // Simulated when the run wrote past a full buffer; else the closed form (analysis/write_regimes).
  if (auto sim = s.num("writes.buffer_full"))
    set("write_sustained", sim, "simulated: " + s.text("writes.buffer_full_bottleneck"));
  else if (auto closed = s.num("bound.write_sustained"))
    set("write_sustained", closed, "closed form: " + s.text("bound.write_sustained_limit"));
  set("read_bound", s.num("bound.read"));
  // The 1T checkpoint: simulated when the run wrote 18 TB, else the sustained-rate estimate.
  if (write) {
    auto bytes = s.num(w + "bytes");
    const double ref_tb = reference_checkpoint().bytes() / 1e12;
    if (bytes && std::abs(*bytes - ref_tb) < 0.01 * ref_tb)
      set("checkpoint_1t", s.num(w + "completion"), "");
    else
      set("checkpoint_1t", ref_tb / *write, "estimate: 18 TB at the sustained rate");
  }
  for (const auto& [prefix, phase] : {std::pair{std::string("write"), w}, std::pair{std::string("read"), rd}}) {
    if (phase == ".") continue;
    set(prefix + "_bottleneck", s.num(phase + "bottleneck_utilization"), s.text(phase + "bottleneck"));
    set(prefix + "_runner_up", s.num(phase + "runner_up_headroom"), s.text(phase + "runner_up"));
  }
  if (auto gpus = s.num("design.gpus")) {  // reference lines (workloads/reference_lines.hpp) beside the figures
    for (const std::string op : {"write", "read"}) {
      std::string levels;
      for (const auto& l : reference_lines(op, static_cast<long long>(*gpus)))
        if (l.label.rfind("SuperPOD", 0) == 0) levels += (levels.empty() ? "" : " / ") + format_number("%.2f", l.bytes_per_second / 1e12);
      set("ref_" + op, std::nullopt, levels);
    }
    for (const auto& l : reference_lines("write", static_cast<long long>(*gpus)))
      if (l.label.rfind("measured", 0) == 0) set("ref_measured_write", l.bytes_per_second / 1e12);
  }
  for (const auto& [key, phase] : s.movement_phases()) {
    const auto m = phase + ".movement.";
    std::string why = s.text(m + "ceiling_by");
    if (auto u = s.num(m + "wan_utilization")) why += ", WAN " + format_number("%.0f", *u) + " %";
    if (auto c = s.num(m + "cnode_cpu")) why += ", C-node CPU " + format_number("%.1f", *c) + " %";
    if (auto h = s.num(m + "hosts_for_target")) why += ", " + format_number("%.0f", *h) + " hosts for the target";
    set(key, s.num(phase + ".completion"), why);
  }
  set("write_per_rack", ratio(write, racks));
  set("write_per_kw", ratio(write, kw, 1000));
  set("read_per_rack", ratio(read, racks));
  set("read_per_kw", ratio(read, kw, 1000));
}

void CompareBuilder::add_buffer_full(const std::filesystem::path& run_file, const std::vector<SummaryItem>& summary) {
  SummaryView s(summary);
  auto rate = s.num("writes.buffer_full");
  if (!rate) return;  // it never waited for space (no buffer tier): the row keeps what the design run gave
  set("write_sustained", rate, "simulated: " + s.text("writes.buffer_full_bottleneck"));
  table_.buffer_full_sources.back() = run_file.string();
}

void CompareBuilder::note_buffer_full(const std::string& why) {
  auto& text = row("write_sustained").texts.back();
  text += (text.empty() ? "" : "; ") + why;
}

void CompareBuilder::add_object_store(const ObjectStoreBaseline& b, Bytes stored, const std::string& sized_like) {
  table_.columns.push_back(b.name + (sized_like.empty() ? "" : " (as " + sized_like + ")"));
  table_.column_sources.push_back(b.file.string());
  table_.buffer_full_sources.emplace_back();
  table_.racks_svg.emplace_back();
  for (auto& r : table_.rows) {
    r.values.emplace_back();
    r.texts.emplace_back();
  }
  auto f = object_store_figures(b.model, stored);
  const double tbps = f.throughput.terabytes_per_second();
  set("usable", stored.petabytes());
  set("write", tbps, "guidance");
  set("read", tbps, "guidance");
  set("checkpoint_1t", reference_checkpoint().bytes() / f.throughput.bytes_per_second());
  set("write_bottleneck", std::nullopt, "capacity-proportional guidance");
  set("read_bottleneck", std::nullopt, "capacity-proportional guidance");
  char why[160];
  std::snprintf(why, sizeof why, "ingress %d, egress %d, capacity %d", f.accounts_for_ingress, f.accounts_for_egress,
                f.accounts_for_capacity);
  set("accounts", f.accounts(), why);
}

CompareTable CompareBuilder::table() const {
  CompareTable t = table_;
  std::erase_if(t.rows, [](const CompareRow& r) {
    if (!spec(r.key).only_if_given) return false;
    for (size_t c = 0; c < r.values.size(); ++c)
      if (r.values[c] || !r.texts[c].empty()) return false;
    return true;
  });
  return t;
}

std::string compare_markdown(const CompareTable& t) {
  std::ostringstream o;
  o << "| figure | unit |";
  for (const auto& c : t.columns) o << " " << markdown_cell(c) << " |";
  o << "\n| --- | --- |";
  for (size_t i = 0; i < t.columns.size(); ++i) o << " ---: |";
  o << "\n";
  for (const auto& r : t.rows) {
    o << "| " << r.label << " | " << r.unit << " |";
    for (size_t c = 0; c < t.columns.size(); ++c) o << " " << cell(r, c) << " |";
    o << "\n";
  }
  o << "\nColumns come from:";
  for (size_t c = 0; c < t.columns.size(); ++c) o << (c ? "," : "") << " " << markdown_cell(t.columns[c]) << " = " << markdown_cell(t.column_sources[c]);
  o << ".\n";
  bool any_full = false;
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (t.buffer_full_sources[c].empty()) continue;
    o << (any_full ? "," : "\nThe buffer-full row, simulated onto full write buffers (--sustained):") << " "
      << markdown_cell(t.columns[c]) << " = " << markdown_cell(t.buffer_full_sources[c]);
    any_full = true;
  }
  if (any_full) o << ".\n";
  for (const auto& f : t.failed) o << "\n**Not compared, its run failed:** " << markdown_cell(f) << "\n";
  return o.str();
}

std::string compare_csv(const CompareTable& t) {
  std::ostringstream o;
  o << "key,label,unit";
  for (const auto& c : t.columns) o << "," << csv::quote(c) << "," << csv::quote(c + " note");
  o << "\n";
  for (const auto& r : t.rows) {
    o << r.key << "," << csv::quote(r.label) << "," << csv::quote(r.unit);
    for (size_t c = 0; c < t.columns.size(); ++c) {
      o << "," << csv::number(r.values[c]) << "," << csv::quote(r.texts[c]);
    }
    o << "\n";
  }
  return o.str();
}

void write_compare_hdf5(const std::filesystem::path& path, const CompareTable& t) {
  h5::write_atomically(path, [&](H5::H5File& file) {
    H5::Group root = file.openGroup("/");
    h5::attr(root, "schema", "podsim-compare-1");
    auto g = file.createGroup("/compare");
    h5::strings(g, "columns", t.columns);
    h5::strings(g, "column_sources", t.column_sources);
    h5::strings(g, "buffer_full_sources", t.buffer_full_sources);
    h5::strings(g, "racks_svg", t.racks_svg);
    std::vector<std::string> keys, labels, units, texts, cells;
    std::vector<double> values;
    for (const auto& r : t.rows) {
      keys.push_back(r.key);
      labels.push_back(r.label);
      units.push_back(r.unit);
      for (size_t c = 0; c < t.columns.size(); ++c) {
        values.push_back(r.values[c].value_or(std::numeric_limits<double>::quiet_NaN()));
        texts.push_back(r.texts[c]);
        cells.push_back(cell(r, c));
      }
    }
    h5::strings(g, "row_key", keys);
    h5::strings(g, "row_label", labels);
    h5::strings(g, "row_unit", units);
    h5::double_matrix(g, "values", t.rows.size(), t.columns.size(), values, "row_unit of each row; NaN = not applicable");
    h5::string_matrix(g, "texts", t.rows.size(), t.columns.size(), texts);
    h5::string_matrix(g, "cells", t.rows.size(), t.columns.size(), cells);
  });
}

}  // namespace podsim
