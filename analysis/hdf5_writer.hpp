#pragma once
/**
 * @file hdf5_writer.hpp
 * @brief One HDF5 file per run (schema in docs/hdf5-schema.md), written atomically:
 * through a private temporary folder beside `path` (analysis/output_file.hpp), renamed over it when complete.
 */
#include <filesystem>

#include "analysis/claim_check.hpp"
#include "analysis/output_file.hpp"
#include "analysis/summary.hpp"

namespace podsim {

/** `claims`: the design's claims and their verdicts (/claims), empty for a design without claims. */
void write_hdf5(const std::filesystem::path& path, const Scenario& scenario, const RunResult& result,
                const RunFigures& figures, const std::vector<SummaryItem>& summary,
                const std::vector<ClaimVerdict>& claims = {});
/** @brief The /summary group of a run file, as written (compare and sweeps read runs back this way). */
[[nodiscard]] std::vector<SummaryItem> read_hdf5_summary(const std::filesystem::path& path);

}  // namespace podsim
