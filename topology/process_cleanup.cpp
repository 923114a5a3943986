#include "topology/process_cleanup.hpp"

#include <sys/prctl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>

namespace podsim {
namespace {

constexpr size_t kPaths = 64, kChildren = 256, kPathMax = 4096;

// Slot states: 0 free, 1 being filled (the handler skips it), 2 ready.
struct PathSlot {
  std::atomic<int> state{0};
  std::array<char, kPathMax> path{};
};
std::array<PathSlot, kPaths> g_paths;                  // NOLINT: read by the signal handler
std::array<std::atomic<pid_t>, kChildren> g_children;  // NOLINT: 0 = free

extern "C" void on_interrupt(int sig) {
  for (auto& c : g_children)
    if (pid_t p = c.load(); p > 0) ::kill(p, sig);
  // Files first, then the (now empty) private folders that held them.
  for (auto& p : g_paths)
    if (p.state.load() == 2) ::unlink(p.path.data());
  for (auto& p : g_paths)
    if (p.state.load() == 2) ::rmdir(p.path.data());
  ::_exit(128 + sig);
}

}  // namespace

void install_interrupt_cleanup() {
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  // SIGHUP (a closed terminal) and SIGPIPE (`podsim run ... | head`) end the run as well: the same cleanup.
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) sigaddset(&sa.sa_mask, sig);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) ::sigaction(sig, &sa, nullptr);
}

RemoveOnInterrupt::RemoveOnInterrupt(const std::string& path) : slot_(-1) {
  if (path.size() >= kPathMax) return;  // too long to track: the file may be left on an interrupt
  for (size_t i = 0; i < kPaths; ++i) {
    int expected = 0;
    if (!g_paths[i].state.compare_exchange_strong(expected, 1)) continue;
    std::memcpy(g_paths[i].path.data(), path.c_str(), path.size() + 1);
    g_paths[i].state.store(2);
    slot_ = static_cast<int>(i);
    return;
  }
}

RemoveOnInterrupt::~RemoveOnInterrupt() {
  if (slot_ >= 0) g_paths[static_cast<size_t>(slot_)].state.store(0);
}

void track_child(pid_t pid) {
  for (auto& c : g_children) {
    pid_t expected = 0;
    if (c.compare_exchange_strong(expected, pid)) return;
  }
}

void untrack_child(pid_t pid) {
  for (auto& c : g_children) {
    pid_t expected = pid;
    if (c.compare_exchange_strong(expected, 0)) return;
  }
}

void die_with_parent(pid_t parent, int signal) {
  // A forked child has copies of the parent's tables, not temporaries of its own: default actions.
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) ::signal(sig, SIG_DFL);
  ::prctl(PR_SET_PDEATHSIG, signal);
  if (::getppid() != parent) ::_exit(143);  // the parent died before prctl took effect
}

}  // namespace podsim
