// The fit behind podsim calibrate: NLopt's Subplex on log knobs, then sensitivities and LOO.
#include "analysis/calibration_fit.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <stdexcept>

#include <Eigen/Dense>
#include <nlopt.hpp>

namespace podsim {
namespace {

/** Sum of squared (or absolute) log residuals of `which` at log knobs `u` (free knobs `free` set from `v`). */
class Objective {
 public:
  Objective(const FitProblem& p, std::vector<size_t> which, std::vector<double> base_u, std::vector<size_t> free, int& evals,
            std::function<void(int)> on_evaluation = {})
      : p_(p), which_(std::move(which)), base_u_(std::move(base_u)), free_(std::move(free)), evals_(evals),
        on_evaluation_(std::move(on_evaluation)) {}

  [[nodiscard]] std::vector<double> full(const std::vector<double>& v) const {
    auto u = base_u_;
    for (size_t i = 0; i < free_.size(); ++i) u[free_[i]] = v[i];
    return u;
  }
  double operator()(const std::vector<double>& v) const {
    const auto pred = predict_log(full(v), which_);
    double s = 0;
    for (size_t i = 0; i < which_.size(); ++i) {
      const double r = pred[i] - std::log(p_.measured[which_[i]]);
      s += p_.absolute_loss ? std::abs(r) : r * r;
    }
    return s;
  }
  /** ln(predicted) of `which` at log knobs `u`; a non-positive prediction is a large finite penalty. */
  [[nodiscard]] std::vector<double> predict_log(const std::vector<double>& u, const std::vector<size_t>& which) const {
    std::vector<double> x(u.size());
    std::transform(u.begin(), u.end(), x.begin(), [](double a) { return std::exp(a); });
    auto pred = p_.predict(x, which);
    ++evals_;
    if (on_evaluation_) on_evaluation_(evals_);
    if (pred.size() != which.size()) throw std::logic_error("predictor returned the wrong number of rates");
    for (auto& r : pred) r = r > 0 && std::isfinite(r) ? std::log(r) : -50;
    return pred;
  }
  [[nodiscard]] const std::vector<size_t>& free() const { return free_; }

 private:
  const FitProblem& p_;
  std::vector<size_t> which_;
  std::vector<double> base_u_;
  std::vector<size_t> free_;
  int& evals_;
  std::function<void(int)> on_evaluation_;
};

double nlopt_objective(unsigned n, const double* v, double* grad, void* data) {
  (void)grad;  // derivative-free: the model is piecewise linear in log knobs (bottleneck switches)
  return (*static_cast<const Objective*>(data))(std::vector<double>(v, v + n));
}

/** Minimises over the free knobs, from `u` (log space, full length); returns the full log vector. */
std::vector<double> minimise(const FitProblem& p, const Objective& obj, const std::vector<double>& u, int max_evals,
                             double tol, int rounds = 2, double first_step = 0.15) {
  const auto& free = obj.free();
  if (free.empty()) return u;
  std::vector<double> v, lo, hi;
  for (size_t k : free) {
    lo.push_back(std::log(p.knobs[k].low));
    hi.push_back(std::log(p.knobs[k].high));
    v.push_back(std::clamp(u[k], lo.back(), hi.back()));
  }
  // Two rounds: Subplex restarted from its own answer leaves fewer false stops at bottleneck kinks.
  for (int round = 0; round < rounds; ++round) {
    nlopt::opt o(nlopt::LN_SBPLX, static_cast<unsigned>(free.size()));
    o.set_lower_bounds(lo);
    o.set_upper_bounds(hi);
    o.set_min_objective(nlopt_objective, const_cast<Objective*>(&obj));
    o.set_xtol_abs(tol);
    o.set_ftol_abs(1e-12);
    o.set_maxeval(std::max(10, max_evals / 2));
    o.set_initial_step(round == 0 ? first_step : first_step / 5);
    double f = 0;
    try {
      o.optimize(v, f);
    } catch (const nlopt::roundoff_limited&) {
      // the best point so far is in v
    }
  }
  return obj.full(v);
}

}  // namespace

FitResult fit_knobs(const FitProblem& p, const FitOptions& opt) {
  const size_t n = p.measured.size(), k = p.knobs.size();
  if (n == 0) throw std::invalid_argument("no measurements to fit");
  for (const auto& kn : p.knobs)
    if (!(kn.low > 0) || !(kn.high > kn.low)) throw std::invalid_argument("knob " + kn.name + ": bad search box");
  for (double m : p.measured)
    if (!(m > 0)) throw std::invalid_argument("a measured rate is not positive");
  auto say = [&](const std::string& s) {
    if (opt.progress) opt.progress(s);
  };
  FitResult r;
  std::vector<size_t> all(n), knobs(k);
  std::iota(all.begin(), all.end(), 0);
  std::iota(knobs.begin(), knobs.end(), 0);
  std::vector<double> u0;
  for (const auto& kn : p.knobs) u0.push_back(std::log(std::clamp(kn.start, kn.low, kn.high)));

  say("fitting " + std::to_string(k) + " knobs to " + std::to_string(n) + " measurements");
  // A fit whose evaluations are simulations runs for minutes: a line every `progress_every` of them.
  auto tick = [&](int e) {
    if (opt.progress_every > 0 && e % opt.progress_every == 0) say(std::to_string(e) + " evaluations of the set so far");
  };
  Objective whole(p, all, u0, knobs, r.evaluations, tick);
  auto u = minimise(p, whole, u0, opt.max_evaluations, opt.tolerance);

  // Sensitivities d ln(rate_i) / d ln(knob_k), central differences (clamped to the box).
  say("sensitivities of every measurement to every knob");
  Eigen::MatrixXd J(n, k);
  for (size_t c = 0; c < k; ++c) {
    auto up = u, down = u;
    up[c] = std::min(u[c] + opt.jacobian_step, std::log(p.knobs[c].high));
    down[c] = std::max(u[c] - opt.jacobian_step, std::log(p.knobs[c].low));
    const auto a = whole.predict_log(up, all), b = whole.predict_log(down, all);
    for (size_t i = 0; i < n; ++i) J(long(i), long(c)) = (a[i] - b[i]) / (up[c] - down[c]);
  }
  r.status.assign(k, "determined");
  std::vector<size_t> det;
  for (size_t c = 0; c < k; ++c) {
    if (J.col(long(c)).cwiseAbs().maxCoeff() < opt.min_sensitivity) {
      r.status[c] = "not determined";
      u[c] = u0[c];  // the data says nothing: keep the catalog's figure
    } else {
      det.push_back(c);
    }
  }
  const auto pred = whole.predict_log(u, all);
  double rss = 0;
  for (size_t i = 0; i < n; ++i) {
    r.predicted.push_back(std::exp(pred[i]));
    r.residual.push_back(pred[i] - std::log(p.measured[i]));
    rss += r.residual.back() * r.residual.back();
  }
  r.rms = std::sqrt(rss / double(n));
  r.sigma.assign(k, 0);
  r.covariance.assign(k, std::vector<double>(k, 0.0));
  if (!det.empty()) {
    Eigen::MatrixXd Jd(n, det.size());
    for (size_t j = 0; j < det.size(); ++j) Jd.col(long(j)) = J.col(long(det[j]));
    const double s2 = rss / double(std::max<long>(1, long(n) - long(det.size())));
    const Eigen::MatrixXd cov = s2 * (Jd.transpose() * Jd).completeOrthogonalDecomposition().pseudoInverse();
    for (size_t a = 0; a < det.size(); ++a)
      for (size_t b = 0; b < det.size(); ++b) r.covariance[det[a]][det[b]] = cov(long(a), long(b));
    for (size_t j = 0; j < det.size(); ++j) {
      const size_t c = det[j];
      r.sigma[c] = std::sqrt(std::max(0.0, cov(long(j), long(j))));
      const bool at_bound = std::abs(u[c] - std::log(p.knobs[c].low)) < 1e-3 ||
                            std::abs(u[c] - std::log(p.knobs[c].high)) < 1e-3;
      if (at_bound) r.status[c] = "at bound";
      else if (r.sigma[c] > opt.max_sigma) r.status[c] = "poorly determined";
    }
  }
  for (double a : u) r.value.push_back(std::exp(a));

  if (opt.leave_one_out && n > 1) {
    std::vector<int> group = opt.groups;
    if (group.size() != n) {
      group.resize(n);
      std::iota(group.begin(), group.end(), 0);
    }
    auto moves = [&](size_t i, size_t c) { return std::abs(J(long(i), long(c))) >= opt.min_sensitivity; };
    r.loo_predicted.assign(n, 0);
    r.loo_values.assign(n, {});
    double loo = 0;
    std::vector<int> seen;
    for (size_t i = 0; i < n; ++i) {
      if (std::find(seen.begin(), seen.end(), group[i]) != seen.end()) continue;
      seen.push_back(group[i]);
      say("leave-one-out " + std::to_string(seen.size()) + " (measurement " + std::to_string(i + 1) + " of " +
          std::to_string(n) + ")");
      std::vector<size_t> rest, out, own;
      for (size_t j = 0; j < n; ++j) (group[j] == group[i] ? out : rest).push_back(j);
      // Only the knobs the left-out measurements move can shift; one that no remaining measurement
      // moves goes back to its start: what the left-out system alone told must not leak back.
      auto ui = u;
      for (size_t c : det) {
        const bool moved = std::any_of(out.begin(), out.end(), [&](size_t j) { return moves(j, c); });
        if (!moved) continue;
        if (std::any_of(rest.begin(), rest.end(), [&](size_t j) { return moves(j, c); })) own.push_back(c);
        else ui[c] = u0[c];
      }
      if (!rest.empty()) {
        Objective without(p, rest, ui, own, r.evaluations, tick);
        ui = minimise(p, without, ui, opt.max_evaluations / 4, opt.tolerance, 1, 0.05);
      }
      const auto li = whole.predict_log(ui, out);
      std::vector<double> values;
      for (double a : ui) values.push_back(std::exp(a));
      for (size_t m = 0; m < out.size(); ++m) {
        r.loo_predicted[out[m]] = std::exp(li[m]);
        r.loo_values[out[m]] = values;
        loo += std::pow(li[m] - std::log(p.measured[out[m]]), 2);
      }
    }
    r.loo_rms = std::sqrt(loo / double(n));
  }
  return r;
}

}  // namespace podsim
