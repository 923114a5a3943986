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

/** The text of `key` every point of the group reports, or "mixed: A 2/4, B 2/4" (most frequent first). */
std::string bottleneck_of(const Group& g, const std::string& key) {
  std::map<std::string, int> count;
  int total = 0;
  for (const auto* r : g.rows)
    for (const auto& s : r->summary)
      if (s.key == key && s.is_text()) count[s.text] += 1, ++total;
  if (count.empty()) return "-";
  if (count.size() == 1) return count.begin()->first;
  std::vector<std::pair<std::string, int>> byc(count.begin(), count.end());
  std::stable_sort(byc.begin(), byc.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out = "mixed:";
  for (size_t i = 0; i < byc.size(); ++i)
    out += (i ? ", " : " ") + byc[i].first + " " + std::to_string(byc[i].second) + "/" + std::to_string(total);
  return out;
}

/** A point's text for `key`, or "-". */
std::string text_of(const SweepRow& r, const std::string& key) {
  for (const auto& s : r.summary)
    if (s.key == key && s.is_text()) return s.text;
  return "-";
}

double group_x(const Group& g, size_t axis) {
  double sum = 0;
  for (const auto* r : g.rows) sum += leading_number(r->values[axis]);
  return g.rows.empty() ? std::nan("") : sum / double(g.rows.size());
}

/** Changes along one sequence of bottlenecks (group index, bottleneck), in group order. */
void changes_along(const std::vector<std::pair<size_t, std::string>>& b, const std::string& phase,
                   std::vector<BottleneckChange>& out) {
  for (size_t i = 1; i < b.size(); ++i) {
    if (b[i].second == b[i - 1].second) continue;
    // A one-group excursion (A, B, A) is two resources saturated together, not a knee.
    const bool co = i + 1 < b.size() && b[i + 1].second == b[i - 1].second;
    out.push_back({phase, b[i - 1].second, b[i].second, b[i].first, co, {}, 1});
    if (co) ++i;  // skip the move back
  }
}

/**
 * The knees of an axis: along each slice of the other varied axes (the points that share their
 * values), where the resource that limits each phase changes; the same change in several slices is
 * one knee naming them. Binned axes (samples, not a grid) have no slices: their groups' own bottlenecks.
 */
std::vector<BottleneckChange> changes_of(const SweepTable& t, size_t axis, const std::vector<Group>& groups,
                                         const AxisView& v, bool binned) {
  std::vector<BottleneckChange> out;
  if (binned) {
    for (size_t p = 0; p < v.phases.size(); ++p) {
      std::vector<std::pair<size_t, std::string>> b;
      for (size_t g = 0; g < v.bottleneck[p].size(); ++g) b.emplace_back(g, v.bottleneck[p][g]);
      changes_along(b, v.phases[p], out);
    }
    return out;
  }
  std::vector<size_t> others;  // the other axes that vary among the finished points
  for (size_t a = 0; a < t.axes.size(); ++a) {
    if (a == axis) continue;
    std::map<std::string, int> seen;
    for (const auto& r : t.rows)
      if (r.done) seen[r.values[a]] += 1;
    if (seen.size() > 1) others.push_back(a);
  }
  std::map<std::string, std::vector<std::pair<size_t, const SweepRow*>>> slices;  // slice label -> (group, row)
  for (size_t g = 0; g < groups.size(); ++g)
    for (const auto* r : groups[g].rows) {
      std::string label;
      for (size_t a : others) label += (label.empty() ? "" : " ") + t.axes[a] + "=" + r->values[a];
      slices[label].emplace_back(g, r);
    }
  for (size_t p = 0; p < v.phases.size(); ++p) {
    std::vector<BottleneckChange> merged;
    for (const auto& [label, pts] : slices) {
      std::vector<std::pair<size_t, std::string>> b;
      for (const auto& [g, r] : pts) b.emplace_back(g, text_of(*r, v.phases[p] + ".bottleneck"));
      std::vector<BottleneckChange> here;
      changes_along(b, v.phases[p], here);
      for (auto& c : here) {
        auto same = std::find_if(merged.begin(), merged.end(), [&](const BottleneckChange& m) {
          return m.from == c.from && m.to == c.to && m.group == c.group && m.co_bottleneck == c.co_bottleneck;
        });
        if (same == merged.end()) {
          c.of_slices = slices.size();
          merged.push_back(c);
          same = merged.end() - 1;
        }
        if (!label.empty()) same->slices.push_back(label);
      }
    }
    std::stable_sort(merged.begin(), merged.end(), [](const auto& a, const auto& b) { return a.group < b.group; });
    out.insert(out.end(), merged.begin(), merged.end());
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
    std::map<std::string, int> distinct;
    for (const auto& r : t.rows)
      if (r.done) distinct[r.values[a]] += 1;
    const bool binned = distinct.size() != groups.size();
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
        v.bottleneck[p].push_back(bottleneck_of(g, phases[p] + ".bottleneck"));
      }
    }
    v.changes = changes_of(t, a, groups, v, binned);
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
    std::vector<int> width;  // each phase's bottleneck column fits its longest text ("mixed: ..." included)
    for (size_t p = 0; p < phases.size(); ++p) {
      size_t w = phases[p].size() + 11;
      for (const auto& b : v.bottleneck[p]) w = std::max(w, b.size());
      width.push_back(static_cast<int>(std::min<size_t>(w, 150)));
      char cell[200];
      std::snprintf(cell, sizeof cell, "  %18s  %-*s", (phases[p] + " TB/s").c_str(), width[p], (phases[p] + " bottleneck").c_str());
      o << cell;
    }
    o << "\n";
    Effect e{v.axis, 1e300, -1e300, "", ""};
    for (size_t g = 0; g < v.labels.size(); ++g) {
      std::snprintf(head, sizeof head, "  %-22s", v.labels[g].c_str());
      o << head;
      for (size_t p = 0; p < phases.size(); ++p) {
        const double val = v.sustained[p][g];
        char cell[200];
        std::snprintf(cell, sizeof cell, "  %18s  %-*s", format_number("%.3f", val).c_str(), width[p], v.bottleneck[p][g].c_str());
        o << cell;
        if (p == 0 && val == val) {
          if (val < e.low) e.low = val, e.at_low = v.labels[g];
          if (val > e.high) e.high = val, e.at_high = v.labels[g];
        }
      }
      o << "\n";
    }
    for (const auto& c : v.changes) {
      std::string where;
      if (!c.slices.empty()) {
        where = " (in " + std::to_string(c.slices.size()) + " of " + std::to_string(c.of_slices) + " slices: ";
        for (size_t i = 0; i < c.slices.size(); ++i) where += (i ? "; " : "") + c.slices[i];
        where += ")";
      }
      if (c.co_bottleneck)
        o << "  co-bottleneck (" << c.phase << "): " << c.to << " as saturated as " << c.from << " at "
          << v.labels[c.group] << where << "\n";
      else
        o << "  knee (" << c.phase << "): the bottleneck moves from " << c.from << " to " << c.to << " between "
          << v.labels[c.group - 1] << " and " << v.labels[c.group] << where << "\n";
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
