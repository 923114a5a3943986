#pragma once
// Reading a whole file as text (inputs echoed into results, point files compared on a rerun).
#include <filesystem>
#include <string>

namespace podsim {

/** @brief The file's bytes; empty when it cannot be read (callers that need it check existence first). */
[[nodiscard]] std::string read_text_file(const std::filesystem::path& file);

}  // namespace podsim
