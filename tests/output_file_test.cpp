// The one safe writer (analysis/output_file): temporaries in a private folder, targets checked.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "analysis/output_file.hpp"
#include "topology/text_file.hpp"

using namespace podsim;
namespace fs = std::filesystem;

namespace {
fs::path scratch(const std::string& name) {
  auto d = fs::temp_directory_path() / ("podsim-output-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
}  // namespace

TEST_CASE("output: the temporary is a new name in a private 0700 folder beside the target", "[output]") {
  const auto dir = scratch("private");
  const auto target = dir / "r.txt";
  write_atomically(target, [&](const fs::path& tmp) {
    CHECK(tmp.parent_path().parent_path() == dir);
    CHECK(tmp.parent_path().filename().string().rfind(".podsim-", 0) == 0);
    struct stat st {};
    REQUIRE(::lstat(tmp.parent_path().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    CHECK_FALSE(fs::exists(tmp));  // nothing planted: the writer creates it
    std::ofstream(tmp) << "done";
  });
  CHECK(read_text_file(target) == "done");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);  // no temporary left
}

TEST_CASE("output: a failed write leaves neither a temporary nor a changed target", "[output]") {
  const auto dir = scratch("failed");
  const auto target = dir / "r.txt";
  std::ofstream(target) << "old";
  CHECK_THROWS_AS(write_atomically(target, [](const fs::path&) { throw OutputError("disk full"); }), OutputError);
  CHECK(read_text_file(target) == "old");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
}

TEST_CASE("output: symlinks, devices, folders and inputs are refused, '-' only where a stream is meant", "[output]") {
  const auto dir = scratch("refused");
  fs::create_symlink(dir / "elsewhere", dir / "link");
  CHECK_THROWS_WITH(write_text_file(dir / "link", "x"), Catch::Contains("it is a symbolic link"));
  CHECK_FALSE(fs::exists(dir / "elsewhere"));
  CHECK_THROWS_WITH(check_output_path("/dev/null"), Catch::Contains("it is a device"));
  CHECK_THROWS_WITH(check_output_path(dir), Catch::Contains("it is a folder"));
  std::ofstream(dir / "in.yaml") << "x";
  CHECK_THROWS_WITH(check_output_path(dir / "in.yaml", {dir / "in.yaml"}), Catch::Contains("it is the input"));
  CHECK_THROWS_WITH(check_output_path("-"), Catch::Contains("give a file name"));
  CHECK_NOTHROW(check_output_path("-", {}, true));
  CHECK_THROWS_WITH(check_output_path(dir / "missing" / "x"), Catch::Contains("does not exist"));
}
