#pragma once
// One number formatted printf-style, for report text ("%.3f TB/s").
#include <cstdio>
#include <string>

namespace podsim {

inline std::string format_number(const char* format, double v) {
  char b[96];
  std::snprintf(b, sizeof b, format, v);
  return b;
}

}  // namespace podsim
