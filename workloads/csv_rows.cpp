#include "workloads/csv_rows.hpp"

#include <boost/algorithm/string/trim.hpp>
#include <boost/tokenizer.hpp>

#include "topology/input_error.hpp"

namespace podsim {

CsvRows read_csv_rows(std::istream& in, const std::string& file) {
  using Fields = boost::tokenizer<boost::escaped_list_separator<char>>;
  CsvRows out;
  std::string line;
  while (std::getline(in, line)) {
    ++out.lines;
    const auto bare = boost::algorithm::trim_copy(line);
    if (bare.empty() || bare[0] == '#') continue;
    CsvRow row{out.lines, {}};
    try {
      for (const auto& f : Fields(line)) row.cells.push_back(boost::algorithm::trim_copy(f));
    } catch (const boost::escaped_list_error& e) {
      throw InputError(file, out.lines, "", std::string("malformed CSV: ") + e.what());
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace podsim
