#pragma once
// CSV cells as RFC 4180 writes them: quoted only when they hold a comma, a quote or a newline.
// A text cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading
// apostrophe, the OWASP rule; a plain number is left as it is (issue 42, class J).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

namespace podsim::csv {

inline bool plain_number(const std::string& s) {
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

inline std::string quote(const std::string& text) {
  const bool formula = !text.empty() && std::string("=+-@\t\r").find(text[0]) != std::string::npos && !plain_number(text);
  const std::string s = formula ? "'" + text : text;
  if (!formula && s.find_first_of(",\"\n\r") == std::string::npos) return s;
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
