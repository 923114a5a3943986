#pragma once
/**
 * @file process_cleanup.hpp
 * @brief What podsim undoes when it is interrupted: on SIGINT or SIGTERM (and SIGHUP, SIGPIPE) it
 * removes its temporary outputs, passes the signal to its child processes and exits 128 + the
 * signal: 130, 143 (docs/robustness.md).
 *
 * A signal handler can only read fixed tables with async-signal-safe calls, so the temporaries and
 * children live in two fixed-size tables: this is the process's one piece of shared mutable state,
 * and every slot is owned by the RAII guard that filled it.
 */
#include <sys/types.h>

#include <string>

namespace podsim {

/** @brief Installs the SIGINT/SIGTERM handler (idempotent); main() calls it first. */
void install_interrupt_cleanup();

/** @brief A path removed (unlink, then rmdir) if the process is interrupted while it is held. */
class RemoveOnInterrupt {
 public:
  explicit RemoveOnInterrupt(const std::string& path);
  ~RemoveOnInterrupt();
  RemoveOnInterrupt(const RemoveOnInterrupt&) = delete;
  RemoveOnInterrupt& operator=(const RemoveOnInterrupt&) = delete;

 private:
  int slot_;
};

/** @brief Registers a child process to receive the same signal; unregister once it is reaped. */
void track_child(pid_t pid);
void untrack_child(pid_t pid);

/** @brief In a freshly forked child of `parent`: die with `signal` when the parent dies (even by SIGKILL).
 *  SIGTERM lets a podsim child remove its temporaries; a Python child blocked in a C call never runs
 *  its SIGTERM handler, so it is given SIGKILL. */
void die_with_parent(pid_t parent, int signal = 15);

}  // namespace podsim
