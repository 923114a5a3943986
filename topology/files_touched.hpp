#pragma once
/**
 * @file files_touched.hpp
 * @brief The files one command has read and written, so that no output replaces either.
 *
 * The output checks compare an output with the files named on the command line; a design's
 * catalogs, a layout's designs, a scenario's traces and profiles, and the files the command itself
 * wrote earlier (two `--emit` rows of one name) escaped them (issue 42, class B). The CLI's
 * dispatcher makes one FilesTouched for the command; read_input_file records every input it
 * reads, write_atomically every output it renames into place, and asks before each rename.
 * Without a FilesTouched on the thread (unit tests, library use) nothing is recorded.
 */
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace podsim {

class FilesTouched {
 public:
  FilesTouched();
  ~FilesTouched();
  FilesTouched(const FilesTouched&) = delete;
  FilesTouched& operator=(const FilesTouched&) = delete;

  /** @brief Records an input read (no-op without a FilesTouched on this thread). */
  static void read(const std::filesystem::path& file);
  /** @brief Records an output renamed into place. */
  static void written(const std::filesystem::path& file);
  /** @brief Why `target` may not be written ("it is the input catalog.yaml, read by this command"), or nothing. */
  [[nodiscard]] static std::optional<std::string> conflict(const std::filesystem::path& target);

 private:
  struct Entry {
    std::filesystem::path path;  ///< as named
    std::filesystem::path normal;  ///< absolute, lexically normal
    unsigned long long dev = 0, ino = 0;
    bool identity = false;
    bool output = false;
  };
  static void add(const std::filesystem::path& file, bool output);
  std::vector<Entry> entries_;
  FilesTouched* previous_ = nullptr;
};

}  // namespace podsim
