#include "topology/text_file.hpp"

#include <fstream>
#include <sstream>

namespace podsim {

std::string read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace podsim
