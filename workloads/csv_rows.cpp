#include "workloads/csv_rows.hpp"

#include <algorithm>
#include <iterator>

#include <boost/algorithm/string/trim.hpp>

#include "topology/input_error.hpp"

namespace podsim {
namespace {

/** Whether `s` is UTF-8: a cell becomes YAML and Markdown text, where other bytes do not survive. */
bool is_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    if (n == 2 && c < 0xc2) return false;  // an overlong two-byte form
    i += n;
  }
  return true;
}

}  // namespace

// RFC 4180 by hand: Boost.Tokenizer's escaped_list_separator takes a backslash as an escape and
// drops a doubled quote, and reads line by line, so a quoted newline split a row (issue 42, G).
// A quoted field may hold commas, newlines and "" (one quote); a backslash is an ordinary letter.
CsvRows read_csv_rows(std::istream& in, const std::string& file) {
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CsvRows out;
  size_t i = 0;
  int line = 1;
  const size_t n = text.size();
  auto at_line_end = [&](size_t k) { return k >= n || text[k] == '\n' || (text[k] == '\r' && (k + 1 >= n || text[k + 1] == '\n')); };
  auto skip_line_end = [&] {
    if (i < n && text[i] == '\r') ++i;
    if (i < n && text[i] == '\n') ++i;
    ++line;
  };
  while (i < n) {
    // A blank line or a comment ('#' first, outside quotes) is skipped whole.
    size_t j = i;
    while (j < n && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (at_line_end(j) || text[j] == '#') {
      while (!at_line_end(j)) ++j;
      i = j;
      skip_line_end();
      continue;
    }
    CsvRow row{line, {}};
    while (true) {  // one field per pass
      std::string cell;
      while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i < n && text[i] == '"') {
        const int opened = line;
        ++i;
        while (true) {
          if (i >= n) throw InputError(file, opened, "", "malformed CSV: a quoted cell is never closed");
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              cell += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          cell += text[i++];
        }
        while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
        if (!at_line_end(i) && text[i] != ',')
          throw InputError(file, line, "", "malformed CSV: text after a closing quote (a quote inside a cell is written \"\")");
      } else {
        while (!at_line_end(i) && text[i] != ',') cell += text[i++];  // a quote inside is a letter, as in Python's csv
      }
      if (!is_utf8(cell)) throw InputError(file, row.line, "", "a cell is not UTF-8 text (save the file as UTF-8)");
      row.cells.push_back(boost::algorithm::trim_copy(cell));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    out.rows.push_back(std::move(row));
    skip_line_end();
  }
  out.lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + (n > 0 && text.back() != '\n' ? 1 : 0);
  return out;
}

}  // namespace podsim
