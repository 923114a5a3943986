#include "analysis/output_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "topology/files_touched.hpp"
#include "topology/process_cleanup.hpp"

namespace podsim {
namespace {

namespace fs = std::filesystem;

fs::path folder_of(const fs::path& path) { return path.has_parent_path() ? path.parent_path() : fs::path("."); }

/** Refuses an existing target that is not a plain file (a device, a symlink, a folder, a FIFO). */
void require_regular_or_absent(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;  // a new path
  if (S_ISREG(st.st_mode)) return;
  const char* what = S_ISLNK(st.st_mode) ? "a symbolic link" : S_ISDIR(st.st_mode) ? "a folder"
                     : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "not a regular file";
  throw OutputError("refusing to write " + path.string() + ": it is " + what +
                    " (podsim writes only a new path or a regular file; '-' is standard output where allowed)");
}

}  // namespace

void check_output_path(const fs::path& path, const std::vector<fs::path>& inputs, bool stream_ok) {
  if (path == "-") {
    if (stream_ok) return;
    throw OutputError("'-' (standard output) is not possible here: give a file name");
  }
  if (path.empty()) throw OutputError("empty output file name");
  require_regular_or_absent(path);
  std::error_code ec;
  for (const auto& in : inputs)
    if (fs::equivalent(in, path, ec))
      throw OutputError("refusing to write " + path.string() + ": it is the input " + in.string());
  if (auto why = FilesTouched::conflict(path)) throw OutputError("refusing to write " + path.string() + ": " + *why);
  const auto dir = folder_of(path);
  if (!fs::is_directory(dir, ec))
    throw OutputError("cannot write " + path.string() + ": the folder " + dir.string() + " does not exist");
  if (::access(dir.c_str(), W_OK) != 0)
    throw OutputError("cannot write " + path.string() + ": the folder " + dir.string() + " is not writable");
}

void check_distinct_outputs(const std::vector<fs::path>& outputs) {
  auto same = [](const fs::path& a, const fs::path& b) {
    std::error_code ec;
    return fs::absolute(a, ec).lexically_normal() == fs::absolute(b, ec).lexically_normal() || fs::equivalent(a, b, ec);
  };
  for (size_t i = 0; i < outputs.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (!outputs[i].empty() && outputs[i] != "-" && same(outputs[i], outputs[j]))
        throw OutputError("two outputs are the same file " + outputs[i].string() + ": give each its own name");
}

void write_atomically(const fs::path& path, const std::function<void(const fs::path&)>& write) {
  check_output_path(path);  // also against every file this command read or wrote (FilesTouched)
  std::string templ = (folder_of(path) / ".podsim-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr)
    throw OutputError("cannot write " + path.string() + ": " + std::strerror(errno));
  const fs::path dir = templ, tmp = dir / path.filename();
  RemoveOnInterrupt keep_dir(dir.string()), keep_file(tmp.string());
  auto discard = [&] {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    fs::remove(dir, ignored);
  };
  try {
    write(tmp);
    // The private folder is 0700: give the result the usual permissions (0666 less the umask).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(tmp.c_str(), 0666 & ~mask);
    require_regular_or_absent(path);  // again: the target may have changed during a long run
    if (auto why = FilesTouched::conflict(path)) throw OutputError("refusing to write " + path.string() + ": " + *why);
    fs::rename(tmp, path);
    FilesTouched::written(path);
  } catch (const fs::filesystem_error& e) {
    discard();
    throw OutputError("cannot write " + path.string() + ": " + e.code().message());
  } catch (...) {
    discard();
    throw;
  }
  discard();
}

void write_text_file(const fs::path& path, const std::string& text) {
  if (path == "-") {
    std::cout << text;
    return;
  }
  write_atomically(path, [&](const fs::path& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw OutputError("cannot write " + path.string() + ": the disk is full or the folder not writable");
  });
}

}  // namespace podsim
