#include "sim/forked_runs.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <csignal>
#include <cstring>
#include <map>
#include <stdexcept>

#include "sim/simulation.hpp"

namespace podsim {
namespace {

/** Child side: simulate, write "rate rate ...\n" or "!message" to fd, and leave without cleanup. */
[[noreturn]] void child(const Scenario& sc, int fd, const RunExtract& extract) {
  const int null = ::open("/dev/null", O_WRONLY);
  if (null >= 0) {
    ::dup2(null, STDOUT_FILENO);
    if (!std::getenv("PODSIM_CHILD_STDERR")) ::dup2(null, STDERR_FILENO);
  }
  std::string out;
  try {
    const auto r = run_simulation(sc, {false, {}});
    std::vector<double> values;
    if (extract) values = extract(sc, r);
    else
      for (const auto& ph : r.phases) values.push_back(ph.last_done > ph.start ? ph.bytes / (ph.last_done - ph.start) : 0.0);
    char num[64];
    for (double v : values) {
      std::snprintf(num, sizeof num, "%.17g ", v);
      out += num;
    }
    out += "\n";
  } catch (const std::exception& e) {
    out = std::string("!") + e.what();
    out.resize(std::min<size_t>(out.size(), 4000));  // the pipe holds it whole: no reader needed yet
  }
  size_t done = 0;
  while (done < out.size()) {
    auto w = ::write(fd, out.data() + done, out.size() - done);
    if (w <= 0) break;
    done += static_cast<size_t>(w);
  }
  ::_exit(0);  // no atexit handlers, no flushing the parent's buffers twice
}

ForkedRun collect(int fd, int status) {
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  ::close(fd);
  ForkedRun r;
  if (WIFSIGNALED(status)) {
    r.error = std::string("the simulation was killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
              strsignal(WTERMSIG(status)) + ")";
  } else if (!text.empty() && text[0] == '!') {
    r.error = text.substr(1);
  } else if (text.empty()) {
    r.error = "the simulation ended without a result";
  } else {
    size_t pos = 0;
    while (pos < text.size()) {
      size_t used = 0;
      if (text[pos] == ' ' || text[pos] == '\n') {
        ++pos;
        continue;
      }
      r.values.push_back(std::stod(text.substr(pos), &used));
      pos += used;
    }
  }
  return r;
}

}  // namespace

std::vector<ForkedRun> simulate_forked(const std::vector<const Scenario*>& scenarios, int jobs, const RunExtract& extract) {
  std::vector<ForkedRun> out(scenarios.size());
  std::map<pid_t, std::pair<size_t, int>> running;  // pid -> (index, read end)
  size_t next = 0;
  auto reap_one = [&] {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    auto it = running.find(pid);
    if (it == running.end()) return;  // not one of ours
    out[it->second.first] = collect(it->second.second, status);
    running.erase(it);
  };
  while (next < scenarios.size() || !running.empty()) {
    while (next < scenarios.size() && static_cast<int>(running.size()) < std::max(1, jobs)) {
      int fds[2];
      if (::pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
      pid_t pid = ::fork();
      if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
      if (pid == 0) {
        ::close(fds[0]);
        child(*scenarios[next], fds[1], extract);
      }
      ::close(fds[1]);
      running[pid] = {next++, fds[0]};
    }
    if (!running.empty()) reap_one();
  }
  return out;
}

}  // namespace podsim
