#include "topology/units.hpp"

#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

namespace podsim {
namespace {

struct Prefix {
  std::string_view symbol;
  double factor;
};
// Longest symbols first so "Ki" wins over "K"; "K" alone is rejected below.
constexpr std::array<Prefix, 13> kPrefixes{{{"Ki", 1024.0},
                                             {"Mi", 1048576.0},
                                             {"Gi", 1073741824.0},
                                             {"Ti", 1099511627776.0},
                                             {"Pi", 1125899906842624.0},
                                             {"Ei", 1152921504606846976.0},
                                             {"k", 1e3},
                                             {"M", 1e6},
                                             {"G", 1e9},
                                             {"T", 1e12},
                                             {"P", 1e15},
                                             {"E", 1e18},
                                             {"", 1.0}}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/** Splits "12.5 GB/s" into 12.5 and "GB/s"; the number must be finite and non-negative. */
std::pair<double, std::string_view> split_number(std::string_view text, std::string_view what) {
  text = trim(text);
  std::string buf(text);
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(buf.c_str(), &end);
  if (end == buf.c_str())
    throw UnitError("expected a " + std::string(what) + " such as " +
                    (what == "size" ? "'30.72 TB'" : what == "bandwidth" ? "'400 Gb/s'" : "a number with a unit") +
                    ", got '" + buf + "'");
  if (errno == ERANGE || !std::isfinite(v)) throw UnitError("number out of range in '" + buf + "'");
  // strtod also reads hex (0x10), inf and nan: a figure is written in decimal.
  for (const char* c = buf.c_str(); c != end; ++c)
    if (!std::isdigit(static_cast<unsigned char>(*c)) && *c != '.' && *c != 'e' && *c != 'E' && *c != '+' && *c != '-')
      throw UnitError("expected a decimal number in '" + buf + "'");
  if (v < 0) throw UnitError("negative " + std::string(what) + " '" + buf + "'");
  auto unit = trim(text.substr(static_cast<size_t>(end - buf.c_str())));
  return {v, unit};
}

/** Parses "<prefix><B|b>" into bytes per unit; returns 0 when it is not a size unit. */
double size_unit_factor(std::string_view unit, std::string_view text) {
  if (unit.size() >= 2 && unit[0] == 'K' && unit[1] != 'i')
    throw UnitError("ambiguous unit '" + std::string(unit) + "' in '" + std::string(text) +
                    "': write kB (1000) or KiB (1024)");
  for (const auto& p : kPrefixes) {
    if (unit.substr(0, p.symbol.size()) != p.symbol) continue;
    auto rest = unit.substr(p.symbol.size());
    if (rest == "B") return p.factor;
    if (rest == "b") return p.factor / 8.0;
  }
  return 0;
}

[[noreturn]] void unknown_unit(std::string_view unit, std::string_view text, std::string_view hint) {
  if (unit.empty())
    throw UnitError("missing unit in '" + std::string(text) + "': " + std::string(hint));
  throw UnitError("unknown unit '" + std::string(unit) + "' in '" + std::string(text) + "': " + std::string(hint));
}

/**
 * Every figure podsim reads lies between a smallest positive value and a largest one, whatever
 * file it comes from (YAML, trace CSV, sweep values): below, a run never ends (1e-300 GB/s) or a
 * size rounds to 0 B; above, sums overflow (1e300 EB) or a run cannot end. Zero passes: fields
 * that need a positive figure say so themselves.
 */
double in_range(double canonical, double least, double most, std::string_view text, const char* what) {
  if (!(canonical <= most))
    throw UnitError("out of range: '" + std::string(text) + "' is beyond what podsim simulates (at most " + what + ")");
  if (canonical > 0 && canonical < least)
    throw UnitError("out of range: '" + std::string(text) + "' is a positive figure too small to simulate");
  return canonical;
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

Bytes parse_bytes(std::string_view text) {
  auto [v, unit] = split_number(text, "size");
  double f = size_unit_factor(unit, text);
  if (f == 0) unknown_unit(unit, text, "use B, kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB (b for bits)");
  return Bytes::from_bytes(in_range(v * f, 1, 1e21, text, "a zettabyte"));
}

Bandwidth parse_bandwidth(std::string_view text) {
  auto [v, unit] = split_number(text, "bandwidth");
  static constexpr std::string_view kHint =
      "use B/s for bytes per second or b/s for bits (e.g. '25 GB/s', '400 Gb/s'; 'Gbps' also accepted)";
  if (unit.size() > 3 && unit.substr(unit.size() - 3) == "bps") {
    double f = size_unit_factor(std::string(unit.substr(0, unit.size() - 3)) + "b", text);
    if (f == 0) unknown_unit(unit, text, kHint);
    return Bandwidth::from_bytes_per_second(in_range(v * f, 1e3, 1e18, text, "an exabyte per second"));
  }
  if (unit.size() < 3 || unit.substr(unit.size() - 2) != "/s") unknown_unit(unit, text, kHint);
  double f = size_unit_factor(unit.substr(0, unit.size() - 2), text);
  if (f == 0) unknown_unit(unit, text, kHint);
  return Bandwidth::from_bytes_per_second(in_range(v * f, 1e3, 1e18, text, "an exabyte per second"));
}

Duration parse_duration(std::string_view text) {
  auto [v, unit] = split_number(text, "duration");
  static constexpr std::array<std::pair<std::string_view, double>, 8> kUnits{
      {{"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3}, {"s", 1.0}, {"min", 60.0}, {"h", 3600.0}, {"d", 86400.0},
       {"µs", 1e-6}}};
  for (const auto& [sym, f] : kUnits)
    if (unit == sym) return Duration::from_seconds(in_range(v * f, 1e-9, 3.2e10, text, "a thousand years"));
  unknown_unit(unit, text, "use ns, us, ms, s, min, h or d");
}

Power parse_power(std::string_view text) {
  auto [v, unit] = split_number(text, "power");
  for (auto [sym, f] : {std::pair{"W", 1.0}, std::pair{"kW", 1e3}, std::pair{"MW", 1e6}})
    if (unit == sym) return Power::from_watts(in_range(v * f, 1e-3, 1e12, text, "a terawatt"));
  unknown_unit(unit, text, "use W, kW or MW");
}

Frequency parse_frequency(std::string_view text) {
  auto [v, unit] = split_number(text, "frequency");
  for (auto [sym, f] : {std::pair{"Hz", 1.0}, std::pair{"kHz", 1e3}, std::pair{"MHz", 1e6}, std::pair{"GHz", 1e9}})
    if (unit == sym) return Frequency::from_hertz(in_range(v * f, 1, 1e13, text, "10 THz"));
  unknown_unit(unit, text, "use Hz, MHz or GHz");
}

double parse_percent(std::string_view text) {
  auto [v, unit] = split_number(text, "percentage");
  if (unit != "%") unknown_unit(unit, text, "write a percentage such as '10 %'");
  if (v > 100) throw UnitError("percentage above 100 in '" + std::string(text) + "'");
  return v / 100.0;
}

std::string format_bytes(Bytes b) {
  double v = b.bytes();
  if (v >= 1e15) return fixed(v / 1e15, 2) + " PB";
  if (v >= 1e12) return fixed(v / 1e12, 2) + " TB";
  if (v >= 1e9) return fixed(v / 1e9, 2) + " GB";
  if (v >= 1e6) return fixed(v / 1e6, 2) + " MB";
  return fixed(v, 0) + " B";
}

std::string format_bandwidth(Bandwidth bw) {
  double v = bw.bytes_per_second();
  if (v >= 1e12) return fixed(v / 1e12, 3) + " TB/s";
  if (v >= 1e9) return fixed(v / 1e9, 2) + " GB/s";
  return fixed(v / 1e6, 2) + " MB/s";
}

std::string format_duration(Duration t) {
  double s = t.seconds();
  if (s < 1e-3) return fixed(s * 1e6, 1) + " us";
  if (s < 1) return fixed(s * 1e3, 2) + " ms";
  return fixed(s, 3) + " s";
}

}  // namespace podsim
