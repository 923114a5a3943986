#include "sim/forked_runs.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include "sim/simulation.hpp"
#include "topology/process_cleanup.hpp"

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
    out.resize(std::min<size_t>(out.size(), 4000));  // a message, not a log
  }
  size_t done = 0;
  while (done < out.size()) {
    auto w = ::write(fd, out.data() + done, out.size() - done);
    if (w <= 0) break;
    done += static_cast<size_t>(w);
  }
  ::_exit(0);  // no atexit handlers, no flushing the parent's buffers twice
}

ForkedRun collect(const std::string& text, int status) {
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
  struct Running {
    size_t index;
    pid_t pid;
    int fd;
    std::string text;
  };
  std::vector<Running> running;
  size_t next = 0;
  // The pipe is read while the child runs: a child whose output outgrows the pipe's buffer
  // (64 KiB) would otherwise block on its write while we wait for it to exit.
  auto read_until_done = [&] {
    std::vector<pollfd> fds;
    for (const auto& r : running) fds.push_back({r.fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) return;
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    for (size_t i = running.size(); i-- > 0;) {
      if (!fds[i].revents) continue;
      char buf[65536];
      const ssize_t n = ::read(running[i].fd, buf, sizeof buf);
      if (n > 0) {
        running[i].text.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      ::close(running[i].fd);  // end of output: the child is exiting
      int status = 0;
      while (::waitpid(running[i].pid, &status, 0) < 0 && errno == EINTR) {
      }
      untrack_child(running[i].pid);
      out[running[i].index] = collect(running[i].text, status);
      running.erase(running.begin() + static_cast<long>(i));
    }
  };
  while (next < scenarios.size() || !running.empty()) {
    while (next < scenarios.size() && static_cast<int>(running.size()) < std::max(1, jobs)) {
      int fds[2];
      if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
      const pid_t parent = ::getpid();
      pid_t pid = ::fork();
      if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
      if (pid == 0) {
        die_with_parent(parent);
        ::close(fds[0]);
        child(*scenarios[next], fds[1], extract);
      }
      track_child(pid);
      ::close(fds[1]);
      running.push_back({next++, pid, fds[0], {}});
    }
    if (!running.empty()) read_until_done();
  }
  return out;
}

}  // namespace podsim
