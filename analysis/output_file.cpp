#include "analysis/output_file.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>

namespace podsim {

std::filesystem::path temporary_path(const std::filesystem::path& path) {
  return path.string() + ".tmp-" + std::to_string(::getpid());
}

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  if (path == "-") {
    std::cout << text;
    return;
  }
  const auto tmp = temporary_path(path);
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      throw OutputError("cannot write " + path.string() + ": the folder is missing or not writable");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw OutputError("cannot write " + path.string() + ": " + ec.message());
  }
}

}  // namespace podsim
