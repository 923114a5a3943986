#pragma once
/**
 * @file output_file.hpp
 * @brief Output files are never half-written and never replace what is not ours to replace.
 *
 * A result is written inside a private folder created beside the target (mkdtemp, mode 0700: no
 * one else can plant a name or a symlink in it), then renamed over the target once complete. The
 * target must be a new path or an existing regular file: a device, a symlink, a folder or one of
 * the command's inputs is refused. "-" means standard output where a command says so. Failures
 * are OutputError (the CLI exits 3); an interrupt removes the temporary (topology/process_cleanup).
 */
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace podsim {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/**
 * @brief Checks up front that `path` may be written: its folder exists and is writable, it is a
 * regular file or absent, and it is none of `inputs`. "-" passes when `stream_ok`.
 */
void check_output_path(const std::filesystem::path& path, const std::vector<std::filesystem::path>& inputs = {},
                       bool stream_ok = false);

/** @brief Refuses two outputs of one command that name the same file (the second would replace the first). */
void check_distinct_outputs(const std::vector<std::filesystem::path>& outputs);

/** @brief Runs `write(temporary)` then renames the temporary over `path` (checked as above). */
void write_atomically(const std::filesystem::path& path, const std::function<void(const std::filesystem::path&)>& write);

/** @brief Writes `text` to `path` atomically; "-" writes to stdout. */
void write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace podsim
