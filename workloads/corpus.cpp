// Measured runs as designs and workloads: the corpus reader and the row -> scenario translation.
#include "workloads/corpus.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/algorithm/string.hpp>
#include <yaml-cpp/yaml.h>

#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/text_file.hpp"
#include "topology/yaml_node.hpp"
#include "workloads/checkpoint_presets.hpp"
#include "workloads/csv_rows.hpp"

namespace podsim {

const char* to_string(CorpusBenchmark b) {
  switch (b) {
    case CorpusBenchmark::ior_easy: return "io500-ior-easy";
    case CorpusBenchmark::unet3d: return "mlperf-unet3d";
    case CorpusBenchmark::checkpoint: return "mlperf-checkpoint";
  }
  return "?";
}

const char* benchmark_client(CorpusBenchmark b) { return b == CorpusBenchmark::ior_easy ? "ior" : "dlio"; }

const std::vector<std::pair<std::string, std::string>>& corpus_fs_classes() {
  // Matched in order against the lower-cased `filesystem` cell; the first key found wins.
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"lustre", "lustre"},   {"beegfs", "beegfs"},     {"ime", "ime"},           {"weka", "wekafs"},
      {"nfs", "nfs"},         {"daos", "daos"},         {"ceph", "cephfs"},       {"gpfs", "gpfs"},
      {"spectrum scale", "gpfs"}, {"gekkofs", "gekkofs"}, {"madfs", "madfs"},     {"yrcloudfile", "yrcloudfile"},
      {"kapok", "kapok"},     {"oceanfs", "oceanfs"},   {"nvme/tcp", "nvme-tcp"}, {"xfs", "xfs"},
      {"local filesystem", "local"}, {"aistore", "aistore"}, {"flashblade", "flashblade"},
  };
  return table;
}

namespace {

/** The header's columns by name, and a row's cells read through it with file:line:column errors. */
class Columns {
 public:
  Columns(std::string file, const CsvRow& header) : file_(std::move(file)) {
    for (size_t i = 0; i < header.cells.size(); ++i)
      if (!header.cells[i].empty() && !index_.emplace(header.cells[i], static_cast<int>(i)).second)
        throw InputError(file_, header.line, "column " + std::to_string(i + 1) + " (" + header.cells[i] + ")",
                         "the column is named twice (also column " + std::to_string(index_[header.cells[i]] + 1) +
                             "): which one holds the figure?");
  }
  [[nodiscard]] bool has(const std::string& c) const { return index_.count(c) > 0; }
  void require(const std::vector<std::string>& cols, int line) const {
    for (const auto& c : cols)
      if (!has(c)) throw InputError(file_, line, "header", "missing column '" + c + "' (docs/validation.md lists the columns)");
  }
  [[nodiscard]] std::string text(const CsvRow& r, const std::string& c) const {
    auto it = index_.find(c);
    if (it == index_.end() || static_cast<size_t>(it->second) >= r.cells.size()) return "";
    return r.cells[static_cast<size_t>(it->second)];
  }
  [[noreturn]] void fail(const CsvRow& r, const std::string& c, const std::string& msg) const {
    auto it = index_.find(c);
    const int col = it == index_.end() ? 0 : it->second + 1;
    throw InputError(file_, r.line, "column " + std::to_string(col) + " (" + c + ")", msg);
  }
  /** A plain number in [min, max]; a unit or a stray word in the cell is an error ("units in the wrong column"). */
  [[nodiscard]] double number(const CsvRow& r, const std::string& c, double min, double max) const {
    const auto t = text(r, c);
    // Decimal only: std::stod also read hexadecimal ("0x10") and leading blanks (issue 42, G).
    double v = 0;
    const auto res = std::from_chars(t.data(), t.data() + t.size(), v);
    if (res.ec != std::errc() || t.empty()) fail(r, c, "expected a number, got '" + t + "'");
    if (res.ptr != t.data() + t.size()) fail(r, c, "expected a plain number (the column's unit is in its name), got '" + t + "'");
    if (!std::isfinite(v) || v < min || v > max)
      fail(r, c, "expected a number from " + format_number("%g", min) + " to " + format_number("%g", max) + ", got '" + t + "'");
    return v;
  }
  /** A whole count >= 1; empty gives 0 (not stated). */
  [[nodiscard]] int count(const CsvRow& r, const std::string& c, double max = 1e7) const {
    if (text(r, c).empty()) return 0;
    const double v = number(r, c, -1e18, 1e18);
    if (v < 1 || v != std::floor(v)) fail(r, c, "a count is a whole number of at least 1, got '" + text(r, c) + "'");
    if (v > max) fail(r, c, "at most " + format_number("%g", max));
    return static_cast<int>(v);
  }
  [[nodiscard]] double optional_number(const CsvRow& r, const std::string& c, double min, double max) const {
    return text(r, c).empty() ? 0 : number(r, c, min, max);
  }

 private:
  std::string file_;
  std::map<std::string, int> index_;
};

std::string lower(std::string s) {
  boost::to_lower(s);
  return s;
}

bool all_digits(std::string::const_iterator first, std::string::const_iterator last) {
  return std::all_of(first, last, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

std::string fs_class_named(const std::string& filesystem) {
  const auto fs = lower(filesystem);
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (const auto& [key, cls] : corpus_fs_classes())
    for (size_t at = fs.find(key); at != std::string::npos; at = fs.find(key, at + 1)) {
      // A key starts a word and ends it, or is followed by "fs", a version or digits only:
      // "WekaFS" and "NFSv4" are theirs, "OceanFS" is not NFS and "runtime" is not IME.
      if (at > 0 && alnum(fs[at - 1])) continue;
      size_t end = at + key.size();
      while (end < fs.size() && alnum(fs[end])) ++end;
      const auto rest = fs.substr(at + key.size(), end - at - key.size());
      if (rest.empty() || rest == "fs" || all_digits(rest.begin(), rest.end()) ||
          (rest[0] == 'v' && all_digits(rest.begin() + 1, rest.end())))
        return cls;
    }
  return "";
}

namespace {

/** A cell that states nothing: empty, or a word saying so (lower case). */
bool not_stated(const std::string& lowered) {
  return lowered.empty() || lowered == "not disclosed" || lowered == "not given" || lowered == "unknown" || lowered == "n/a";
}

/** The row's file-system class; a file system podsim does not know, or one not stated, is class `other`,
 *  on the `any` figures, said in the row's assumptions (a missing or unfamiliar label is not bad input). */
std::string fs_class_of(const Columns& cols, const CsvRow& r, const std::string& column, CorpusRow& out) {
  const auto& fs = cols.text(r, column);
  if (not_stated(lower(fs))) {
    out.assumptions.push_back("file system not stated: class 'other', generic figures (the 'any' knobs)");
    return "other";
  }
  if (auto cls = fs_class_named(fs); !cls.empty()) return cls;
  out.assumptions.push_back("file system '" + fs + "' is not one podsim knows: class 'other', generic figures (the 'any' knobs)");
  return "other";
}

/** rdma-ib, opa, roce, tcp, slingshot from the NIC type; "" for none (a local run). */
std::string transport_of(const Columns& cols, const CsvRow& r, CorpusRow& out, const std::string& column = "server_nic_type") {
  const auto t = lower(cols.text(r, column));
  if (not_stated(t)) {
    out.assumptions.push_back("NIC type not stated: transport 'unstated', its own fitted efficiency");
    return "unstated";
  }
  if (t.find("none") != std::string::npos) return "";
  if (t == "ib" || t.find("infiniband") != std::string::npos) return "rdma-ib";
  if (t == "opa" || t.find("omni") != std::string::npos) return "opa";
  if (t.find("slingshot") != std::string::npos) return "slingshot";
  if (t.find("ethernet") != std::string::npos) {
    if (t.find("rdma") != std::string::npos || t.find("roce") != std::string::npos) return "roce";
    if (t == "ethernet") out.assumptions.push_back("Ethernet with no RDMA stated: taken as TCP");
    return "tcp";
  }
  // A NIC podsim has no word for is not bad input: it runs as an unstated transport and says so.
  out.assumptions.push_back("NIC type '" + cols.text(r, column) + "' is not one podsim knows: transport 'unstated'");
  return "unstated";
}

/** A leading count in a cell such as "15 emulated H100". */
long long leading_count(const Columns& cols, const CsvRow& r, const std::string& c) {
  const auto t = cols.text(r, c);
  if (t.empty()) return 0;
  // The first word is the count, a decimal number written whole ("1e8 processes" is 1e8, not 1).
  const auto first = t.substr(0, t.find_first_of(" \t"));
  double v = 0;
  const auto res = std::from_chars(first.data(), first.data() + first.size(), v);
  if (res.ec != std::errc() || res.ptr != first.data() + first.size())
    cols.fail(r, c, "expected a count (optionally followed by words), got '" + t + "'");
  if (!(v >= 1 && v <= 1e8) || v != std::floor(v)) cols.fail(r, c, "a count is a whole number from 1 to 1e8, got '" + t + "'");
  return static_cast<long long>(v);
}

/** The system a row belongs to: rows of one system (several client counts, scales, or write and
 *  read) are left out together. The `system` column when there is one; else from the id. */
std::string system_of(const std::string& id) {
  std::vector<std::string> w;
  boost::split(w, id, boost::is_any_of("-"));
  size_t a = 0, b = w.size();
  if (b > 0 && (w[0] == "io500" || w[0].rfind("mlperf", 0) == 0)) ++a;
  if (a < b && w[0] == "io500" && all_digits(w[a].begin(), w[a].end())) ++a;  // submission number
  if (b > a && (w[b - 1] == "write" || w[b - 1] == "read")) --b;
  if (b > a + 1 && w[b - 1] == "client" && all_digits(w[b - 2].begin(), w[b - 2].end())) b -= 2;
  if (b > a && w[b - 1].size() >= 2 && w[b - 1].back() == 'c' &&
      all_digits(w[b - 1].begin(), w[b - 1].end() - 1))
    --b;  // "-3c": the same system with 3 clients
  b = std::min(b, a + 2);
  std::string s;
  for (size_t i = a; i < b; ++i) s += (s.empty() ? "" : "-") + w[i];
  return s.empty() ? id : s;
}

/** The client's protocol class: its file system's, NFS split by transport (TCP with nconnect, or
 *  RDMA). A client whose NICs the source does not state (IO500 has no such field) is `unstated-`
 *  that class: its limit stands for unknown hardware as much as for the protocol, so it is fitted
 *  apart and never applied to a client whose NICs are known. */
std::string protocol_class_of(const std::string& fs_class, const std::string& transport, bool client_stated) {
  const std::string cls = fs_class != "nfs" ? fs_class : transport == "tcp" ? "nfs-tcp" : "nfs-rdma";
  return client_stated || cls.empty() ? cls : "unstated-" + cls;
}

/** An MLPerf unet3d row's emulated accelerators ("15 emulated H100") and what they consume. */
void set_demand(const Columns& cols, const CsvRow& r, CorpusRow& out) {
  const auto words = lower(cols.text(r, "client_procs"));
  for (const char* type : {"h100", "a100"})
    if (words.find(type) != std::string::npos) out.accelerator = boost::to_upper_copy(std::string(type));
  if (out.accelerator.empty()) {
    // A newer round's accelerator (B200, MI300X): the workload is the same DLIO reader; only the
    // demand, which is not what is scored, is unknown.
    out.assumptions.push_back("client_procs '" + cols.text(r, "client_procs") +
                              "': no DLIO figures for this accelerator; scored on capability, its demand not computed");
    return;
  }
  const auto d = accelerator_demand(out.accelerator);
  out.demand = d.bytes_per_second * double(out.processes);
  out.assumptions.push_back("accelerator demand: " + std::to_string(out.processes) + " emulated " + out.accelerator +
                            " x " + std::to_string(d.batch) + format_number(" x %.0f B", d.sample_bytes) +
                            format_number(" / %.3g s", d.computation_seconds) + format_number(" x AU %.2f", d.au) +
                            format_number(" = %.4g GB/s (", out.demand / 1e9) + d.source + ")");
}

void skip_if_missing(CorpusRow& out, const Columns& cols, const CsvRow& r, const std::vector<std::string>& needed) {
  for (const auto& c : needed)
    if (out.skipped.empty() && cols.text(r, c).empty()) out.skipped = c + " not stated";
}

/** A write's server side, said in the row's assumptions: what its servers store on each other. */
void say_across_servers(CorpusRow& out) {
  if (!out.write) return;
  const auto d = across_servers_default(out.fs_class);
  out.assumptions.push_back("protection across servers (" + out.fs_class + "): " +
                            (d.stored > 1 ? format_number("%g copies, sent by the ", d.stored) + (d.by_client ? "client" : "server")
                                          : std::string("none")) +
                            " by default (" + d.source + "); the fitted across_servers." + subject_of_class(out.fs_class) +
                            ".write (or .any.) replaces it when a profile has one");
}

CorpusRow throughput_row(const Columns& cols, const CsvRow& r, const std::string& file, bool loose) {
  CorpusRow out;
  out.file = file;
  out.line = r.line;
  out.id = cols.text(r, "id");
  if (out.id.empty()) cols.fail(r, "id", "every row needs an id");
  const auto bench = cols.text(r, "benchmark");
  if (bench == "io500-ior-easy") out.benchmark = CorpusBenchmark::ior_easy;
  else if (bench == "mlperf-unet3d") out.benchmark = CorpusBenchmark::unet3d;
  else if (bench.empty()) cols.fail(r, "benchmark", "every row names its benchmark (io500-ior-easy or mlperf-unet3d)");
  else out.skipped = "benchmark '" + bench + "': a workload podsim does not model (io500-ior-easy and mlperf-unet3d are)";
  const auto op = cols.text(r, "op");
  if (op != "write" && op != "read") cols.fail(r, "op", "expected write or read, got '" + op + "'");
  out.write = op == "write";
  out.measured_gbps = cols.number(r, "measured_GBps", 1e-6, 1e7);
  if (out.measured_gbps <= 0) cols.fail(r, "measured_GBps", "a measured rate must be positive");
  out.filesystem = cols.text(r, "filesystem");
  out.fs_class = fs_class_of(cols, r, "filesystem", out);
  out.transport = transport_of(cols, r, out);
  out.servers = cols.count(r, "storage_servers");
  out.server_ports = cols.count(r, "server_nic_count", 1000);
  out.server_port_gbps = cols.optional_number(r, "server_nic_Gbps", 0.1, 1e5);
  out.drives = cols.count(r, "drives_total");
  out.drive_read_gbps = cols.optional_number(r, "drive_read_GBps", 0.001, 1e3);
  out.drive_write_gbps = cols.optional_number(r, "drive_write_GBps", 0.001, 1e3);
  out.clients = cols.count(r, "client_nodes");
  out.client_ports = cols.count(r, "client_nic_count", 1000);
  out.client_port_gbps = cols.optional_number(r, "client_nic_Gbps", 0.1, 1e5);
  out.processes = leading_count(cols, r, "client_procs");
  out.system = cols.has("system") && !cols.text(r, "system").empty() ? cols.text(r, "system") : system_of(out.id);
  out.protocol_class = protocol_class_of(out.fs_class, out.transport, out.client_stated());
  if (out.benchmark == CorpusBenchmark::unet3d) set_demand(cols, r, out);
  if (out.skipped.empty() && out.transport.empty()) out.skipped = "server_nic_type: no network (a local run)";
  if (loose && out.server_ports == 0 && out.skipped.empty()) {
    out.server_ports = 1;  // the corpus's own naive bound assumes the same (its notes say so)
    out.loose = true;
    out.assumptions.push_back("server_nic_count not stated: 1 port per server assumed (a loose check, never fitted)");
  }
  skip_if_missing(out, cols, r, {"storage_servers", "server_nic_Gbps", "client_nodes", "client_procs"});
  if (!out.loose) skip_if_missing(out, cols, r, {"server_nic_count"});
  say_across_servers(out);
  return out;
}

CorpusRow checkpoint_row(const Columns& cols, const CsvRow& r, const std::string& file) {
  CorpusRow out;
  out.file = file;
  out.line = r.line;
  out.benchmark = CorpusBenchmark::checkpoint;
  out.id = cols.text(r, "id");
  if (out.id.empty()) cols.fail(r, "id", "every row needs an id");
  const auto op = cols.text(r, "op");
  if (op != "write" && op != "read") cols.fail(r, "op", "expected write or read, got '" + op + "'");
  out.write = op == "write";
  out.measured_gbps = cols.number(r, "measured_GBps", 1e-6, 1e7);
  out.preset = cols.text(r, "model");
  try {
    (void)checkpoint_preset(out.preset);
  } catch (const std::exception& e) {
    cols.fail(r, "model", e.what());
  }
  out.processes = cols.count(r, "ranks");
  out.clients = cols.count(r, "client_hosts");
  out.filesystem = cols.text(r, "filesystem");
  out.fs_class = fs_class_of(cols, r, "filesystem", out);
  out.servers = cols.count(r, "storage_nodes");
  out.server_ports = cols.count(r, "storage_nic_count", 1000);
  out.server_port_gbps = cols.optional_number(r, "storage_nic_Gbps", 0.1, 1e5);
  out.drives = static_cast<int>(leading_count(cols, r, "drives"));
  out.client_ports = cols.count(r, "client_nic_count", 1000);
  out.client_port_gbps = cols.optional_number(r, "client_nic_Gbps", 0.1, 1e5);
  // The storage NICs' type (the layout's `storage_nic_type`, newer files); where it is not given,
  // an S3 object store speaks HTTP over TCP, and anything else is an unstated transport.
  if (cols.has("storage_nic_type") && !cols.text(r, "storage_nic_type").empty()) {
    out.transport = transport_of(cols, r, out, "storage_nic_type");
  } else if (out.fs_class == "aistore") {
    out.transport = "tcp";
    out.assumptions.push_back("S3 over HTTP: TCP");
  } else {
    out.transport = transport_of(cols, r, out, "storage_nic_type");
  }
  out.protocol_class = protocol_class_of(out.fs_class, out.transport, out.client_stated());
  const auto sub = cols.text(r, "submitter");
  out.system = cols.has("system_family") && !cols.text(r, "system_family").empty()
                   ? cols.text(r, "system_family")
                   : (sub.empty() ? system_of(out.id) : lower(sub) + "-" + out.fs_class);
  skip_if_missing(out, cols, r, {"storage_nodes", "storage_nic_count", "storage_nic_Gbps", "ranks", "client_hosts"});
  if (out.skipped.empty() && out.transport.empty()) out.skipped = "NIC type not stated (no transport)";
  say_across_servers(out);
  return out;
}

}  // namespace

std::vector<CorpusRow> load_corpus(const std::filesystem::path& file, bool loose) {
  return parse_corpus(read_input_file(file), file.string(), loose);
}

std::vector<CorpusRow> parse_corpus(const std::string& text, const std::string& name, bool loose) {
  std::istringstream in(text);
  auto rows = read_csv_rows(in, name);
  if (rows.rows.empty()) throw InputError(name, 0, "", "no header and no rows (docs/validation.md lists the columns)");
  Columns cols(name, rows.rows.front());
  const int header_line = rows.rows.front().line;
  const bool checkpoint = cols.has("ranks");
  if (checkpoint)
    cols.require({"id", "model", "ranks", "client_hosts", "op", "measured_GBps", "storage_nodes", "storage_nic_count",
                  "storage_nic_Gbps", "drives", "client_nic_count", "client_nic_Gbps", "filesystem"},
                 header_line);
  else
    cols.require({"id", "benchmark", "op", "measured_GBps", "filesystem", "storage_servers", "server_nic_count",
                  "server_nic_Gbps", "server_nic_type", "drives_total", "drive_read_GBps", "drive_write_GBps",
                  "client_nodes", "client_nic_count", "client_nic_Gbps", "client_procs"},
                 header_line);
  std::vector<CorpusRow> out;
  for (size_t i = 1; i < rows.rows.size(); ++i)
    out.push_back(checkpoint ? checkpoint_row(cols, rows.rows[i], name) : throughput_row(cols, rows.rows[i], name, loose));
  if (out.empty()) throw InputError(name, header_line, "", "a header and no rows");
  return out;
}

namespace {

/** A shared knob's value from the defaults profile, or `fallback` (line rate, no limit). */
double shared(const Profile* p, const std::string& knob, double fallback) {
  if (!p) return fallback;
  const auto* k = p->find(knob);
  return k ? k->value : fallback;
}
std::string gbps(double bytes_per_second) { return format_number("%.6g GB/s", bytes_per_second / 1e9); }
std::string gbit(double gbit_per_second) { return format_number("%.6g Gb/s", gbit_per_second); }

}  // namespace

namespace {

/** One key of a map the generator writes, with any scalar or node as its value. */
struct Entry {
  std::string key;
  YAML::Node value;
  template <class T>
  Entry(std::string k, const T& v) : key(std::move(k)), value(v) {}
};
/** A map written on one line ({a: 1, b: 2}), as a hand-written scenario would be. */
YAML::Node flow(std::initializer_list<Entry> entries) {
  YAML::Node n(YAML::NodeType::Map);
  n.SetStyle(YAML::EmitterStyle::Flow);
  for (const auto& e : entries) n[e.key] = e.value;
  return n;
}
/** A figure with its source: {value: V, source: S}. */
YAML::Node sourced(const YAML::Node& value, const std::string& source) { return flow({{"value", value}, {"source", source}}); }
YAML::Node write_read(const std::string& w, const std::string& r) { return flow({{"write", w}, {"read", r}}); }
std::string num(double v) { return format_number("%.6g", v); }

}  // namespace

std::string corpus_scenario_yaml(const CorpusRow& r, const Profile* defaults) {
  // Every corpus cell (id, file name, preset) is third-party text: it enters the document only as
  // a scalar the emitter quotes, never a comment or a line of its own (issue 42, class A).
  const std::string& t = r.transport;
  const std::string& pclass = r.protocol_class;
  const std::string src = r.where() + " (" + r.id + ")";
  const std::string fitted = defaults ? "fitted: profile " + defaults->name : "assumed: line rate (no profile)";
  // A transport's or class's own knob, else the `any` one fitted over all, else line rate / no limit.
  auto knob = [&](const std::string& family, const std::string& subject, const std::string& dir, double none) {
    return shared(defaults, family + "." + subject_of_class(subject) + "." + dir,
                  shared(defaults, family + "." + any_subject_for(subject) + "." + dir, none));
  };
  const double ew = knob("efficiency", t, "write", 1.0), er = knob("efficiency", t, "read", 1.0);
  const double cl_w = knob("client_limit", pclass, "write", 1e11), cl_r = knob("client_limit", pclass, "read", 1e11);
  const double cap_w = knob("server_cap", r.fs_class, "write", 0), cap_r = knob("server_cap", r.fs_class, "read", 0);
  // The server side of a write: the class's copies or strips on other servers, fitted or its default.
  const auto across_default = across_servers_default(r.fs_class);
  const double across = knob("across_servers", r.fs_class, "write", 0);
  // Client NICs: stated, or (IO500 has no such field) as fat as the whole storage side, so only
  // the protocol's per-client limit binds.
  const bool client_stated = r.client_ports > 0 && r.client_port_gbps > 0;
  const double cspeed = client_stated ? r.client_port_gbps : r.servers * r.server_ports * r.server_port_gbps;
  const int cports_node = client_stated ? r.client_ports : 1;
  const bool drives_stated = r.drives > 0 && r.drive_read_gbps > 0 && r.drive_write_gbps > 0;
  const int drives_per_server = drives_stated ? std::max(1, r.drives / r.servers) : 1;
  const double server_line = r.server_ports * r.server_port_gbps / 8 * 1e9;  // B/s per server
  const long long writers = r.processes;
  // Many clients each writing to many servers: identical nodes are simulated in groups (a group's
  // NICs and processes are its nodes' together, its protocol limit per node), so that at most
  // ~2,048 flows run at once; SimGrid re-solves every flow at each completion.
  const long long per_client = std::max<long long>(1, writers / r.clients);
  int group = 1;
  for (int g = 1; g <= r.clients; ++g) {
    if (r.clients % g != 0) continue;
    group = g;
    if (double(r.clients / g) * double(std::min<long long>(per_client * g, r.servers)) <= 2048) break;
  }
  const int sim_clients = r.clients / group;
  // A benchmark runs up to 1,024 processes per node; a group's simulated client holds its nodes' together.
  const int gpus = static_cast<int>(std::min<long long>(1024LL * group, (writers + sim_clients - 1) / sim_clients));
  const int cports = cports_node * group;  // the ports of a simulated client: its group's
  // Large symmetric systems run as one of `slices` identical slices (a client leaf and a storage
  // leaf each), keeping at least 8 servers per slice: 512 servers x 36,864 processes in seconds.
  int slices = 1;
  for (int d = 1; d <= r.servers / 8; ++d)
    if (r.servers % d == 0 && sim_clients % d == 0 && writers % d == 0) slices = d;

  YAML::Node models(YAML::NodeType::Map);
  auto nic = [&](const std::string& source, int ports, double speed) {
    return flow({{"kind", "nic"}, {"source", source}, {"ports", flow({{"count", ports}, {"speed", gbit(speed)}})},
                 {"transport", t}, {"efficiency", sourced(write_read(num(ew), num(er)), fitted)}});
  };
  models["server-nic"] = nic(src, r.server_ports, r.server_port_gbps);
  models["client-nic"] =
      nic(client_stated ? src : "assumed: not stated; as fast as the storage side, so the per-client protocol limit binds",
          cports_node, cspeed);
  models["drive"] =
      flow({{"kind", "ssd"},
            {"source", drives_stated ? src : "assumed: drives not stated; not the limit (the server cap stands for the back end)"},
            {"capacity", "1 PB"},
            {"read", drives_stated ? format_number("%.6g GB/s", r.drive_read_gbps) : gbps(server_line * 100)},
            {"write", drives_stated ? format_number("%.6g GB/s", r.drive_write_gbps) : gbps(server_line * 100)}});
  auto server = flow({{"kind", "server"}, {"class", r.fs_class}, {"source", src},
                      {"nics", flow({{"model", "server-nic"}, {"count", 1}})},
                      {"drives", flow({{"model", "drive"}, {"count", drives_per_server}})}});
  if (cap_w > 0 && cap_r > 0) server["cap"] = sourced(write_read(gbps(cap_w), gbps(cap_r)), fitted);
  server["rack_units"] = 2;
  server["power"] = sourced(flow({{"typical", "1 kW"}, {"max", "1 kW"}}), "assumed: not modelled here");
  models["server"] = server;
  models["client-protocol"] = flow({{"kind", "protocol"}, {"class", pclass}, {"source", fitted},
                                    {"per_client", write_read(gbps(cl_w), gbps(cl_r))}});
  const std::string bc = benchmark_client(r.benchmark);
  auto client = flow({{"kind", "client"}, {"source", src}, {"gpus", gpus}, {"benchmark", bc}});
  // The benchmark client's ceilings per node and per process, when the profile has one for either
  // direction (the other at the knobs' "no limit", 100 GB/s: a fit often determines one alone).
  for (const char* family : {"host_limit", "stream_limit"}) {
    const double w = knob(family, bc, "write", 0), rd = knob(family, bc, "read", 0);
    if (w > 0 || rd > 0) client[family] = sourced(write_read(gbps(w > 0 ? w : 1e11), gbps(rd > 0 ? rd : 1e11)), fitted);
  }
  client["nics"] = flow({{"model", "client-nic"}, {"count", group}});
  if (group > 1) client["nodes"] = group;
  models["client"] = client;
  // A non-blocking fabric with 2x uplinks: the sources state none, so it is never the limit here.
  const int cl_ports = sim_clients / slices * cports, st_ports = r.servers / slices * r.server_ports;
  auto sw = [&](const char* name, int ports, double speed) {
    models[name] = flow({{"kind", "switch"}, {"source", "assumed: fabric not stated, taken as non-blocking"},
                         {"ports", flow({{"count", ports}, {"speed", gbit(speed)}})}, {"rack_units", 1}, {"latency", "1 us"},
                         {"power", flow({{"typical", "1 kW"}, {"max", "1 kW"}})}});
  };
  sw("client-leaf", 3 * cl_ports, cspeed);
  sw("storage-leaf", 3 * st_ports, r.server_port_gbps);
  sw("spine", 2 * (cl_ports + st_ports) * slices, std::max(cspeed, r.server_port_gbps));
  models["rack"] = flow({{"kind", "rack"}, {"source", "assumed: not modelled here"}, {"rack_units", 100000},
                         {"power_budget", "1000000 kW"}});

  YAML::Node design(YAML::NodeType::Map);
  design["name"] = "row-" + std::to_string(r.line);
  YAML::Node catalog(YAML::NodeType::Sequence);
  YAML::Node entry(YAML::NodeType::Map);
  entry["models"] = models;
  catalog.push_back(entry);
  design["catalog"] = catalog;
  design["clients"] = flow({{"model", "client"}, {"count", sim_clients}, {"protocol", "client-protocol"}});
  design["client_fabric"] =
      flow({{"leaf", "client-leaf"}, {"clients_per_leaf", sim_clients / slices}, {"uplinks_per_leaf", 2 * cl_ports}});
  design["storage_fabric"] = flow({{"leaf", "storage-leaf"}, {"uplinks_per_leaf", 2 * st_ports}});
  design["spine"] = flow({{"model", "spine"}});
  design["servers"] = flow({{"model", "server"}, {"count", r.servers}});
  auto protection = flow({{"raid", flow({{"data", 1}, {"parity", 0}})}, {"reserve", "0 %"}});
  const double stored = across > 0 ? across : across_default.stored;
  if (stored > 1 && r.servers > 1)
    protection["across_servers"] =
        flow({{"stored", num(std::min<double>(stored, r.servers))}, {"by", across_default.by_client ? "client" : "server"},
              {"source", across > 0 ? fitted : across_default.source}});
  design["protection"] = protection;
  design["racks"] = flow({{"model", "rack"}});

  YAML::Node sc(YAML::NodeType::Map);
  sc["name"] = "row-" + std::to_string(r.line);
  sc["design"] = design;
  // Every process's file on one server, the processes of a node spread over all servers.
  sc["placement"] = flow({{"policy", "round_robin"}, {"multipath", r.servers}});
  auto model = flow({{"writer_flows", "merged"}});
  if (slices > 1) model["slices"] = slices;
  sc["model"] = model;

  const double line_side = std::min(server_line * r.servers, cspeed * cports_node / 8 * 1e9 * r.clients);
  auto phase = flow({});
  auto ckpt = [&](const std::string& size_key, const std::string& size, const std::string& chunk) {
    phase[size_key] = size;
    phase["writers"] = writers;
    phase["chunk"] = chunk;
    phase["streams_per_writer"] = 1;
  };
  auto read = [&](double dataset, const std::string& chunk, int streams) {
    phase["dataset"] = format_number("%.0f B", dataset);
    phase["readers"] = writers;
    phase["chunk"] = chunk;
    phase["streams_per_reader"] = streams;
  };
  double total = 0;
  if (r.benchmark == CorpusBenchmark::checkpoint) {
    const auto p = checkpoint_preset(r.preset);
    total = p.size.bytes();
    if (r.write) ckpt("preset", r.preset, "256 MiB");
    else read(total, "256 MiB", 1);
  } else if (r.benchmark == CorpusBenchmark::unet3d) {
    // ~140 MB samples, DLIO's default reader threads per emulated accelerator (dlio-accelerators.yaml).
    // Sample size and reader threads are the workload's, whatever the accelerator (an unknown one too).
    const auto dlio = accelerator_demand(r.accelerator.empty() ? "H100" : r.accelerator);
    const double sample = dlio.sample_bytes;
    const int threads = dlio.read_threads;
    total = std::max(8.0, std::ceil(line_side * 2 / (sample * writers * threads))) * sample * writers * threads;
    read(total, format_number("%.0f B", sample), threads);
  } else {
    // ior-easy: each process its own file, 16 MiB transfers; 8 transfers each is its steady rate.
    const double chunk = 16.0 * (1 << 20);
    total = chunk * 8 * double(writers);
    if (r.write) ckpt("size", format_number("%.0f B", total), "16 MiB");
    else read(total, "16 MiB", 1);
  }
  YAML::Node phases(YAML::NodeType::Sequence);
  YAML::Node item(YAML::NodeType::Map);
  item[r.write && r.benchmark != CorpusBenchmark::unet3d ? "checkpoint" : "prestage_read"] = phase;
  phases.push_back(item);
  sc["phases"] = phases;
  // About 200 samples over the run at line rate (the run is slower: more).
  const double span = total / std::max(1.0, line_side);
  sc["output"] = flow({{"sample_interval", format_number("%.3g ms", std::max(1.0, span / 200 * 1e3))}});
  YAML::Node doc(YAML::NodeType::Map);
  doc["scenario"] = sc;

  YAML::Emitter e;
  e << doc;
  // The comments carry only podsim's own words and numbers; the row's id and file are in the sources.
  std::ostringstream y;
  y << "# A measured run as a scenario, written by podsim validate: " << to_string(r.benchmark) << ", "
    << (r.write ? "write" : "read") << ", measured " << format_number("%.4g", r.measured_gbps)
    << " GB/s. The row's file, line and id are the models' `source`.\n"
    << (group > 1 ? "# " + std::to_string(r.clients) + " client nodes simulated as " + std::to_string(sim_clients) +
                        " groups of " + std::to_string(group) + " identical nodes\n"
                  : "")
    << (slices > 1 ? "# one of " + std::to_string(slices) + " identical slices simulated\n" : "")
    << (r.demand > 0 ? "# the accelerators' demand is " + gbps(r.demand) + "\n" : "") << e.c_str() << "\n";
  return y.str();
}

extern const char* const kSharedKnobsYaml;
extern const char* const kDlioAcceleratorsYaml;
extern const char* const kAcrossServersYaml;

AcrossServersDefault across_servers_default(const std::string& fs_class) {
  // Read once: every corpus row and every fitted knob's prior asks.
  static const std::map<std::string, AcrossServersDefault> classes = [] {
    std::map<std::string, AcrossServersDefault> out;
    const auto doc = YamlNode::load_text(kAcrossServersYaml, "topology/catalog/across-servers.yaml");
    const auto list = doc.required("classes");
    for (const auto& name : list.keys()) {
      const auto c = list.required(name);
      AcrossServersDefault d;
      d.stored = static_cast<double>(c.required("copies").as_integer(1, 16));
      d.by_client = c.optional("by") && c.required("by").as_string() == "client";
      d.source = c.required("source").as_string();
      out.emplace(name, d);
    }
    return out;
  }();
  const auto it = classes.find(subject_of_class(fs_class));
  return it != classes.end() ? it->second : classes.at("any");
}

AcceleratorDemand accelerator_demand(const std::string& type) {
  const auto doc = YamlNode::load_text(kDlioAcceleratorsYaml, "workloads/presets/dlio-accelerators.yaml");
  const auto acc = doc.required("accelerators");
  if (!acc.optional(type)) {
    std::string known;
    for (const auto& k : acc.keys()) known += (known.empty() ? "" : ", ") + k;
    throw std::invalid_argument("no DLIO workload for accelerator '" + type + "' (known: " + known + ")");
  }
  const auto a = acc.required(type);
  AcceleratorDemand d;
  d.batch = static_cast<int>(a.required("batch").as_integer(1, 1 << 20));
  d.computation_seconds = a.required("computation_time").as_duration().seconds();
  d.sample_bytes = doc.required("sample_bytes").as_number(1, 1e12);
  d.au = doc.required("au").as_number(0.01, 1);
  d.read_threads = static_cast<int>(doc.required("read_threads").as_integer(1, 1024));
  d.source = doc.required("source").as_string();
  d.bytes_per_second = d.batch * d.sample_bytes / d.computation_seconds * d.au;
  return d;
}

const Profile& shipped_shared_knobs() {
  static const Profile p = load_profile_text(kSharedKnobsYaml, "topology/catalog/shared-knobs.yaml");
  return p;
}

}  // namespace podsim
