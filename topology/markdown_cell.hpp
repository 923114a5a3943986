#pragma once
// Text from outside (a corpus id, a system or file name) as one Markdown table cell: it can
// neither end the cell (|), start a new row (a newline), nor become markup or HTML.
#include <string>

namespace podsim {

inline std::string markdown_cell(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\n': case '\r': case '\t': case '\v': case '\f': o += ' '; break;
      case '|': case '\\': case '`': case '*': case '_': case '[': case ']': case '#': o += '\\'; o += c; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '&': o += "&amp;"; break;
      default: o += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return o;
}

}  // namespace podsim
