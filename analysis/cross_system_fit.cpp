// The cross-system fit of podsim validate: knob choice, the two stages, leave-one-system-out.
#include "analysis/cross_system_fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string_view>

#include "analysis/calibration_fit.hpp"
#include "topology/design_facts.hpp"
#include "topology/profile.hpp"

namespace podsim {
namespace {

/** The shared knobs a row's prediction depends on, for its direction: its transport's and
 *  classes' own, or (`any_only`) the fallbacks fitted over every system. */
std::vector<std::string> knobs_of(const CorpusRow& r, bool any_only) {
  const std::string dir = r.write ? ".write" : ".read";
  std::vector<std::string> out;
  if (any_only) {
    out = {"efficiency.any" + dir, "client_limit." + any_subject_for(r.protocol_class) + dir, "server_cap.any" + dir,
           "stream_limit.any" + dir, "host_limit.any" + dir};
  } else {
    const std::string client = benchmark_client(r.benchmark);
    out = {"efficiency." + r.transport + dir, "client_limit." + subject_of_class(r.protocol_class) + dir,
           "server_cap." + subject_of_class(r.fs_class) + dir, "stream_limit." + client + dir, "host_limit." + client + dir};
  }
  // A write's server side: what the servers store on each other (a read takes one copy).
  if (r.write) out.push_back("across_servers." + (any_only ? std::string("any") : subject_of_class(r.fs_class)) + ".write");
  return out;
}

/** A benchmark client's ceiling (per node or per process): searched from inside its range, and
 *  back to "no limit" when no row moves it. */
bool is_benchmark_ceiling(const std::string& name) {
  return name.rfind("host_limit.", 0) == 0 || name.rfind("stream_limit.", 0) == 0;
}

bool is_any_knob(const std::string& name) {
  return name.find(".any.") != std::string::npos || name.find(".unstated-any.") != std::string::npos;
}

/** Where the fit starts a knob, and what leave-one-system-out falls back to when no other system
 *  tells it: the uncalibrated model (line rate, no limit). Never a fitted profile's value: that
 *  was fitted on the very system being left out. */
double prior_of(const std::string& knob) {
  const auto& info = knob_info(knob);
  // Protection across servers: the class's documented default (topology/catalog/across-servers.yaml).
  if (constexpr std::string_view family = "across_servers."; knob.rfind(family, 0) == 0)
    return across_servers_default(knob.substr(family.size(), knob.rfind('.') - family.size())).stored;
  return std::string(info.unit) == "fraction" ? 1.0 : info.high;
}

/** The least line-rate ceiling of the row's direction, and its streams at their ceiling: the
 *  fit's fast stand-in for the bound. */
double ceiling_of(const FitRow& row, const std::vector<std::string>& names, const std::vector<double>& x) {
  Design d = row.design;
  const bool write = row.row->write;
  for (size_t k = 0; k < names.size(); ++k) set_knob(d, names[k], x[k]);
  double least = std::numeric_limits<double>::infinity();
  for (const auto& c : line_rate_ceilings(d)) least = std::min(least, (write ? c.write : c.read).bytes_per_second());
  for (const auto& limit : {d.cnode.stream_limit, write ? d.client.stream_limit_write : d.client.stream_limit_read})
    if (limit.bytes_per_second() > 0) least = std::min(least, limit.bytes_per_second() * row.streams);
  return least;
}

/** A stage's knobs: a transport's or class's own when two systems or more of the stage use it,
 *  else the family's `any` knob, fitted when two systems or more fall back on it. Knobs an
 *  earlier stage fits (`held`) are the row's already. */
std::vector<std::string> stage_knobs(const std::vector<const CorpusRow*>& rows, const std::set<std::string>& held) {
  std::map<std::string, std::set<std::string>> own_systems, any_systems;
  for (const auto* r : rows)
    for (const auto& k : knobs_of(*r, false)) own_systems[k].insert(r->system);
  std::vector<std::string> any, own;
  for (const auto* r : rows) {
    const auto specific = knobs_of(*r, false), fallback = knobs_of(*r, true);
    for (size_t f = 0; f < specific.size(); ++f) {
      if (held.count(specific[f])) continue;
      const bool qualified = own_systems[specific[f]].size() >= 2;
      const auto& k = qualified ? specific[f] : fallback[f];
      if (!qualified && held.count(k)) continue;
      auto& list = qualified ? own : any;
      if (std::find(list.begin(), list.end(), k) == list.end()) list.push_back(k);
      if (!qualified) any_systems[k].insert(r->system);
    }
  }
  std::erase_if(any, [&](const std::string& k) { return any_systems[k].size() < 2; });
  any.insert(any.end(), own.begin(), own.end());
  return any;
}

}  // namespace

CrossSystemFit fit_cross_system(const std::vector<FitRow>& rows, const SimulateRows& simulate, int max_evaluations,
                                const std::function<void(const std::string&)>& progress) {
  auto say = [&](const std::string& s) {
    if (progress) progress(s);
  };
  CrossSystemFit out;
  const size_t n = rows.size();
  std::map<std::string, int> system_ids;
  std::vector<int> group(n);
  std::vector<size_t> stage_rows[2];
  for (size_t j = 0; j < n; ++j) {
    group[j] = system_ids.emplace(rows[j].row->system, static_cast<int>(system_ids.size())).first->second;
    stage_rows[rows[j].row->client_stated() ? 0 : 1].push_back(j);
  }
  out.systems = static_cast<int>(system_ids.size());
  std::vector<std::string> per_stage[2];
  std::set<std::string> held;
  for (int s = 0; s < 2; ++s) {
    std::vector<const CorpusRow*> rs;
    for (size_t j : stage_rows[s]) rs.push_back(rows[j].row);
    per_stage[s] = stage_knobs(rs, held);
    held.insert(per_stage[s].begin(), per_stage[s].end());
  }
  // `any` knobs first, so that an own knob, set after, wins wherever both name a part.
  std::vector<std::pair<std::string, int>> knobs;  // name, stage
  for (int s = 0; s < 2; ++s)
    for (const auto& k : per_stage[s]) knobs.emplace_back(k, s + 1);
  std::stable_partition(knobs.begin(), knobs.end(), [](const auto& k) { return is_any_knob(k.first); });
  for (const auto& [name, stage] : knobs) {
    out.names.push_back(name);
    out.stage.push_back(stage);
  }
  if (out.names.empty()) throw std::invalid_argument("--fit: no shared knob is used by two systems or more");
  const size_t nk = out.names.size();
  std::vector<double> x(nk);
  for (size_t k = 0; k < nk; ++k) x[k] = std::clamp(prior_of(out.names[k]), knob_info(out.names[k]).low, knob_info(out.names[k]).high);
  out.prior = x;
  // A benchmark client's ceilings start the search inside their range (at no limit, a ceiling that
  // does not bind moves no prediction, and the search would never find where it does); the prior,
  // what leave-one-system-out falls back to, stays "no limit".
  for (size_t k = 0; k < nk; ++k)
    if (is_benchmark_ceiling(out.names[k])) x[k] = std::sqrt(knob_info(out.names[k]).low * knob_info(out.names[k]).high);
  auto row_values = [&](size_t j, const std::vector<double>& at) { return out.values_for(at, rows[j].row->client_stated()); };

  // The stand-in: the least line-rate ceiling at the knobs, times what the simulation took off it
  // (placement, imbalance) at the last knobs simulated.
  std::vector<double> corr(n, 1.0);
  auto refresh = [&](const std::vector<double>& at) {
    std::vector<std::vector<double>> values;
    for (size_t j = 0; j < n; ++j) values.push_back(row_values(j, at));
    const auto sims = simulate(out.names, values);
    for (size_t j = 0; j < n; ++j) {
      if (!sims[j].error.empty()) throw std::runtime_error("simulating " + rows[j].row->where() + " failed: " + sims[j].error);
      const double c = ceiling_of(rows[j], out.names, values[j]);
      corr[j] = c > 0 && sims[j].rate > 0 ? sims[j].rate / c : 1.0;
    }
  };
  std::vector<double> base = x;  // the knobs a stage's fit holds (every knob not its own)
  std::vector<size_t> idx[2];
  for (size_t k = 0; k < nk; ++k) idx[out.stage[k] - 1].push_back(k);
  FitProblem problem[2];
  for (int s = 0; s < 2; ++s) {
    auto& p = problem[s];
    p.absolute_loss = true;
    for (size_t k : idx[s]) {
      const auto& info = knob_info(out.names[k]);
      p.knobs.push_back({out.names[k], x[k], info.low, info.high});
    }
    for (size_t j : stage_rows[s]) p.measured.push_back(rows[j].measured);
    p.predict = [&, s](const std::vector<double>& xs, const std::vector<size_t>& which) {
      auto full = base;
      for (size_t i = 0; i < idx[s].size(); ++i) full[idx[s][i]] = xs[i];
      std::vector<double> pred;
      for (size_t m : which) {
        const size_t j = stage_rows[s][m];
        pred.push_back(ceiling_of(rows[j], out.names, row_values(j, full)) * corr[j]);
      }
      return pred;
    };
  }
  auto options = [&](int s, bool loo) {
    FitOptions fo;
    fo.max_evaluations = max_evaluations;
    fo.leave_one_out = loo;
    for (size_t j : stage_rows[s]) fo.groups.push_back(group[j]);
    return fo;
  };
  auto fittable = [&](int s) { return !idx[s].empty() && !stage_rows[s].empty(); };
  FitResult last[2];
  refresh(x);
  for (int round = 0; round < 2; ++round) {
    for (int s = 0; s < 2; ++s) {
      if (!fittable(s)) continue;
      say("fit round " + std::to_string(round + 1) + ", stage " + std::to_string(s + 1) + ": " + std::to_string(idx[s].size()) +
          " shared knobs, " + std::to_string(stage_rows[s].size()) + " rows");
      base = x;
      last[s] = fit_knobs(problem[s], options(s, false));
      for (size_t i = 0; i < idx[s].size(); ++i) x[idx[s][i]] = last[s].value[i];
    }
    refresh(x);
  }
  out.value = x;
  out.sigma.assign(nk, 0);
  out.status.assign(nk, "not determined");
  out.covariance.assign(nk, std::vector<double>(nk, 0));
  for (int s = 0; s < 2; ++s) {
    if (!fittable(s)) continue;
    for (size_t a = 0; a < idx[s].size(); ++a) {
      out.sigma[idx[s][a]] = last[s].sigma[a];
      out.status[idx[s][a]] = last[s].status[a];
      for (size_t b = 0; b < idx[s].size(); ++b) out.covariance[idx[s][a]][idx[s][b]] = last[s].covariance[a][b];
    }
  }

  // A benchmark ceiling no row moves is not a finding: back to "no limit", where it started from.
  for (size_t k = 0; k < nk; ++k)
    if (out.status[k] == "not determined" && is_benchmark_ceiling(out.names[k])) x[k] = out.value[k] = out.prior[k];

  say("leave-one-system-out: " + std::to_string(out.systems) + " systems");
  out.loso.assign(n, x);
  // Stage 1's systems: their stage-1 knobs fitted without them.
  if (fittable(0)) {
    base = x;
    const auto fr = fit_knobs(problem[0], options(0, true));
    // Stage-2 knobs never reach a stage-1 row, so stage 2 needs no refit without its system.
    for (size_t m = 0; m < stage_rows[0].size(); ++m)
      for (size_t i = 0; i < idx[0].size(); ++i) out.loso[stage_rows[0][m]][idx[0][i]] = fr.loo_values[m][i];
  }
  if (fittable(1)) {
    base = x;
    const auto fr = fit_knobs(problem[1], options(1, true));
    for (size_t m = 0; m < stage_rows[1].size(); ++m)
      for (size_t i = 0; i < idx[1].size(); ++i) out.loso[stage_rows[1][m]][idx[1][i]] = fr.loo_values[m][i];
  }
  for (size_t j = 0; j < n; ++j) out.loso[j] = row_values(j, out.loso[j]);
  return out;
}

}  // namespace podsim
