#pragma once
/**
 * @file calibration_fit.hpp
 * @brief Fits model knobs to measured throughputs: bounded least squares on log rates (NLopt),
 * then what the data determines (finite-difference Jacobian, covariance) and leave-one-out.
 *
 * Plain C++: the predictor is any function, so tests drive it with closed-form models; podsim
 * calibrate drives it with simulations of the lab design.
 */
#include <functional>
#include <string>
#include <vector>

namespace podsim {

struct FitKnob {
  std::string name;
  double start = 1, low = 0.5, high = 2;  ///< in the knob's unit; low > 0 (fitted in log space)
};

struct FitProblem {
  std::vector<FitKnob> knobs;
  std::vector<double> measured;  ///< B/s, one per measurement
  /** Predicted B/s of the measurements `which` (indices) for knob values `x`, in `which`'s order. */
  std::function<std::vector<double>(const std::vector<double>& x, const std::vector<size_t>& which)> predict;
  /** Least absolute log residuals (a median fit) instead of least squares: across systems some rows
   *  sit far off for a limit their source never states, and squares let one such row drag a knob
   *  every other system shares. */
  bool absolute_loss = false;
};

struct FitOptions {
  int max_evaluations = 400;       ///< of the whole measurement set, per fit
  double tolerance = 1e-4;         ///< relative change of a knob (log space) that ends the fit
  double jacobian_step = 0.02;     ///< ln-space step for sensitivities
  double min_sensitivity = 0.05;   ///< below this d ln(rate) / d ln(knob) everywhere: undetermined
  double max_sigma = 0.25;         ///< a determined knob with a larger sigma is "poorly determined"
  bool leave_one_out = true;
  /** Per measurement, its group (a system): leave-one-out then leaves a whole group out, and a knob
   *  no remaining measurement moves goes back to its start (the data left cannot tell it). Empty:
   *  every measurement is its own group. */
  std::vector<int> groups;
  std::function<void(const std::string&)> progress;  ///< stage messages, may be empty
  int progress_every = 0;  ///< also a message every this many evaluations (0: none)
};

struct FitResult {
  std::vector<double> value;         ///< per knob; an undetermined knob keeps its start
  std::vector<double> sigma;         ///< per knob: standard deviation of ln(value); 0 when undetermined
  std::vector<std::vector<double>> covariance;  ///< of ln(value), knob by knob; 0 for an undetermined knob
  std::vector<std::string> status;   ///< "determined", "poorly determined", "not determined", "at bound"
  std::vector<double> predicted;     ///< B/s, per measurement, at the fit
  std::vector<double> residual;      ///< ln(predicted / measured)
  std::vector<double> loo_predicted; ///< B/s, per measurement, fitted without it (empty if not asked)
  std::vector<std::vector<double>> loo_values;  ///< per measurement: the knob values it was predicted with
  double rms = 0;                    ///< of residual (ln units: 0.02 ~ 2 %)
  double loo_rms = 0;
  int evaluations = 0;               ///< predictions of the whole set, fit and Jacobian
  [[nodiscard]] bool determined(size_t k) const { return status[k] == "determined" || status[k] == "at bound"; }
};

/** @brief Fits; std::invalid_argument on an ill-posed problem (no measurements, bad box). */
[[nodiscard]] FitResult fit_knobs(const FitProblem& problem, const FitOptions& options);

}  // namespace podsim
