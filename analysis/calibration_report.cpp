#include "analysis/calibration_report.hpp"

#include <cmath>
#include <sstream>

#include "topology/format.hpp"
#include "topology/markdown_cell.hpp"

namespace podsim {
namespace {

std::string knob_figure(double v, const std::string& unit) {
  if (unit == "B/s") return format_number("%.3g GB/s", v / 1e9);
  return format_number("%.4g", v) + (unit == "fraction" ? "" : " " + unit);
}

std::string percent(double ln_ratio) { return format_number("%+.1f %%", (std::exp(ln_ratio) - 1) * 100); }

}  // namespace

std::string calibration_report(const CalibrationInputs& in, const FitResult& f) {
  std::ostringstream o;
  o << "# Calibration of " << in.design << "\n\n"
    << in.measurements.size() << " measurements, " << in.knobs.size() << " knobs, " << f.evaluations
    << " simulations of the measurement set, " << format_number("%.1f s", in.seconds) << " wall.\n\n"
    << "Fit: rms error " << format_number("%.2f %%", f.rms * 100) << " (log residuals)";
  if (!f.loo_predicted.empty()) o << "; leave-one-out rms error " << format_number("%.2f %%", f.loo_rms * 100);
  o << ".\n\n## Knobs\n\n| knob | design's figure | fitted | 1 sigma | status |\n| --- | --- | --- | --- | --- |\n";
  for (size_t k = 0; k < in.knobs.size(); ++k) {
    const auto& u = in.knob_units[k];
    o << "| " << in.knobs[k].name << " | " << knob_figure(in.knobs[k].start, u) << " | "
      << (f.determined(k) || f.status[k] == "poorly determined" ? knob_figure(f.value[k], u) : "-") << " | "
      << (f.sigma[k] > 0 ? format_number("%.1f %%", f.sigma[k] * 100) : "-") << " | " << f.status[k] << " |\n";
  }
  o << "\n\"not determined\": no measurement's simulated rate moves with the knob (its resource never limits "
       "a measured run), so it keeps the design's figure. \"at bound\": the fit stopped at the edge of the "
       "knob's search box. 1 sigma is of ln(knob), from the residuals and the sensitivities.\n\n";
  o << "## Measured vs simulated\n\n| # | measurement | source | measured | simulated | error | "
    << (f.loo_predicted.empty() ? "" : "left out: predicted | left out: error |") << "\n| --- | --- | --- | --- | --- | --- |"
    << (f.loo_predicted.empty() ? "" : " --- | --- |") << "\n";
  for (size_t i = 0; i < in.measurements.size(); ++i) {
    const auto& m = in.measurements[i];
    o << "| " << i + 1 << " | " << markdown_cell(m.label) << " | " << m.tool << " " << markdown_cell(m.file) << ":" << m.line << " | "
      << format_number("%.2f GB/s", m.measured.gigabytes_per_second()) << " | "
      << format_number("%.2f GB/s", f.predicted[i] / 1e9) << " | " << percent(f.residual[i]) << " |";
    if (!f.loo_predicted.empty())
      o << " " << format_number("%.2f GB/s", f.loo_predicted[i] / 1e9) << " | "
        << percent(std::log(f.loo_predicted[i] / m.measured.bytes_per_second())) << " |";
    o << "\n";
  }
  if (!f.loo_predicted.empty())
    o << "\nLeft out: the knobs refitted on every other measurement, then this one predicted. Its error is "
         "what to expect from the model on a run it has not seen.\n";
  return o.str();
}

}  // namespace podsim
