#pragma once
// The validation report of a calibration (Markdown): fitted knobs, measured vs simulated per
// measurement, and the leave-one-out check.
#include <string>
#include <vector>

#include "analysis/calibration_fit.hpp"
#include "workloads/measurement.hpp"

namespace podsim {

struct CalibrationInputs {
  std::string design;                     ///< the lab design file
  std::vector<Measurement> measurements;
  std::vector<FitKnob> knobs;             ///< as fitted (start = the design's figure)
  std::vector<std::string> knob_units;    ///< per knob
  double seconds = 0;                     ///< wall time of the calibration
};

[[nodiscard]] std::string calibration_report(const CalibrationInputs& in, const FitResult& fit);

}  // namespace podsim
