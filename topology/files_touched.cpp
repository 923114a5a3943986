#include "topology/files_touched.hpp"

#include <sys/stat.h>

namespace podsim {
namespace {

namespace fs = std::filesystem;

// The command's log, reached from read_input_file and write_atomically without threading it
// through every loader: one per thread, set and restored by FilesTouched's lifetime only.
thread_local FilesTouched* current = nullptr;

fs::path normal_of(const fs::path& p) {
  std::error_code ec;
  const auto a = fs::absolute(p, ec);
  return (ec ? p : a).lexically_normal();
}

}  // namespace

FilesTouched::FilesTouched() : previous_(current) { current = this; }
FilesTouched::~FilesTouched() { current = previous_; }

void FilesTouched::add(const fs::path& file, bool output) {
  if (!current || file.empty() || file == "-") return;
  Entry e{file, normal_of(file), 0, 0, false, output};
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0) {
    e.dev = st.st_dev;
    e.ino = st.st_ino;
    e.identity = true;
  }
  current->entries_.push_back(std::move(e));
}

void FilesTouched::read(const fs::path& file) { add(file, false); }
void FilesTouched::written(const fs::path& file) { add(file, true); }

std::optional<std::string> FilesTouched::conflict(const fs::path& target) {
  if (!current || target.empty() || target == "-") return std::nullopt;
  const auto normal = normal_of(target);
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  for (const auto& e : current->entries_) {
    const bool same = e.normal == normal || (exists && e.identity && e.dev == st.st_dev && e.ino == st.st_ino);
    if (!same) continue;
    return e.output ? "this command already wrote it (two outputs of one name)"
                    : "it is the input " + e.path.string() + ", read by this command";
  }
  return std::nullopt;
}

}  // namespace podsim
