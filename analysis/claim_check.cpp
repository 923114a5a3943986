#include "analysis/claim_check.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>
#include <type_traits>

#include "topology/format.hpp"
#include "topology/design_facts.hpp"
#include "topology/figures_behind.hpp"
#include "topology/sourced_ceiling.hpp"
#include "workloads/model_error_band.hpp"

namespace podsim {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::holds: return "holds";
    case Verdict::holds_only_if: return "holds only if";
    case Verdict::circular: return "circular";
    case Verdict::too_close: return "too close to call";
    case Verdict::refuted: return "refuted";
    case Verdict::not_simulated: return "not simulated";
    case Verdict::not_claimed: return "no claim";
  }
  return "?";
}

namespace {

template <class T, class Fmt>
std::string claimed_text(const Claim<T>& c, Fmt fmt) {
  const auto total = c.is_range() ? fmt(c.low) + " to " + fmt(c.high) : "~" + fmt(c.low);
  if (c.per.empty()) return total;
  // A datasheet's per-unit figure, and the total the check holds the design to: both printed.
  auto unit = [&](const T& v) {
    if constexpr (std::is_same_v<T, Bandwidth>) return format_number("%.4g GB/s", v.gigabytes_per_second());
    else return fmt(v);
  };
  return total + " (" + (c.is_range() ? unit(c.per_low) + " to " + unit(c.per_high) : unit(c.per_low)) + " per " + c.per +
         " x " + std::to_string(c.units) + ")";
}

std::string tbps(Bandwidth b) { return format_number("%.2f TB/s", b.terabytes_per_second()); }
std::string tbps_d(double bps) { return format_number("%.2f TB/s", bps / 1e12); }

/** "models.dbox-1350.controller" -> "dbox-1350 controller". */
std::string short_field(const std::string& path) {
  std::string p = path;
  for (const char* prefix : {"models.", "design."})
    if (p.rfind(prefix, 0) == 0) p = p.substr(std::string(prefix).size());
  auto dot = p.find('.');
  if (dot != std::string::npos && path.rfind("models.", 0) == 0) p[dot] = ' ';
  return p;
}

/** "dbox-1350 controller, cnode-gen5 cpu": the figures' short names (only those derived from the claim). */
std::string short_names(const std::vector<FigureSource>& figs, bool only_derived = false) {
  std::string out;
  for (const auto& f : figs)
    if (!only_derived || f.derived_from_claim) out += (out.empty() ? "" : ", ") + short_field(f.field);
  return out;
}

std::string figure_names(const std::vector<FigureSource>& figs) {
  std::string out;
  for (const auto& a : figs) out += (out.empty() ? "" : "; ") + short_field(a.field) + " (" + a.source + ")";
  return out;
}

/**
 * A claim the figures reach: it holds on sourced figures, holds only if the assumed ones hold, and
 * is circular when one of them was derived from the claim itself (it cannot confirm itself).
 */
void claim_met(ClaimVerdict& v, const std::string& on_sourced, const std::string& on_assumed) {
  const std::string names = short_names(v.assumptions, true);
  if (!names.empty()) {
    v.verdict = Verdict::circular;
    v.because = "it rests on the " + names + ", worked out from this claim (derived_from: claim): " +
                "the simulation cannot confirm a claim with its own figure; " + on_assumed;
  } else {
    v.verdict = v.assumptions.empty() ? Verdict::holds : Verdict::holds_only_if;
    v.because = v.assumptions.empty() ? on_sourced : on_assumed;
  }
}


const PhaseMetrics* first_phase(const RunFigures& fig, PhaseKind kind) {
  for (const auto& m : fig.phases)
    if (m.kind == kind) return &m;
  return nullptr;
}

/** A write verdict says which regime its workload ran in, and what writes fall to once the buffer is full. */
void with_regimes(ClaimVerdict& v, const RunFigures& fig, const ClaimCheckOptions& o) {
  if (fig.servers) v.regime = "direct: the servers write to their internal drives (no buffer tier, one regime)";
  if (fig.writes)
    v.regime = fig.writes->sustained
                   ? format_number("sustained: the write buffer filled at t = %.1f s, writes then ran at the pace of migration",
                                   fig.writes->switch_at)
                   : "burst: the workload's writes fit in the write buffer (it never filled)";
  if (fig.sustained_limits.empty()) return;  // nothing destages: writes never leave the burst
  const auto* limit = fig.sustained_limit();
  v.sustained = tbps_d(fig.bound.sustained.bytes_per_second()) + " once the buffer is full (closed form; " +
                (limit ? limit->resource + format_number(" at %.3g B per user byte", limit->per_user_byte) : "the client path") + ")" +
                (fig.writes && fig.writes->sustained ? ", simulated " + tbps_d(fig.writes->sustained->rate()) : "");
  if (!o.buffer_full) return;
  const auto& bf = *o.buffer_full;
  const std::string write = format_number("a %.0f TB write onto full buffers", bf.bytes / 1e12) + bf.slicing;
  v.sustained += std::isnan(bf.rate)
                     ? "; " + write + " never waited for space (--sustained)"
                     : "; simulated by " + write + " (--sustained): " + tbps_d(bf.rate) + ", " +
                           format_number("%+.1f %% from the closed form",
                                         100 * (bf.rate - fig.bound.sustained.bytes_per_second()) /
                                             fig.bound.sustained.bytes_per_second());
}

/**
 * What the sourced figures alone allow: a claim above it is refuted whatever the assumed figures
 * are (when every assumed figure could be set aside); otherwise the verdict says how far it reaches.
 */
void with_sourced_ceiling(ClaimVerdict& v, Bandwidth ceiling, const SourcedCeiling& sc, double need) {
  const std::string aside = short_names(sc.relaxed), kept = short_names(sc.kept);
  const std::string what = "with every assumed figure set aside" + (aside.empty() ? std::string() : " (" + aside + ")") +
                           (kept.empty() ? std::string() : " but the " + kept);
  v.sourced_ceiling = tbps(ceiling) + (kept.empty() ? std::string() : " (still at the assumed " + kept + ")");
  if (v.verdict == Verdict::not_simulated) return;  // no phase to judge: the ceiling is shown, nothing more
  if (ceiling.bytes_per_second() < need && sc.kept.empty()) {
    v.verdict = Verdict::refuted;
    v.because = "even " + what + ", the sourced figures allow at most " + tbps(ceiling) +
                ": the claim cannot hold whatever those figures are; " + v.because;
  } else {
    v.because += "; " + what + ", the sourced figures allow up to " + tbps(ceiling);
    if (ceiling.bytes_per_second() < v.claimed_high)
      v.because += format_number(", so the claim's high end (%.2f TB/s) is out of reach", v.claimed_high / 1e12);
  }
}

/** ", confirmed by simulation: 3.95 TB/s" (or "not confirmed") when `podsim check --confirm` ran it. */
std::string confirmation(const ClaimCheckOptions& o, const std::string& key, double need) {
  auto it = o.confirmed.find(key);
  if (it == o.confirmed.end()) return "";
  if (!std::isfinite(it->second)) return "; the confirming simulation failed";
  return (it->second >= need ? "; confirmed by simulation: " : "; NOT confirmed by simulation: ") +
         format_number("%.3f TB/s", it->second / 1e12) + (it->second >= need ? " >= " : " < ") +
         format_number("%.3f TB/s needed", need / 1e12);
}

/** What each assumed figure and each count must at least be for the claim (from the bound), when the verdict rests on them. */
void with_requirements(ClaimVerdict& v, const Design& d, bool write, double need, const ClaimCheckOptions& o) {
  if (v.verdict == Verdict::holds || v.verdict == Verdict::not_simulated) return;
  for (const auto& r : figure_requirements(d, write, need)) {
    const std::string name = short_field(r.figure.field);
    v.requirements.push_back(name + (r.enough_alone ? format_number(": at least %.3gx its throughput, ", r.factor) + r.needed +
                                                          confirmation(o, requirement_key(v.claim, name), need)
                                                    : std::string(": not enough alone (other resources bind first)")));
  }
  for (const auto& c : count_requirements(d, write, need))
    v.requirements.push_back(c.count + (c.needed > 0 ? ": at least " + std::to_string(c.needed)
                                                     : std::string(": not enough alone (other resources bind first)")) +
                             " (" + std::to_string(c.designed) + " as designed)" +
                             (c.needed > 0 ? confirmation(o, requirement_key(v.claim, c.count), need) : std::string()));
}

/** The phase's bottleneck and the assumed figures behind it: what a throughput verdict rests on;
 *  with none binding, the workload's clients paced it. */
void set_limit(ClaimVerdict& v, const PhaseMetrics& m, const Design& d) {
  const auto* b = m.bottleneck();
  if (!b) return;
  if (m.none_binding()) {  // nothing on the storage side is full: the figures behind it set nothing
    v.limited_by = format_number("client concurrency (per stream): no resource is %.0f %% busy or more", 100 * kBindingUtilization) +
                   " (the busiest, " + b->label() + format_number(", %.0f %%)", b->mean * 100);
    return;
  }
  v.limited_by = b->label() + format_number(" (%.0f %% busy", b->mean * 100) + ", busiest " + b->busiest + ")";
  v.assumptions = assumed_only(figures_behind(d, b->cls));
}

/** The figure's model-resolution error and where the bound comes from (docs/claim-check.md). */
void set_resolution(ClaimVerdict& v, const PhaseMetrics& m, double sample_interval) {
  v.resolution = resolution_error(m, sample_interval);
  v.resolution_basis = std::string("the speed knobs' spread, pinned by ctest knobs.chunk-and-mode-invariance") +
                       (m.coarse ? ", plus one sample interval over the phase" : "");
}

/**
 * The chance that a throughput claim holds (docs/claim-check.md): podsim's own error on published
 * systems, measured / predicted leaving each system out (podsim validate --fit), applied to the
 * simulated rate; the share of those outcomes that reach `fraction` (what the claim needs over the
 * simulated rate). With the p10-p90 band it implies. It informs; it does not change the verdict.
 */
void set_chance(ClaimVerdict& v, const std::string& op, double fraction, double simulated) {
  const auto band = model_error_band(op);
  v.chance = share_at_least(band, fraction);
  if (band.ratios.empty()) return;
  const auto& r = band.ratios;
  auto at = [&](double q) { return r[static_cast<size_t>(std::lround(q * double(r.size() - 1)))]; };
  v.chance_basis = format_number("the claim needs %.2f of the simulated rate; podsim's error, a band from ", fraction) +
                   std::to_string(r.size()) + " published " + op + " runs of " + std::to_string(band.systems) +
                   " systems, capability scored, each system left out of the fit (podsim validate --fit), puts it at " +
                   format_number("%.2f", at(0.1) * simulated / 1e12) + format_number("-%.2f TB/s (p10-p90", at(0.9) * simulated / 1e12) +
                   format_number(", median %.2f)", at(0.5) * simulated / 1e12);
}

/** Throughput claims: simulated sustained rate against the claim's low end and the bound. */
ClaimVerdict throughput(const std::string& what, const Claim<Bandwidth>& c, const PhaseMetrics* m, Bandwidth bound,
                        const Design& d, double tol, double sample_interval) {
  ClaimVerdict v;
  v.claim = what;
  v.claimed = claimed_text(c, tbps);
  v.claimed_low = c.low.bytes_per_second();
  v.claimed_high = c.high.bytes_per_second();
  v.unit = "B/s";
  v.bound = tbps(bound);
  v.references = reference_lines(what, d.gpu_count());
  if (!m) {
    v.simulated = "-";
    v.because = "the scenario has no " + what + " phase";
    return v;
  }
  v.simulated = tbps_d(m->sustained) + " sustained";
  const double need = throughput_needed(c, tol);
  set_limit(v, *m, d);
  set_resolution(v, *m, sample_interval);
  set_chance(v, what, need / m->sustained, m->sustained);
  if (std::abs(m->sustained - need) < v.resolution * need) {
    v.verdict = Verdict::too_close;
    v.because = format_number("the simulated rate is %+.1f %% from what the claim needs (", 100 * (m->sustained / need - 1)) +
                tbps_d(need) + format_number("), inside the model's resolution of +/-%.1f %%: ", 100 * v.resolution) +
                "neither holds nor refuted at this resolution" +
                (v.assumptions.empty() ? std::string() : "; it rests on the assumed " + figure_names(v.assumptions));
    return v;
  }
  if (m->sustained >= need) {
    claim_met(v, "the simulated rate reaches the claim on sourced figures",
              "the claim needs " + format_number("%.0f %%", 100 * need / m->sustained) +
                  " of what the limiting resource delivers at its assumed figures: " + figure_names(v.assumptions));
  } else {
    v.verdict = Verdict::refuted;
    if (bound.bytes_per_second() < need) {
      v.because = "even the max-flow bound is below the claim; ";
    } else if (m->none_binding()) {  // the workload's streams, not the design, set the rate: no verdict
      v.verdict = Verdict::not_simulated;
      v.because = "the workload's clients could not load the design (no resource " + format_number("%.0f %% busy or more", 100 * kBindingUtilization) +
                  "): client concurrency set the simulated rate, so it says nothing of the claim; the bound allows " +
                  tbps(bound) + " (run a scenario with more streams per client)";
      return v;
    } else {
      v.because = "the bound would allow it, but sharing and imbalance lose " +
                  format_number("%.0f %%", 100 * (1 - m->sustained / bound.bytes_per_second())) + " of it; ";
    }
    v.because += v.assumptions.empty() ? std::string("on sourced figures")
                                       : "at the assumed " + figure_names(v.assumptions) + " (the claim needs " +
                                             format_number("%.2fx", need / m->sustained) + " of that resource)";
  }
  return v;
}

/** A throughput the design claims nothing about: its figures, what limits them and the reference lines. */
ClaimVerdict unclaimed(const std::string& what, const PhaseMetrics* m, Bandwidth bound, Bandwidth sourced, const Design& d,
                       double sample_interval) {
  ClaimVerdict v;
  v.claim = what;
  v.claimed = "none claimed";
  v.claimed_low = v.claimed_high = std::numeric_limits<double>::quiet_NaN();
  v.unit = "B/s";
  v.bound = tbps(bound);
  v.sourced_ceiling = tbps(sourced);
  v.references = reference_lines(what, d.gpu_count());
  v.verdict = Verdict::not_claimed;
  if (!m) {
    v.simulated = "-";
    v.because = "the design claims no " + what + " rate and the workload has no " + what + " phase";
    return v;
  }
  v.simulated = tbps_d(m->sustained) + " sustained";
  set_limit(v, *m, d);
  set_resolution(v, *m, sample_interval);
  v.because = "the design claims no " + what + " rate: this is what it delivers on the claim-check workload" +
              (v.assumptions.empty() ? std::string(", on sourced figures")
                                     : ", at the assumed " + figure_names(v.assumptions));
  return v;
}

ClaimVerdict usable(const Claim<Bytes>& c, const Design& d, double tol) {
  ClaimVerdict v;
  v.claim = "usable";
  v.claimed = claimed_text(c, [](Bytes b) { return format_bytes(b); });
  v.claimed_low = c.low.bytes();
  v.claimed_high = c.high.bytes();
  v.unit = "B";
  auto cap = capacity_facts(d);
  v.simulated = format_bytes(cap.usable) + " derived";
  v.bound = format_bytes(cap.after_ec) + " before reserve";
  v.limited_by = "capacity SSDs x EC " + std::to_string(d.protection.capacity_data) + "+" +
                 std::to_string(d.protection.capacity_parity) + format_number(" x (1 - %.0f %% reserve)", d.protection.reserve * 100);
  v.assumptions = assumed_only(capacity_figures(d));
  if (cap.usable.bytes() >= c.low.bytes() * (1 - tol)) {
    claim_met(v, "derived from sourced SSD sizes and the EC stripe", "at the assumed " + figure_names(v.assumptions));
  } else {
    v.verdict = Verdict::refuted;
    v.because = format_number("the derived capacity is %.1f %% below the claim", 100 * (1 - cap.usable / c.low));
  }
  return v;
}

/** The smallest rack power budget (0.5 kW steps, below 1 MW) at which the layout fits `racks`, or 0. */
double budget_for(const Design& d, double racks, PackingPower by) {
  Design trial = d;
  for (double kw = 0.5; kw < 1000; kw += 0.5) {
    trial.rack.power_budget = kW(kw);
    if (storage_rack_count(rack_layout(trial, by)) <= racks) return kw;
  }
  return 0;
}

/**
 * Rack claims, packed both ways: by every item's maximum power (what a facility provisions without
 * power capping) and by its typical draw. Fewer racks than claimed is fine. Beyond it, a claim that
 * rack units alone rule out is refuted; one that only the power budget rules out holds only if the
 * budget (and the power figures) are what it needs, like any other assumed figure.
 */
ClaimVerdict racks(const Claim<double>& c, const Design& d, double tol) {
  ClaimVerdict v;
  v.claim = "racks";
  v.claimed = claimed_text(c, [](double n) { return format_number("%.0f racks", n); });
  v.claimed_low = c.low;
  v.claimed_high = c.high;
  v.unit = "racks";
  const int by_max = storage_rack_count(rack_layout(d, PackingPower::max));
  const int by_typical = storage_rack_count(rack_layout(d, PackingPower::typical));
  const double budget = d.rack.power_budget.kilowatts();
  v.simulated = std::to_string(by_max) + " storage racks derived at maximum power, " + std::to_string(by_typical) +
                format_number(" at typical power (%.0f kW per rack)", budget);
  v.bound = "-";
  Design unlimited = d;
  unlimited.rack.power_budget = kW(1e9);
  const int by_units = storage_rack_count(rack_layout(unlimited));
  v.limited_by = by_max > by_units ? format_number("the %.0f kW rack power budget", budget) +
                                         " (rack units alone: " + std::to_string(by_units) + ")"
                                   : std::to_string(d.rack.rack_units) + "U per rack";
  v.assumptions = assumed_only(rack_figures(d));
  const double allowed = c.high * (1 + tol);
  if (by_max <= allowed) {
    claim_met(v, "derived from sourced sizes and power", "at the assumed " + figure_names(v.assumptions));
    return v;
  }
  if (by_units > allowed) {
    v.verdict = Verdict::refuted;
    v.because = "the equipment needs " + std::to_string(by_units) + " racks by rack units alone";
    return v;
  }
  const double need_max = budget_for(d, allowed, PackingPower::max);
  const double need_typical = budget_for(d, allowed, PackingPower::typical);
  v.requirements.push_back(format_number("rack power budget: at least %.1f kW packed by maximum power", need_max) +
                           (need_typical > 0 ? format_number(", %.1f kW by typical power (with power capping)", need_typical)
                                             : std::string()));
  const std::string fits = format_number("it would fit in racks of %.1f kW at maximum power", need_max) +
                           (by_typical <= allowed ? format_number(" (at typical power it fits the %.0f kW budget)", budget)
                                                  : format_number(", or %.1f kW at typical power", need_typical)) +
                           format_number(", instead of %.0f kW", budget);
  if (v.assumptions.empty()) {
    v.verdict = Verdict::refuted;
    v.because = fits + ", on sourced figures";
  } else {
    v.verdict = Verdict::holds_only_if;
    v.condition = format_number("racks take at least %.1f kW at maximum power", need_max) +
                  (need_typical > 0 ? format_number(" (%.1f kW at typical power)", need_typical) : std::string());
    v.because = "only the power budget rules it out, and the figures that set it are assumed: " + fits +
                "; figures assumed: " + figure_names(v.assumptions);
  }
  return v;
}

}  // namespace

double resolution_error(const PhaseMetrics& m, double sample_interval) {
  const double bucket = m.coarse && m.completion > 0 ? sample_interval / m.completion : 0;
  return kKnobResolution + bucket;
}

std::string requirement_key(const std::string& claim, const std::string& what) { return claim + "|" + what; }

std::vector<RequirementRun> requirement_runs(const Design& d, double tolerance) {
  std::vector<RequirementRun> out;
  for (const bool write : {true, false}) {
    const auto& claim = write ? d.claims.write : d.claims.read;
    if (!claim) continue;
    const std::string what = write ? "write" : "read";
    const double need = throughput_needed(*claim, tolerance);
    for (const auto& r : figure_requirements(d, write, need))
      if (r.enough_alone) out.push_back({requirement_key(what, short_field(r.figure.field)), write, r.at});
    for (const auto& c : count_requirements(d, write, need))
      if (c.needed > 0 && c.needed != c.designed) out.push_back({requirement_key(what, c.count), write, c.at});
  }
  return out;
}

std::vector<ClaimVerdict> check_claims(const Scenario& sc, const RunFigures& fig, const ClaimCheckOptions& o) {
  const auto& d = sc.design();
  const auto& c = d.claims;
  std::vector<ClaimVerdict> out;
  if (c.write || c.read || o.unclaimed_figures) {
    const auto ceiling = sourced_only_ceiling(d);
    const double dt = sc.output.sample_interval.seconds();
    for (const bool write : {true, false}) {
      const auto& claim = write ? c.write : c.read;
      const char* what = write ? "write" : "read";
      const auto* phase = first_phase(fig, write ? PhaseKind::checkpoint_write : PhaseKind::prestage_read);
      const Bandwidth bound = write ? fig.bound.write : fig.bound.read, sourced = write ? ceiling.bound.write : ceiling.bound.read;
      if (claim) {
        out.push_back(throughput(what, *claim, phase, bound, d, o.tolerance, dt));
        with_sourced_ceiling(out.back(), sourced, ceiling, throughput_needed(*claim, o.tolerance));
        with_requirements(out.back(), d, write, throughput_needed(*claim, o.tolerance), o);
      } else if (o.unclaimed_figures) {
        out.push_back(unclaimed(what, phase, bound, sourced, d, dt));
      }
      if (write && (claim || o.unclaimed_figures)) with_regimes(out.back(), fig, o);
    }
  }
  if (c.usable) out.push_back(usable(*c.usable, d, o.tolerance));
  if (c.racks) out.push_back(racks(*c.racks, d, o.tolerance));
  return out;
}

std::string claim_report(const Scenario& sc, const std::vector<ClaimVerdict>& verdicts) {
  std::ostringstream o;
  o << "podsim check " << sc.design().name << " (" << sc.design().file.string() << "), workload " << sc.name << "\n";
  for (const auto& c : sc.concurrency) o << "  concurrency  " << c << "\n";
  if (verdicts.empty()) o << "  the design carries no claims (add a `claims:` map next to `design:`)\n";
  for (const auto& v : verdicts) {
    o << "\n  claim " << v.claim << ": " << v.claimed << "\n"
      << "    simulated   " << v.simulated << "\n"
      << "    bound       " << v.bound << "\n"
      << (v.sourced_ceiling.empty() ? std::string() : "    sourced     " + v.sourced_ceiling + ": the bound with the assumed figures set aside\n")
      << (v.resolution > 0 ? format_number("    resolution  +/-%.1f %% (", 100 * v.resolution) + v.resolution_basis + ")\n" : std::string())
      << (std::isnan(v.chance) ? std::string()
                               : format_number("    chance      %.0f %% (", 100 * v.chance) + v.chance_basis + ")\n")
      << (v.regime.empty() ? std::string() : "    checked at  " + v.regime + "\n")
      << (v.sustained.empty() ? std::string() : "    sustained   " + v.sustained + "\n")
      << "    limited by  " << (v.limited_by.empty() ? "-" : v.limited_by) << "\n"
      << "    verdict     " << to_string(v.verdict);
    if (v.verdict == Verdict::circular)
      o << ": rests on the " << short_names(v.assumptions, true) << ", derived from the claim itself";
    else if (v.verdict == Verdict::holds_only_if && !v.condition.empty())
      o << " " << v.condition;
    else if (v.verdict == Verdict::holds_only_if)
      o << " the assumed " << short_names(v.assumptions) << (v.assumptions.size() > 1 ? " hold" : " holds");
    o << "\n    because     " << v.because << "\n";
    for (size_t i = 0; i < v.references.size(); ++i) {
      const auto& r = v.references[i];
      o << (i == 0 ? "    reference   " : "                ") << tbps_d(r.bytes_per_second) << "  " << r.label
        << (std::isnan(v.claimed_low)             ? ""
            : r.bytes_per_second < v.claimed_low    ? "  (below the claim)"
            : r.bytes_per_second > v.claimed_high ? "  (above the claim)"
                                                  : "  (within the claim)")
        << "\n";
    }
    for (size_t i = 0; i < v.requirements.size(); ++i)
      o << (i == 0 ? "    needs       " : "                ") << v.requirements[i]
        << (i == 0 && v.unit == "B/s" ? "   (each alone, the rest as designed; from the bound)" : "") << "\n";
  }
  return o.str();
}

}  // namespace podsim
