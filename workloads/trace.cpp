#include "workloads/trace.hpp"

#include <charconv>
#include <sstream>
#include <stdexcept>
#include <string>

#include "topology/input_error.hpp"
#include "topology/text_file.hpp"
#include "workloads/csv_rows.hpp"

namespace podsim {
namespace {

/** A node or C-node number: 0 to 10^7 (no stoi: "99999999999" is an error here, not an overflow). */
int index_of(const std::string& s, const char* expected) {
  int v = -1;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v < 0 || v > 10'000'000)
    throw std::invalid_argument(std::string(expected) + ", got '" + s + "'");
  return v;
}

}  // namespace

std::vector<TraceOp> load_trace(const std::filesystem::path& file) { return parse_trace(read_input_file(file), file); }

std::vector<TraceOp> parse_trace(const std::string& text, const std::filesystem::path& file) {
  std::istringstream in(text);
  const std::vector<std::string> header{"time", "node", "op", "bytes", "target"};
  std::vector<TraceOp> ops;
  const auto csv = read_csv_rows(in, file.string());
  bool seen_header = false;
  for (const auto& row : csv.rows) {
    const int n = row.line;
    const auto& f = row.cells;
    if (!seen_header) {
      if (f != header) throw InputError(file.string(), n, "", "expected the header 'time,node,op,bytes,target'");
      seen_header = true;
      continue;
    }
    if (f.size() != header.size())
      throw InputError(file.string(), n, "", "expected 5 fields, got " + std::to_string(f.size()));
    TraceOp op;
    op.line = n;
    auto field = [&](size_t i, auto parse) {
      try {
        return parse(f[i]);
      } catch (const std::exception& e) {
        throw InputError(file.string(), n, header[i], e.what());
      }
    };
    op.time = field(0, [](const std::string& s) { return parse_duration(s); });
    if (op.time.seconds() < 0) throw InputError(file.string(), n, "time", "must not be negative");
    op.node = field(1, [](const std::string& s) { return index_of(s, "expected a node number (0, 1, ...)"); });
    if (f[2] != "read" && f[2] != "write")
      throw InputError(file.string(), n, "op", "expected 'read' or 'write', got '" + f[2] + "'");
    op.read = f[2] == "read";
    op.bytes = field(3, [](const std::string& s) { return parse_bytes(s); });
    if (op.bytes.bytes() < 1) throw InputError(file.string(), n, "bytes", "must be at least 1 B");
    if (f[4] != "auto") {
      op.cnode = field(4, [](const std::string& s) {
        if (s.rfind("cnode:", 0) != 0) throw std::invalid_argument("expected 'auto' or 'cnode:N', got '" + s + "'");
        return index_of(s.substr(6), "expected 'auto' or 'cnode:N'");
      });
    }
    ops.push_back(op);
  }
  if (!seen_header) throw InputError(file.string(), csv.lines, "", "the trace is empty (no header line)");
  if (ops.empty()) throw InputError(file.string(), csv.lines, "", "the trace has no operations");
  return ops;
}

}  // namespace podsim
