#pragma once
/**
 * @file json_output.hpp
 * @brief `--json` on run, check and compare: the summary, the claim verdicts and the comparison
 * table as JSON on stdout (nlohmann/json), for scripts. Every figure carries its unit; a value that
 * does not apply is null. Schema `podsim-json-1`, documented in docs/hdf5-schema.md next to the files.
 */
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/claim_band.hpp"
#include "analysis/claim_check.hpp"
#include "analysis/compare_table.hpp"
#include "analysis/summary.hpp"

namespace podsim {

/** @brief {"schema","scenario","results","summary":{key:{"value","unit"}|{"text"}}}; `claims` added when given. */
[[nodiscard]] std::string run_json(const std::string& scenario, const std::filesystem::path& results,
                                   const std::vector<SummaryItem>& summary,
                                   const std::vector<ClaimVerdict>* claims = nullptr,
                                   const std::vector<ClaimBand>& bands = {});
/** @brief {"schema","columns","sources","rows":[{"key","label","unit","values","texts"}]}. */
[[nodiscard]] std::string compare_json(const CompareTable& table, const std::filesystem::path& results);

}  // namespace podsim
