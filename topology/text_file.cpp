#include "topology/text_file.hpp"

#include <fstream>
#include <sstream>

#include "topology/files_touched.hpp"
#include "topology/input_error.hpp"

namespace podsim {

std::string read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void require_regular_input(const std::filesystem::path& file, const std::string& what) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) throw InputError(file.string(), 0, "", "cannot open the file (does it exist?)");
  if (!std::filesystem::is_regular_file(status))
    throw InputError(file.string(), 0, "", "not a regular file (a device, a FIFO or a folder): " + what);
}

std::string read_input_file(const std::filesystem::path& file) {
  require_regular_input(file);
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw InputError(file.string(), 0, "", "cannot read the file: " + ec.message());
  if (size > kMostInputBytes)
    throw InputError(file.string(), 0, "", "the file has " + std::to_string(size >> 20) + " MiB; inputs are at most " +
                                               std::to_string(kMostInputBytes >> 20) + " MiB of text");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "", "cannot open the file (is it readable?)");
  std::ostringstream text;
  text << in.rdbuf();
  FilesTouched::read(file);
  return text.str();
}

}  // namespace podsim
