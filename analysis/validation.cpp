// podsim validate's table, statistics, JSON and HDF5.
#include "analysis/validation.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "analysis/hdf5_util.hpp"
#include "topology/format.hpp"
#include "topology/markdown_cell.hpp"

namespace podsim {

namespace {
/** The q-quantile of sorted values, linear between neighbours. */
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double pos = q * double(sorted.size() - 1);
  const size_t i = static_cast<size_t>(pos);
  if (i + 1 >= sorted.size()) return sorted.back();
  return sorted[i] + (pos - double(i)) * (sorted[i + 1] - sorted[i]);
}
std::string pct(double v) { return std::abs(v) < 0.005 ? "0 %" : format_number("%+.0f %%", v * 100); }
std::string abs_pct(double v) { return format_number("%.0f %%", v * 100); }
std::string gbs(double v) { return format_number("%.4g", v / 1e9); }
}  // namespace

ErrorStats error_stats(const std::vector<double>& errors, const std::vector<double>& ratios) {
  ErrorStats s;
  s.rows = static_cast<int>(errors.size());
  if (errors.empty()) return s;
  std::vector<double> a;
  for (double e : errors) a.push_back(std::abs(e));
  std::sort(a.begin(), a.end());
  s.median = quantile(a, 0.5);
  s.p90 = quantile(a, 0.9);
  s.worst = a.back();
  double l = 0;
  for (double r : ratios) l += std::log(r);
  s.mean_ratio = std::exp(l / double(ratios.size()));
  return s;
}

std::vector<const ValidationRow*> ValidationReport::simulated() const {
  std::vector<const ValidationRow*> out;
  for (const auto& r : rows)
    if (r.skipped.empty()) out.push_back(&r);
  return out;
}

std::string bound_kind(const std::string& b) {
  auto starts = [&](const char* p) { return b.rfind(p, 0) == 0; };
  if (starts("server_cap") || starts("drives") || starts("server_cpu") || starts("server_internal") || starts("dnode") ||
      starts("buffer_ssd") || starts("capacity_ssd") || starts("cnode_cpu"))
    return "storage";
  if (starts("server_nic") || starts("cnode_port") || b.find("uplink") != std::string::npos || starts("spine"))
    return "network";
  if (starts("client")) return "client";
  return "other";
}

ErrorStats ValidationReport::stats(bool loso, bool client_stated_only) const {
  std::vector<double> e, q;
  for (const auto* r : simulated()) {
    if (!r->training || (loso && !r->loso) || (client_stated_only && !r->client_stated)) continue;
    e.push_back(loso ? r->loso_error() : r->error());
    q.push_back(1 + e.back());
  }
  return error_stats(e, q);
}

std::map<std::string, ErrorStats> ValidationReport::stats_by(const std::string& key, bool loso) const {
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> groups;
  for (const auto* r : simulated()) {
    if (!r->training || (loso && !r->loso)) continue;
    auto& g = groups[key == "transport" ? r->transport : key == "benchmark" ? r->benchmark
                     : key == "bound" ? bound_kind(r->bottleneck) : r->fs_class];
    g.first.push_back(loso ? r->loso_error() : r->error());
    g.second.push_back(1 + g.first.back());
  }
  std::map<std::string, ErrorStats> out;
  for (const auto& [k, g] : groups) out[k] = error_stats(g.first, g.second);
  return out;
}

std::string validation_text(const ValidationReport& r) {
  std::ostringstream o;
  const bool loso = std::any_of(r.rows.begin(), r.rows.end(), [](const ValidationRow& x) { return x.loso.has_value(); });
  o << "Measured against predicted (GB/s), profile " << r.profile << "\n\n";
  o << "| row | system | op | file system | transport | measured | capability | error |"
    << (loso ? " left-system-out | error |" : "") << " bound | bottleneck |\n"
    << "| --- | --- | --- | --- | --- | ---: | ---: | ---: |" << (loso ? " ---: | ---: |" : "") << " ---: | --- |\n";
  for (const auto* x : r.simulated()) {
    o << "| " << markdown_cell(x->id) << (x->training ? "" : " (loose)") << " | " << markdown_cell(x->system) << " | " << x->op << " | " << x->fs_class
      << " | " << x->transport << " | " << gbs(x->measured) << " | " << gbs(x->predicted) << " | " << pct(x->error()) << " |";
    if (loso) o << " " << (x->loso ? gbs(*x->loso) : "-") << " | " << (x->loso ? pct(x->loso_error()) : "-") << " |";
    o << " " << gbs(x->bound) << " | " << x->bottleneck << " |\n";
  }
  auto line = [&](const std::string& what, const ErrorStats& s) {
    o << "| " << what << " | " << s.rows << " | " << abs_pct(s.median) << " | " << abs_pct(s.p90) << " | "
      << abs_pct(s.worst) << " | " << format_number("%.2f", s.mean_ratio) << " |\n";
  };
  o << "\n|error over training rows| rows | median abs | 90th percentile | worst | predicted/measured (geo. mean) |\n"
    << "| --- | ---: | ---: | ---: | ---: | ---: |\n";
  line("with the profile", r.stats(false));
  if (loso) line("leave-one-system-out", r.stats(true));
  line(std::string(loso ? "leave-one-system-out" : "with the profile") + ", client NICs stated", r.stats(loso, true));
  for (const char* key : {"benchmark", "bound", "fs_class", "transport"})
    for (const auto& [k, s] : r.stats_by(key, loso)) line(std::string(loso ? "left-out, " : "") + key + " " + k, s);
  int skipped = 0;
  for (const auto& x : r.rows) skipped += x.skipped.empty() ? 0 : 1;
  if (skipped > 0) {
    o << "\nSkipped (" << skipped << " rows: the model needs a figure the row does not state):\n";
    std::map<std::string, int> why;
    for (const auto& x : r.rows)
      if (!x.skipped.empty()) ++why[x.skipped];
    for (const auto& [w, n] : why) o << "- " << w << ": " << n << " rows\n";
  }
  if (!r.knobs.empty()) {
    o << "\nFitted shared knobs (stage 1: on rows whose client hardware is stated, stage 2: on the rest and applied to them only)\n\n"
      << "| knob | stage | value | unit | sigma of ln | status |\n| --- | ---: | ---: | --- | ---: | --- |\n";
    for (const auto& k : r.knobs)
      o << "| " << k.name << " | " << k.stage << " | "
        << (k.unit == "B/s" ? format_number("%.4g GB/s", k.value / 1e9) : format_number("%.4g", k.value)) << " | " << k.unit
        << " | " << format_number("%.3f", k.sigma) << " | " << k.status << " |\n";
  }
  o << "\n" << r.simulated().size() << " rows simulated in " << format_number("%.1f", r.wall_seconds) << " s wall\n";
  return o.str();
}

nlohmann::json validation_json(const ValidationReport& r) {
  nlohmann::json j;
  j["profile"] = r.profile;
  j["wall_seconds"] = r.wall_seconds;
  auto stats = [](const ErrorStats& s) {
    return nlohmann::json{{"rows", s.rows}, {"median_abs_error", s.median}, {"p90_abs_error", s.p90},
                          {"worst_abs_error", s.worst}, {"mean_ratio", s.mean_ratio}};
  };
  j["error"] = stats(r.stats(false));
  j["error_leave_one_system_out"] = stats(r.stats(true));
  j["error_client_stated"] = stats(r.stats(false, true));
  j["error_leave_one_system_out_client_stated"] = stats(r.stats(true, true));
  for (const char* key : {"benchmark", "bound", "fs_class", "transport"})
    for (bool loso : {false, true})
      for (const auto& [k, s] : r.stats_by(key, loso))
        j[std::string("error_by_") + key + (loso ? "_loso" : "")][k] = stats(s);
  for (const auto& x : r.rows) {
    nlohmann::json row{{"id", x.id}, {"system", x.system}, {"where", x.where}, {"benchmark", x.benchmark},
                       {"op", x.op}, {"fs_class", x.fs_class}, {"transport", x.transport},
                       {"measured_GBps", x.measured / 1e9}, {"training", x.training}, {"client_stated", x.client_stated}};
    if (x.skipped.empty()) {
      row["predicted_GBps"] = x.predicted / 1e9;
      row["capability_GBps"] = x.predicted / 1e9;  // what is scored: never the accelerators' demand
      row["bound_kind"] = bound_kind(x.bottleneck);
      row["error"] = x.error();
      row["bound_GBps"] = x.bound / 1e9;
      row["bottleneck"] = x.bottleneck;
      if (x.loso) {
        row["loso_GBps"] = *x.loso / 1e9;
        row["loso_error"] = x.loso_error();
      }
    } else {
      row["skipped"] = x.skipped;
    }
    if (x.demand > 0) row["demand_GBps"] = x.demand / 1e9;
    row["assumptions"] = x.assumptions;
    j["rows"].push_back(row);
  }
  for (const auto& k : r.knobs)
    j["knobs"].push_back({{"name", k.name}, {"value", k.value}, {"unit", k.unit}, {"sigma_ln", k.sigma}, {"status", k.status},
                          {"stage", k.stage}});
  if (!r.covariance.empty()) j["covariance_ln"] = r.covariance;
  return j;
}

void write_validation_hdf5(const std::filesystem::path& path, const ValidationReport& r) {
  h5::write_atomically(path, [&](H5::H5File& f) {
    auto g = f.createGroup("/validation");
    h5::attr(g, "profile", r.profile);
    h5::attr(g, "wall_seconds", r.wall_seconds, "s");
    const auto s = r.stats(false), l = r.stats(true);
    h5::attr(g, "median_abs_error", s.median, "fraction");
    h5::attr(g, "p90_abs_error", s.p90, "fraction");
    h5::attr(g, "worst_abs_error", s.worst, "fraction");
    h5::attr(g, "loso_median_abs_error", l.median, "fraction");
    h5::attr(g, "loso_p90_abs_error", l.p90, "fraction");
    h5::attr(g, "loso_worst_abs_error", l.worst, "fraction");
    const auto c = r.stats(true, true);
    h5::attr(g, "loso_client_stated_median_abs_error", c.median, "fraction");
    h5::attr(g, "loso_client_stated_p90_abs_error", c.p90, "fraction");
    std::vector<std::string> id, system, op, fs, tr, bottleneck, skipped;
    std::vector<double> measured, predicted, bound, loso, training, stated;
    for (const auto& x : r.rows) {
      id.push_back(x.id);
      system.push_back(x.system);
      op.push_back(x.op);
      fs.push_back(x.fs_class);
      tr.push_back(x.transport);
      bottleneck.push_back(x.bottleneck);
      skipped.push_back(x.skipped);
      measured.push_back(x.measured);
      predicted.push_back(x.skipped.empty() ? x.predicted : std::nan(""));
      bound.push_back(x.skipped.empty() ? x.bound : std::nan(""));
      loso.push_back(x.loso ? *x.loso : std::nan(""));
      training.push_back(x.training ? 1 : 0);
      stated.push_back(x.client_stated ? 1 : 0);
    }
    h5::strings(g, "id", id);
    h5::strings(g, "system", system);
    h5::strings(g, "op", op);
    h5::strings(g, "fs_class", fs);
    h5::strings(g, "transport", tr);
    h5::strings(g, "bottleneck", bottleneck);
    h5::strings(g, "skipped", skipped);
    h5::doubles(g, "measured", measured, "B/s");
    h5::doubles(g, "predicted", predicted, "B/s");
    h5::doubles(g, "capability", predicted, "B/s");
    h5::doubles(g, "bound", bound, "B/s");
    h5::doubles(g, "loso_predicted", loso, "B/s");
    h5::doubles(g, "training", training, "1: in the fit's set");
    h5::doubles(g, "client_stated", stated, "1: the source states the client NICs");
    if (!r.knobs.empty()) {
      std::vector<std::string> names;
      std::vector<double> values, sigma, cov;
      for (const auto& k : r.knobs) {
        names.push_back(k.name);
        values.push_back(k.value);
        sigma.push_back(k.sigma);
      }
      for (const auto& row : r.covariance) cov.insert(cov.end(), row.begin(), row.end());
      h5::strings(g, "knob_names", names);
      h5::doubles(g, "knob_values", values, "knob's own unit (fraction or B/s)");
      h5::doubles(g, "knob_sigma", sigma, "standard deviation of ln(value)");
      if (!cov.empty()) h5::double_matrix(g, "knob_covariance", names.size(), names.size(), cov, "of ln(value)");
    }
  });
}

}  // namespace podsim
