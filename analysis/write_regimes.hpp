#pragma once
/**
 * @file write_regimes.hpp
 * @brief Burst and sustained writes of a run: before and after the write buffer first filled.
 *
 * The burst is what clients write while the buffer absorbs; once a strip has to wait for buffer
 * space (the switch, recorded by the engine), writes run at the pace of migration: the sustained
 * regime, measured from when the buffers as a whole are at their fullest (in = out) to the time
 * 90 % of the written bytes were acknowledged (the tail left out, as in a phase's steady window).
 * Rates count only the time a write phase ran (a training timeline's compute gaps are left out);
 * each regime names the resource class busiest in its window (docs/simgrid-model.md).
 */
#include <optional>
#include <string>

#include "analysis/metrics.hpp"

namespace podsim {

struct WriteRegime {
  double start = 0, end = 0;  ///< s, absolute
  double busy = 0;            ///< s of it a write phase ran
  double bytes = 0;           ///< user bytes acknowledged
  [[nodiscard]] double rate() const { return busy > 0 ? bytes / busy : 0; }  ///< B/s
  std::vector<ClassUtilization> utilization;  ///< busiest class first
};

struct WriteRegimes {
  WriteRegime burst;
  std::optional<WriteRegime> sustained;  ///< none: the buffer never filled; from when the buffers were at their fullest
  double switch_at = -1;                 ///< s: the first strip that waited for buffer space
  double migration_started_at = -1;      ///< s; -1: nothing migrated
  double migrated = 0;                   ///< user bytes moved to the capacity tier
  double stored = 0;                     ///< what they take there after data reduction (before parity)
};

/** Which regime a write phase's 10-90 % window measured (issue 40). */
enum class WindowRegime {
  burst,            ///< the buffer absorbed throughout
  buffer_full,      ///< strips waited for space from the window's start
  burst_then_full,  ///< the switch fell inside the window
};
[[nodiscard]] WindowRegime window_regime(const WriteRegimes& w, double window_start, double window_end);
/** "burst", "buffer full", "burst, then buffer full" (the summary's `window_regime`). */
[[nodiscard]] const char* to_string(WindowRegime r);

/** @brief None when the run wrote nothing through the buffer (no checkpoint phase). */
[[nodiscard]] std::optional<WriteRegimes> write_regimes(const RunResult& r);

}  // namespace podsim
