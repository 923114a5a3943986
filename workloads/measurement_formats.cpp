// Readers for elbencho CSV, IOR text output, fio JSON and the plain CSV (docs/calibration.md).
#include "workloads/measurement_formats.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <boost/algorithm/string/case_conv.hpp>
#include <boost/algorithm/string/trim.hpp>
#include <nlohmann/json.hpp>

#include "topology/input_error.hpp"

namespace podsim {
namespace {

using boost::algorithm::to_lower_copy;
using boost::algorithm::trim_copy;

constexpr double kMiB = 1024.0 * 1024.0;

/** A whole cell as a finite number, or nothing. */
std::optional<double> number_in(const std::string& t) {
  try {
    size_t used = 0;
    double v = std::stod(t, &used);
    if (used == t.size() && std::isfinite(v)) return v;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

/** Column lookup by header name, with errors naming the file, line and column. */
class Columns {
 public:
  Columns(std::string file, const CsvRow& header) : file_(std::move(file)), header_line_(header.line) {
    for (size_t i = 0; i < header.cells.size(); ++i) index_[header.cells[i]] = i;
  }
  [[nodiscard]] bool has(const std::string& name) const { return index_.count(name) > 0; }
  [[nodiscard]] std::string text(const CsvRow& r, const std::string& name) const {
    auto it = index_.find(name);
    if (it == index_.end()) throw InputError(file_, header_line_, name, "the header has no column '" + name + "'");
    if (it->second >= r.cells.size()) throw InputError(file_, r.line, name, "the row has no cell for this column");
    return r.cells[it->second];
  }
  [[nodiscard]] double number(const CsvRow& r, const std::string& name) const {
    const auto t = text(r, name);
    if (auto v = number_in(t)) return *v;
    throw InputError(file_, r.line, name, "expected a number, got '" + t + "'");
  }
  [[nodiscard]] int count(const CsvRow& r, const std::string& name) const {
    double v = number(r, name);
    if (v < 1 || v > 1e7 || v != std::floor(v))
      throw InputError(file_, r.line, name, "expected a whole number of at least 1, got '" + text(r, name) + "'");
    return static_cast<int>(v);
  }
  [[nodiscard]] Bytes bytes(const CsvRow& r, const std::string& name) const {
    try {
      return parse_bytes(text(r, name));
    } catch (const std::exception& e) {
      throw InputError(file_, r.line, name, std::string(e.what()) + " (sizes carry their unit: '1 MiB', '4 GB')");
    }
  }

 private:
  std::string file_;
  int header_line_;
  std::map<std::string, size_t> index_;
};

/** "write"/"read" in any case, else an error at the cell. */
bool is_write_op(const std::string& file, int line, const std::string& field, const std::string& op) {
  const auto o = to_lower_copy(op);
  if (o == "write" || o == "randwrite") return true;
  if (o == "read" || o == "randread") return false;
  throw InputError(file, line, field, "expected write or read, got '" + op + "'");
}

}  // namespace

std::vector<Measurement> read_elbencho_csv(const std::string& file, const std::vector<CsvRow>& rows) {
  Columns c(file, rows.front());
  std::vector<Measurement> out;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.cells.size() == rows.front().cells.size() && r.cells[0] == "ISO date") continue;  // appended runs
    const auto op = to_lower_copy(c.text(r, "operation"));
    if (op != "write" && op != "read") continue;  // MKDIRS, STAT, RMFILES...: not bulk transfers
    Measurement m;
    m.file = file;
    m.line = r.line;
    m.tool = "elbencho";
    m.label = c.text(r, "label");
    m.write = op == "write";
    m.hosts = c.count(r, "hosts");
    m.threads_per_host = c.count(r, "threads");
    m.iodepth = c.count(r, "IO depth");
    m.block = Bytes::from_bytes(c.number(r, "block size"));
    // Bytes actually moved, not files x size: a "file" path type has no per-thread file count.
    m.bytes_per_thread = Bytes::from_bytes(c.number(r, "MiB [last]") * kMiB / (m.hosts * m.threads_per_host));
    m.measured = Bandwidth::from_bytes_per_second(c.number(r, "MiB/s [last]") * kMiB);
    out.push_back(m);
  }
  return out;
}

std::vector<Measurement> read_plain_csv(const std::string& file, const std::vector<CsvRow>& rows, bool measured) {
  Columns c(file, rows.front());
  const std::vector<std::pair<std::string, double>> rate_columns = {{"GB/s", 1e9}, {"GiB/s", kMiB * 1024}, {"MiB/s", kMiB}};
  std::string rate;
  double scale = 0;
  for (const auto& [name, s] : rate_columns)
    if (c.has(name)) rate = name, scale = s;
  if (rate.empty() && measured)
    throw InputError(file, rows.front().line, "",
                     "the header needs a throughput column named GB/s, GiB/s or MiB/s (with the columns clients, "
                     "threads, block_size, file_size and op)");
  std::vector<Measurement> out;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    Measurement m;
    m.file = file;
    m.line = r.line;
    m.tool = "csv";
    m.hosts = c.count(r, "clients");
    m.threads_per_host = c.count(r, "threads");
    m.block = c.bytes(r, "block_size");
    m.bytes_per_thread = c.bytes(r, "file_size");
    m.write = is_write_op(file, r.line, "op", c.text(r, "op"));
    if (c.has("iodepth")) m.iodepth = c.count(r, "iodepth");
    if (c.has("label")) m.label = c.text(r, "label");
    if (!rate.empty()) m.measured = Bandwidth::from_bytes_per_second(c.number(r, rate) * scale);
    out.push_back(m);
  }
  return out;
}

std::vector<Measurement> read_ior_output(const std::string& file, const std::string& text) {
  std::istringstream in(text);
  std::string line;
  int n = 0;
  std::vector<std::string> header;
  bool in_summary = false;
  std::vector<Measurement> out;
  while (std::getline(in, line)) {
    ++n;
    std::istringstream words(line);
    std::vector<std::string> w{std::istream_iterator<std::string>(words), std::istream_iterator<std::string>()};
    if (trim_copy(line) == "Summary of all tests:") {
      in_summary = true;
      header.clear();
      continue;
    }
    if (!in_summary || w.empty()) continue;
    if (w[0] == "Operation") {
      header = w;
      continue;
    }
    if (w[0] != "write" && w[0] != "read") {
      in_summary = false;
      continue;
    }
    if (header.empty()) throw InputError(file, n, "", "an IOR summary row before its 'Operation' header");
    if (w.size() != header.size())
      throw InputError(file, n, "", "this IOR summary row has " + std::to_string(w.size()) + " columns, its header " +
                                        std::to_string(header.size()));
    auto col = [&](const std::string& name) {
      auto it = std::find(header.begin(), header.end(), name);
      if (it == header.end()) throw InputError(file, n, name, "the IOR summary header has no column '" + name + "'");
      const auto& t = w[static_cast<size_t>(it - header.begin())];
      if (auto v = number_in(t); v && *v >= 0) return *v;
      throw InputError(file, n, name, "expected a number, got '" + t + "'");
    };
    Measurement m;
    m.file = file;
    m.line = n;
    m.tool = "ior";
    m.write = w[0] == "write";
    const double tasks = col("#Tasks"), per_node = col("tPN");
    if (per_node < 1 || tasks < per_node || std::fmod(tasks, per_node) != 0)
      throw InputError(file, n, "tPN", "tasks per node must divide #Tasks");
    m.hosts = static_cast<int>(tasks / per_node);
    m.threads_per_host = static_cast<int>(per_node);
    m.block = Bytes::from_bytes(col("xsize"));  // IOR's transfer size is the request size
    m.bytes_per_thread = Bytes::from_bytes(col("blksiz") * col("segcnt"));
    m.measured = Bandwidth::from_bytes_per_second(col("Mean(MiB)") * kMiB);
    out.push_back(m);
  }
  return out;
}

namespace {

/** fio's size notation ("1M", "4g", "512k", "1MiB"): powers of 1024 unless kb_base is 1000. */
double fio_size(const std::string& file, const std::string& field, const std::string& text, double base) {
  size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    throw InputError(file, 0, field, "expected a size such as 1M, got '" + text + "'");
  }
  std::string unit = to_lower_copy(trim_copy(text.substr(used)));
  if (unit.size() > 1 && (unit.back() == 'b')) unit.pop_back();
  if (unit.size() > 1 && (unit.back() == 'i')) unit.pop_back(), base = 1024;
  static const std::string powers = "kmgtp";
  if (unit.empty()) return v;
  const auto p = powers.find(unit);
  if (unit.size() != 1 || p == std::string::npos)
    throw InputError(file, 0, field, "unknown size suffix in '" + text + "'");
  return v * std::pow(base, double(p + 1));
}

std::vector<Measurement> fio_groups(const std::string& file, const nlohmann::json& j) {
  const bool client_mode = j.contains("client_stats");
  const auto& entries = client_mode ? j["client_stats"] : j.value("jobs", nlohmann::json::array());
  if (!entries.is_array() || entries.empty()) throw InputError(file, 0, "jobs", "fio JSON without jobs");
  const auto global = j.value("global options", nlohmann::json::object());
  auto option = [&](const nlohmann::json& e, const std::string& k) -> std::string {
    const auto& o = e.value("job options", nlohmann::json::object());
    if (o.contains(k)) return o[k].get<std::string>();
    if (global.contains(k)) return global[k].get<std::string>();
    return {};
  };
  // One measurement per (rw, bs) group: fio's aggregate over every job and host of that group.
  struct Group {
    Measurement m;
    double bytes = 0, runtime_ms = 0;
    long long threads = 0;
    std::set<std::string> hosts;
  };
  std::map<std::string, Group> groups;
  std::vector<std::string> order;
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    const std::string where = (client_mode ? "client_stats[" : "jobs[") + std::to_string(i) + "]";
    if (e.value("jobname", "") == "All clients") continue;  // fio's own sum of the hosts
    const std::string rw = option(e, "rw").empty() ? option(e, "readwrite") : option(e, "rw");
    if (rw.empty()) throw InputError(file, 0, where + ".job options.rw", "the job names no rw");
    const bool write = is_write_op(file, 0, where + ".job options.rw", rw);
    const auto& stats = e.at(write ? "write" : "read");
    const double base = option(e, "kb_base") == "1000" ? 1000 : 1024;
    const std::string bs = option(e, "bs").empty() ? "4k" : option(e, "bs");
    const std::string key = rw + "/" + bs;
    auto [it, fresh] = groups.try_emplace(key);
    auto& g = it->second;
    if (fresh) {
      order.push_back(key);
      g.m.file = file;
      g.m.tool = "fio";
      g.m.write = write;
      g.m.block = Bytes::from_bytes(fio_size(file, where + ".job options.bs", bs, base));
      g.m.iodepth = option(e, "iodepth").empty() ? 1 : std::max(1, std::stoi(option(e, "iodepth")));
      g.m.label = "fio " + rw + " bs=" + bs;
    }
    const std::string nj = option(e, "numjobs");
    const bool grouped = j.value("global options", nlohmann::json::object()).contains("group_reporting") ||
                         e.value("job options", nlohmann::json::object()).contains("group_reporting");
    g.threads += grouped && !nj.empty() ? std::stoll(nj) : 1;
    g.bytes += stats.at("io_bytes").get<double>();
    g.runtime_ms = std::max(g.runtime_ms, stats.at("runtime").get<double>());
    g.hosts.insert(e.value("hostname", "localhost"));
  }
  std::vector<Measurement> out;
  for (const auto& key : order) {
    auto& g = groups[key];
    if (!(g.runtime_ms > 0) || !(g.bytes > 0)) throw InputError(file, 0, key, "a fio group with no bytes or no runtime");
    g.m.hosts = static_cast<int>(g.hosts.size());
    g.m.threads_per_host = static_cast<int>(std::max<long long>(1, g.threads / g.m.hosts));
    g.m.bytes_per_thread = Bytes::from_bytes(g.bytes / double(g.m.hosts * g.m.threads_per_host));
    g.m.measured = Bandwidth::from_bytes_per_second(g.bytes / (g.runtime_ms / 1000));
    out.push_back(g.m);
  }
  return out;
}

}  // namespace

std::vector<Measurement> read_fio_json(const std::string& file, const std::string& text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(file, 0, "", std::string("not valid JSON: ") + e.what());
  }
  // Valid JSON of the wrong shape (a string where fio writes a number, a missing "write") is bad
  // input too, not an internal error.
  try {
    return fio_groups(file, j);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file, 0, "", std::string("not the JSON fio writes (--output-format=json): ") + e.what());
  } catch (const std::logic_error& e) {  // std::stoi on a non-number option
    throw InputError(file, 0, "", std::string("a fio option is not a number: ") + e.what());
  }
}

}  // namespace podsim
