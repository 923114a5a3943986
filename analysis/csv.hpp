#pragma once
// CSV cells as RFC 4180 writes them: quoted only when they hold a comma, a quote or a newline.
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

namespace podsim::csv {

inline std::string quote(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

/** A number with 6 significant digits; empty for a missing or non-finite value. */
inline std::string number(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return {};
  char b[64];
  std::snprintf(b, sizeof b, "%.6g", *v);
  return b;
}

}  // namespace podsim::csv
