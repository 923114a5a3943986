#include "workloads/stream_fill.hpp"

#include <algorithm>
#include <cmath>

#include "topology/format.hpp"
#include "topology/max_flow_bound.hpp"

namespace podsim {
namespace {

/** The least of the positive ceilings; 0 when none is. */
double least_positive(std::initializer_list<double> ceilings) {
  double out = 0;
  for (double c : ceilings)
    if (c > 0 && (out == 0 || c < out)) out = c;
  return out;
}

}  // namespace

std::string StreamSizing::text(const char* direction, int clients) const {
  std::string out = std::string(direction) + " " + std::to_string(per_client) + " stream" + (per_client == 1 ? "" : "s") +
                    " per client node (" + std::to_string(per_client * clients) + " in all)";
  if (per_stream <= 0) return out + ": no per-stream ceiling applies";
  return out + format_number(", each at most %.2f GB/s: ", per_stream / 1e9) +
         (capped ? "the most podsim runs, " : "") +
         format_number("%.2f TB/s against the bound's ", per_client * clients * per_stream / 1e12) +
         format_number("%.2f TB/s", bound / 1e12);
}

StreamSizing streams_to_fill(const PlatformSpec& p, bool write, int clients) {
  StreamSizing s;
  if (p.clients.empty() || p.cnodes.empty()) return s;
  s.bound = client_bound(p, write).bytes_per_second();
  // The tightest stream of the design: the least ceiling of any client, C-node or server (0: none).
  auto least = [](double a, double b) { return least_positive({a, b}); };
  double per_stream = 0;
  for (const auto& cl : p.clients) per_stream = least(per_stream, write ? cl.stream_limit_write : cl.stream_limit_read);
  for (const auto& cn : p.cnodes) {
    const double cycles = write ? cn.write_cycles_per_byte : cn.read_cycles_per_byte;
    per_stream = least(per_stream, least(cn.stream_limit, cycles > 0 ? cn.clock.hertz() / cycles : 0));  // one core
  }
  s.per_stream = per_stream;
  if (per_stream <= 0 || s.bound <= 0) return s;
  const double running = clients > 0 ? double(clients) : double(p.clients.size());
  const double needed = std::ceil(kStreamMargin * s.bound / (running * per_stream) - 1e-9);
  s.capped = needed > double(kMaxStreamsPerClient);
  s.per_client = static_cast<int>(std::clamp(needed, 1.0, double(kMaxStreamsPerClient)));
  return s;
}

}  // namespace podsim
