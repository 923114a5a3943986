#include "analysis/sweep_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

#include "topology/format.hpp"

namespace podsim {
namespace {

/** The leading number of a value ("64 MiB" -> 64), for ordering; NaN when there is none. */
double leading_number(const std::string& s) {
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  return end == s.c_str() ? std::nan("") : v;
}

struct Group {
  std::string label;
  std::vector<const SweepRow*> rows;
};

std::vector<Group> groups_of(const SweepTable& t, size_t axis) {
  std::vector<const SweepRow*> rows;
  for (const auto& r : t.rows)
    if (r.done) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [&](const SweepRow* a, const SweepRow* b) {
    double x = leading_number(a->values[axis]), y = leading_number(b->values[axis]);
    if (x == x && y == y && x != y) return x < y;
    return a->values[axis] < b->values[axis];
  });
  std::vector<Group> out;
  std::map<std::string, int> distinct;
  for (const auto* r : rows) distinct[r->values[axis]] += 1;
  if (distinct.size() <= 10) {
    for (const auto* r : rows) {
      if (out.empty() || out.back().label != r->values[axis]) out.push_back({r->values[axis], {}});
      out.back().rows.push_back(r);
    }
    return out;
  }
  const size_t bins = 5;
  for (size_t b = 0; b < bins; ++b) {
    const size_t lo = rows.size() * b / bins, hi = rows.size() * (b + 1) / bins;
    if (lo == hi) continue;
    Group g{rows[lo]->values[axis] + " .. " + rows[hi - 1]->values[axis], {}};
    g.rows.assign(rows.begin() + static_cast<long>(lo), rows.begin() + static_cast<long>(hi));
    out.push_back(std::move(g));
  }
  return out;
}

double mean_of(const Group& g, const std::string& key) {
  double sum = 0;
  int n = 0;
  for (const auto* r : g.rows)
    for (const auto& s : r->summary)
      if (s.key == key && !s.is_text()) {
        sum += s.value;
        ++n;
      }
  return n ? sum / n : std::nan("");
}

/** The most frequent text of `key` in the group (the bottleneck most points of it report). */
std::string mode_of(const Group& g, const std::string& key) {
  std::map<std::string, int> count;
  for (const auto* r : g.rows)
    for (const auto& s : r->summary)
      if (s.key == key && s.is_text()) count[s.text] += 1;
  std::string best;
  int n = 0;
  for (const auto& [text, c] : count)
    if (c > n) {
      best = text;
      n = c;
    }
  return best.empty() ? "-" : best;
}

double group_x(const Group& g, size_t axis) {
  double sum = 0;
  for (const auto* r : g.rows) sum += leading_number(r->values[axis]);
  return g.rows.empty() ? std::nan("") : sum / double(g.rows.size());
}

/** The knee: where the resource that limits each phase changes along the axis. */
std::vector<BottleneckChange> changes_of(const AxisView& v) {
  std::vector<BottleneckChange> out;
  for (size_t p = 0; p < v.phases.size(); ++p) {
    const auto& b = v.bottleneck[p];
    for (size_t g = 1; g < b.size(); ++g) {
      if (b[g] == b[g - 1]) continue;
      // A one-group excursion (A, B, A) is two resources saturated together, not a knee.
      const bool co = g + 1 < b.size() && b[g + 1] == b[g - 1];
      out.push_back({v.phases[p], b[g - 1], b[g], g, co});
      if (co) ++g;  // skip the move back
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> sweep_phases(const SweepTable& t) {
  std::vector<std::string> phases;
  const std::string suffix = ".sustained";
  for (const auto& [key, unit] : t.figure_keys())
    if (key.size() > suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0)
      phases.push_back(key.substr(0, key.size() - suffix.size()));
  return phases;
}

std::vector<AxisView> axis_views(const SweepTable& t) {
  std::vector<AxisView> out;
  const auto phases = sweep_phases(t);
  for (size_t a = 0; a < t.axes.size(); ++a) {
    auto groups = groups_of(t, a);
    AxisView v;
    v.axis = t.axes[a];
    v.phases = phases;
    v.sustained.resize(phases.size());
    v.bottleneck.resize(phases.size());
    for (const auto& g : groups) {
      v.labels.push_back(g.label);
      v.x.push_back(group_x(g, a));
      for (size_t p = 0; p < phases.size(); ++p) {
        v.sustained[p].push_back(mean_of(g, phases[p] + ".sustained"));
        v.bottleneck[p].push_back(mode_of(g, phases[p] + ".bottleneck"));
      }
    }
    v.changes = changes_of(v);
    out.push_back(std::move(v));
  }
  return out;
}

std::string sweep_summary(const SweepTable& t) {
  std::ostringstream o;
  size_t done = 0;
  for (const auto& r : t.rows) done += r.done ? 1 : 0;
  o << "sweep " << t.name << " (" << t.mode << "): " << t.rows.size() << " points, " << done << " done";
  if (done < t.rows.size()) o << ", " << t.rows.size() - done << " failed";
  o << "\n";
  // Headline figures: each phase's sustained rate, with the phase's bottleneck beside it.
  const auto phases = sweep_phases(t);
  if (phases.empty() || done == 0) {
    o << "  no finished point reports a sustained rate\n";
    return o.str();
  }
  struct Effect {
    std::string axis;
    double low, high;
    std::string at_low, at_high;
  };
  std::vector<Effect> effects;
  for (const auto& v : axis_views(t)) {
    if (v.fixed()) {
      o << "\nfixed: " << v.axis << " = " << v.labels.front() << "\n";
      continue;
    }
    o << "\naxis " << v.axis << " (" << v.labels.size() << " values)\n";
    char head[256];
    std::snprintf(head, sizeof head, "  %-22s", "value");
    o << head;
    for (const auto& p : phases) {
      char cell[200];
      std::snprintf(cell, sizeof cell, "  %18s  %-34s", (p + " TB/s").c_str(), (p + " bottleneck").c_str());
      o << cell;
    }
    o << "\n";
    Effect e{v.axis, 1e300, -1e300, "", ""};
    for (size_t g = 0; g < v.labels.size(); ++g) {
      std::snprintf(head, sizeof head, "  %-22s", v.labels[g].c_str());
      o << head;
      for (size_t p = 0; p < phases.size(); ++p) {
        const double val = v.sustained[p][g];
        char cell[160];
        std::snprintf(cell, sizeof cell, "  %18s  %-34s", format_number("%.3f", val).c_str(), v.bottleneck[p][g].c_str());
        o << cell;
        if (p == 0 && val == val) {
          if (val < e.low) e.low = val, e.at_low = v.labels[g];
          if (val > e.high) e.high = val, e.at_high = v.labels[g];
        }
      }
      o << "\n";
    }
    for (const auto& c : v.changes) {
      if (c.co_bottleneck)
        o << "  co-bottleneck (" << c.phase << "): " << c.to << " as saturated as " << c.from << " at "
          << v.labels[c.group] << "\n";
      else
        o << "  knee (" << c.phase << "): the bottleneck moves from " << c.from << " to " << c.to << " between "
          << v.labels[c.group - 1] << " and " << v.labels[c.group] << "\n";
    }
    if (e.high >= e.low) effects.push_back(e);
  }
  std::sort(effects.begin(), effects.end(),
            [](const Effect& a, const Effect& b) { return a.high - a.low > b.high - b.low; });
  o << "\naxes by their effect on " << phases.front() << " sustained TB/s (tornado order):\n";
  for (size_t i = 0; i < effects.size(); ++i) {
    const auto& e = effects[i];
    o << "  " << i + 1 << ". " << e.axis << ": " << format_number("%.3f", e.high - e.low) << " TB/s (" << format_number("%.3f", e.low)
      << " at " << e.at_low << ", " << format_number("%.3f", e.high) << " at " << e.at_high << ")\n";
  }
  return o.str();
}

}  // namespace podsim
