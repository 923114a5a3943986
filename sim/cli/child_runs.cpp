#include "sim/cli/child_runs.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <sys/wait.h>

#include <csignal>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <stdexcept>

#include "topology/process_cleanup.hpp"

namespace podsim::cli {
namespace {

/**
 * fork + exec rather than posix_spawn: the child must die with its parent (prctl), so that a killed
 * sweep leaves no point running that a rerun would start a second time.
 */
pid_t spawn(const ChildRun& r) {
  const bool self = r.program.empty();
  std::vector<std::string> argv_s{self ? std::string("podsim") : r.program};
  argv_s.insert(argv_s.end(), r.args.begin(), r.args.end());
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  const int log = ::open(r.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (log < 0) throw std::runtime_error("cannot write " + r.log.string() + ": " + std::strerror(errno));
  int ready[2];  // exec failure reported back through a close-on-exec pipe
  if (::pipe2(ready, O_CLOEXEC) != 0) {
    ::close(log);
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {log, ready[0], ready[1]}) ::close(fd);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    die_with_parent(parent);
    ::dup2(log, 1);
    ::dup2(log, 2);
    if (self) ::execv("/proc/self/exe", argv.data());
    else ::execvp(r.program.c_str(), argv.data());
    const int err = errno;
    (void)!::write(ready[1], &err, sizeof err);
    ::_exit(127);
  }
  track_child(pid);
  ::close(log);
  ::close(ready[1]);
  int err = 0;
  const bool failed = ::read(ready[0], &err, sizeof err) == static_cast<ssize_t>(sizeof err);
  ::close(ready[0]);
  if (failed) {
    ::waitpid(pid, nullptr, 0);
    untrack_child(pid);
    throw std::runtime_error("cannot start " + argv_s.front() + " as a child process: " + std::strerror(err));
  }
  return pid;
}

}  // namespace

int run_program(const std::vector<std::string>& argv_s) {
  std::vector<std::string> copy = argv_s;
  std::vector<char*> argv;
  for (auto& s : copy) argv.push_back(s.data());
  argv.push_back(nullptr);
  int ready[2];  // exec failure reported back through a close-on-exec pipe
  if (::pipe2(ready, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();  // not posix_spawn: the child (Python) must die with podsim (issue 42, E)
  if (pid < 0) {
    ::close(ready[0]);
    ::close(ready[1]);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    die_with_parent(parent, SIGKILL);
    ::execvp(argv[0], argv.data());
    const int err = errno;
    (void)!::write(ready[1], &err, sizeof err);
    ::_exit(127);
  }
  track_child(pid);
  ::close(ready[1]);
  int err = 0;
  const bool failed = ::read(ready[0], &err, sizeof err) == static_cast<ssize_t>(sizeof err);
  ::close(ready[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error("waiting for " + copy.front() + ": " + std::strerror(errno));
  untrack_child(pid);
  if (failed) throw std::runtime_error("cannot start " + copy.front() + ": " + std::strerror(err));
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void run_children(std::vector<ChildRun>& runs, int jobs, const std::function<void(size_t)>& on_done) {
  using Clock = std::chrono::steady_clock;
  std::map<pid_t, std::pair<size_t, Clock::time_point>> running;
  size_t next = 0;
  while (next < runs.size() || !running.empty()) {
    while (next < runs.size() && static_cast<int>(running.size()) < std::max(1, jobs)) {
      running[spawn(runs[next])] = {next, Clock::now()};
      ++next;
    }
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0 && errno == EINTR) continue;
    if (pid < 0) throw std::runtime_error("waiting for podsim child processes: " + std::string(std::strerror(errno)));
    untrack_child(pid);
    auto it = running.find(pid);
    if (it == running.end()) continue;
    auto [i, start] = it->second;
    running.erase(it);
    runs[i].exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    runs[i].wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    on_done(i);
  }
}

namespace {

std::string duration_text(double s) {
  const int m = static_cast<int>(s / 60);
  return m > 0 ? std::to_string(m) + " min " + std::to_string(static_cast<int>(s) % 60) + " s"
               : std::to_string(static_cast<int>(s)) + " s";
}

}  // namespace

std::string batch_progress(size_t finished, size_t total, size_t failed, double elapsed) {
  // The ETA assumes the remaining runs take as long as the finished ones did on average.
  const double eta = finished ? elapsed / double(finished) * double(total - finished) : 0;
  return std::to_string(finished) + "/" + std::to_string(total) + " run" +
         (failed ? " (" + std::to_string(failed) + " failed)" : std::string()) + ", " + duration_text(elapsed) +
         " elapsed, ETA " + duration_text(eta);
}

std::string log_tail(const std::filesystem::path& log, size_t lines, const std::string& indent) {
  std::ifstream in(log);
  std::vector<std::string> all;
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) all.push_back(l);
  std::string out;
  for (size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
    out += indent + all[i] + (i + 1 < all.size() ? "\n" : "");
  return out;
}

}  // namespace podsim::cli
