#pragma once
/**
 * @file cross_system_fit.hpp
 * @brief podsim validate --fit: which shared knobs each corpus row depends on, and their fit across
 * systems in two stages, each system then left out in turn (docs/validation.md, "The shared knobs").
 *
 * Stage 1 fits the knobs that rows with their client hardware stated depend on, on those rows
 * alone. Stage 2 fits the remaining knobs (the `unstated-` client limits above all) on the other
 * rows, stage 1's knobs held. A stage-2 knob is fitted where part of the hardware is unknown, so it
 * stands for that hardware as much as for what it names: it applies to stage-2 rows only, and is
 * never shipped for designs (whose every part is stated).
 */
#include <functional>
#include <string>
#include <vector>

#include "topology/design.hpp"
#include "workloads/corpus.hpp"

namespace podsim {

/** A row's predicted rate (the simulated capability of storage, network and the benchmark's
 *  hosts, never the accelerators' demand: MLPerf reports the accelerators a system sustains, so
 *  their demand is the measurement) and what bound it. */
struct Simulated {
  double rate = 0;
  std::string bottleneck;
  std::string error;
};

/** A training row as the fit sees it. */
struct FitRow {
  const CorpusRow* row = nullptr;
  Design design;  ///< the row's design, uncalibrated
  double measured = 0;  ///< B/s
  double streams = 1;   ///< streams the row runs at once: a per-stream ceiling times this caps it
};

struct CrossSystemFit {
  std::vector<std::string> names;  ///< `any` knobs first: an own knob, set after, wins
  std::vector<double> value, sigma;
  std::vector<std::string> status;
  std::vector<int> stage;                       ///< 1 or 2, per knob
  std::vector<std::vector<double>> covariance;  ///< of ln(knob); stage by stage (0 across stages)
  std::vector<std::vector<double>> loso;        ///< per row: the knobs fitted without its system
  std::vector<double> prior;                    ///< the uncalibrated model's value of each knob
  int systems = 0;
  /** The knob values a row takes: stage 1's for a row whose client hardware is stated (its stage-2
   *  knobs at the uncalibrated model's value), all of them otherwise. */
  [[nodiscard]] std::vector<double> values_for(const std::vector<double>& at, bool client_stated) const {
    auto v = at;
    if (client_stated)
      for (size_t k = 0; k < v.size(); ++k)
        if (stage[k] == 2) v[k] = prior[k];
    return v;
  }
};

/** Simulates every training row, each with its own knob values (in CrossSystemFit::names' order). */
using SimulateRows = std::function<std::vector<Simulated>(const std::vector<std::string>& names,
                                                          const std::vector<std::vector<double>>& values)>;

[[nodiscard]] CrossSystemFit fit_cross_system(const std::vector<FitRow>& rows, const SimulateRows& simulate,
                                              int max_evaluations, const std::function<void(const std::string&)>& progress);

}  // namespace podsim
