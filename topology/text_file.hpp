#pragma once
// Reading a whole file as text (inputs echoed into results, point files compared on a rerun).
#include <cstdint>
#include <filesystem>
#include <string>

namespace podsim {

/** Inputs are text files of a few MB at most (a trace of millions of operations is ~100 MB). */
inline constexpr std::uintmax_t kMostInputBytes = 256ull << 20;

/** @brief The file's bytes; empty when it cannot be read (callers that need it check existence first). */
[[nodiscard]] std::string read_text_file(const std::filesystem::path& file);

/**
 * @brief Checks an input file before it is opened: it must exist and be a regular file (opening a
 * FIFO blocks; /dev/zero never ends). InputError naming the file otherwise. `what` ends the message.
 */
void require_regular_input(const std::filesystem::path& file, const std::string& what = "give a file");

/**
 * @brief An input file's text, checked first: it must exist, be a regular file (not /dev/zero, a
 * FIFO or a folder) and hold at most kMostInputBytes. InputError naming the file otherwise.
 */
[[nodiscard]] std::string read_input_file(const std::filesystem::path& file);

}  // namespace podsim
