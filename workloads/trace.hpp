#pragma once
/**
 * @file trace.hpp
 * @brief A trace of timed I/O operations to replay as is (format in docs/scenario-format.md):
 * CSV with the header `time,node,op,bytes,target`; time and bytes carry their units.
 */
#include <filesystem>
#include <string>
#include <vector>

#include "topology/units.hpp"

namespace podsim {

struct TraceOp {
  Duration time;  ///< when the operation is issued, from the start of the replay
  int node = 0;   ///< client node, numbered within the job
  bool read = false;
  Bytes bytes;
  int cnode = -1;  ///< C-node of the node's site that serves it (site-local), -1: the placement policy
  int line = 0;    ///< in the trace file, for error messages
};

/** @brief Reads a trace; throws InputError naming the file, line and column on bad input. */
[[nodiscard]] std::vector<TraceOp> load_trace(const std::filesystem::path& file);
/** @brief The same from text, as if read from `file` (the fuzz target, tests). */
[[nodiscard]] std::vector<TraceOp> parse_trace(const std::string& text, const std::filesystem::path& file);

}  // namespace podsim
