#pragma once
#include <string>

#include "analysis/summary.hpp"

namespace podsim {

/** @brief The human-readable run report printed by `podsim run`; every figure states its unit. */
[[nodiscard]] std::string run_report(const Scenario& scenario, const RunResult& result, const RunFigures& figures);
/** @brief The derived facts of a design (`podsim design`). */
[[nodiscard]] std::string design_report(const Design& design);
/** @brief A multi-site layout: totals, each site's WAN link, the object store, then each site's design report. */
[[nodiscard]] std::string layout_report(const Layout& layout);

}  // namespace podsim
