#include "analysis/json_output.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

namespace podsim {
namespace {

using json = nlohmann::ordered_json;  // keys in the order written, not sorted

/** JSON has no NaN or infinity: a figure that is not finite is null. */
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json summary_object(const std::vector<SummaryItem>& summary) {
  json out = json::object();
  for (const auto& s : summary)
    out[s.key] = s.is_text() ? json{{"text", s.text}} : json{{"value", number(s.value)}, {"unit", s.unit}};
  return out;
}

json claims_array(const std::vector<ClaimVerdict>& claims) {
  json out = json::array();
  for (const auto& c : claims) {
    json assumptions = json::array();
    for (const auto& a : c.assumptions)
      assumptions.push_back({{"model", a.model}, {"field", a.field}, {"source", a.source}});
    json references = json::array();
    for (const auto& r : c.references)
      references.push_back({{"label", r.label}, {"bytes_per_second", r.bytes_per_second}, {"source", r.source}});
    out.push_back({{"claim", c.claim},
                   {"claimed", c.claimed},
                   {"simulated", c.simulated},
                   {"bound", c.bound},
                   {"sourced_ceiling", c.sourced_ceiling},
                   {"requirements", c.requirements},
                   {"resolution", c.resolution},
                   {"resolution_basis", c.resolution_basis},
                   {"chance", std::isnan(c.chance) ? json(nullptr) : json(c.chance)},
                   {"chance_basis", c.chance_basis},
                   {"references", references},
                   {"verdict", to_string(c.verdict)},
                   {"limited_by", c.limited_by},
                   {"because", c.because},
                   {"assumptions", assumptions}});
  }
  return out;
}

}  // namespace

std::string run_json(const std::string& scenario, const std::filesystem::path& results,
                     const std::vector<SummaryItem>& summary, const std::vector<ClaimVerdict>* claims,
                     const std::vector<ClaimBand>& bands) {
  json out{{"schema", "podsim-json-1"},
           {"scenario", scenario},
           {"results", results.empty() ? json(nullptr) : json(results.string())},
           {"summary", summary_object(summary)}};
  if (claims) out["claims"] = claims_array(*claims);
  if (!bands.empty()) {
    json b = json::array();
    for (const auto& c : bands)
      b.push_back({{"claim", c.claim}, {"unit", "B/s"}, {"needs", number(c.need)}, {"p10", number(c.p10)},
                   {"p50", number(c.p50)}, {"p90", number(c.p90)}, {"likelihood", number(c.likelihood)},
                   {"samples", c.samples}, {"failed", c.failed}, {"verdict", likelihood_word(c.likelihood)}});
    out["bands"] = b;
  }
  return out.dump(2) + "\n";
}

std::string compare_json(const CompareTable& table, const std::filesystem::path& results) {
  json rows = json::array();
  for (const auto& r : table.rows) {
    json values = json::array();
    for (const auto& v : r.values) values.push_back(v ? number(*v) : json(nullptr));
    rows.push_back({{"key", r.key}, {"label", r.label}, {"unit", r.unit}, {"values", values}, {"texts", r.texts}});
  }
  json out{{"schema", "podsim-json-1"},
           {"results", results.string()},
           {"columns", table.columns},
           {"sources", table.column_sources},
           {"buffer_full_sources", table.buffer_full_sources},
           {"rows", rows}};
  if (!table.failed.empty()) out["failed"] = table.failed;  // designs whose run failed: not columns
  return out.dump(2) + "\n";
}

}  // namespace podsim
