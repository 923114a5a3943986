#pragma once
// CSV input as rows of trimmed cells with their line numbers: RFC 4180 quoting (a quoted cell
// may hold commas, newlines and "" for a quote; a row starts on the line it names),
// blank lines and lines starting with '#' skipped. Shared by trace files and measurement files.
#include <istream>
#include <string>
#include <vector>

namespace podsim {

struct CsvRow {
  int line = 0;
  std::vector<std::string> cells;
};

struct CsvRows {
  std::vector<CsvRow> rows;
  int lines = 0;  ///< lines read in all, for errors about the file as a whole
};

/** @brief Every row of `in`; a malformed line is an InputError naming `file` and the line. */
[[nodiscard]] CsvRows read_csv_rows(std::istream& in, const std::string& file);

}  // namespace podsim
