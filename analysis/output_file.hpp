#pragma once
/**
 * @file output_file.hpp
 * @brief Output files are never half-written: text goes to `<path>.tmp-<pid>`, renamed over
 * `path` once complete. A failure is an OutputError naming the file (the CLI exits 3).
 */
#include <filesystem>
#include <stdexcept>
#include <string>

namespace podsim {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/** @brief The temporary name a writer uses before the final rename. */
[[nodiscard]] std::filesystem::path temporary_path(const std::filesystem::path& path);
/** @brief Writes `text` to `path` atomically; "-" writes to stdout. */
void write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace podsim
