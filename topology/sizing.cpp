#include "topology/sizing.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "topology/catalog.hpp"
#include "topology/design_facts.hpp"
#include "topology/input_error.hpp"
#include "topology/max_flow_bound.hpp"
#include "topology/text_file.hpp"
#include "topology/platform_spec.hpp"

namespace podsim {
namespace {

const char* const kCountFields[] = {"dnodes.count", "cnodes.count", "dnodes.buffer_ssds", "servers.count", "servers.drives"};

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, sep)) {
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    out.push_back(item);
  }
  return out;
}

[[noreturn]] void bad(const std::string& option, const std::string& item, const std::string& why) {
  throw InputError("command line", 0, option, "'" + item + "': " + why);
}

int count_of(const std::string& text, const std::string& option, const std::string& item) {
  try {
    size_t used = 0;
    const long v = std::stol(text, &used);
    if (used == text.size() && v >= 1 && v <= 10'000'000) return static_cast<int>(v);
  } catch (const std::exception&) {
  }
  bad(option, item, "'" + text + "' is not a count between 1 and 10000000");
}

/** The node at a dotted field under `design` (created when absent); a sourced `{value: ...}` gives its value. */
YAML::Node field_node(YAML::Node design, const std::string& field) {
  const auto parts = split(field, '.');
  YAML::Node n = design;
  for (const auto& p : parts) n.reset(n[p]);
  if (n.IsMap() && n["value"]) n.reset(n["value"]);
  return n;
}

/** The design's own value of a count knob's field (servers.count is the server count, held as D-nodes). */
int count_in(const Design& d, const std::string& field) {
  if (field == "cnodes.count") return d.cnode_count;
  if (field == "dnodes.buffer_ssds") return d.dnode.buffer_ssd_count;
  if (field == "servers.drives") return d.server.drive_count;
  return d.dnode_count;
}

}  // namespace

SizingTargets parse_sizing_targets(const std::string& text) {
  SizingTargets t;
  std::set<std::string> named;
  for (const auto& item : split(text, ',')) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) bad("--target", item, "give NAME=VALUE (write=5TB/s, read=11TB/s, usable=215PB)");
    // `write` is the burst: `write_burst` names it so that it cannot be read as the buffer-full rate.
    const auto given = item.substr(0, eq), value = item.substr(eq + 1);
    const auto name = given == "write_burst" ? std::string("write") : given;
    if (!named.insert(name).second)
      bad("--target", item, "'" + given + "' is given twice (write and write_burst are one target): which one is it?");
    try {
      if (name == "write")
        t.write = parse_bandwidth(value);
      else if (name == "read")
        t.read = parse_bandwidth(value);
      else if (name == "write_sustained")
        t.write_sustained = parse_bandwidth(value);
      else if (name == "usable")
        t.usable = parse_bytes(value);
      else
        bad("--target", item, "unknown target '" + given + "' (write_burst or write, read, write_sustained or usable)");
    } catch (const UnitError& e) {
      bad("--target", item, e.what());
    }
    const double v = name == "usable"            ? t.usable->bytes()
                     : name == "write_sustained" ? t.write_sustained->bytes_per_second()
                                                 : (name == "write" ? *t.write : *t.read).bytes_per_second();
    if (!(v > 0)) bad("--target", item, "a target must be more than zero");
  }
  if (!t.write && !t.read && !t.write_sustained && !t.usable) bad("--target", text, "give at least one target");
  return t;
}

std::vector<SizingKnob> parse_sizing_knobs(const std::string& text, const std::filesystem::path& design_file) {
  const Design d = load_design(design_file);
  std::vector<SizingKnob> out;
  for (const auto& item : split(text, ',')) {
    const auto eq = item.find('=');
    SizingKnob k;
    k.field = item.substr(0, eq);
    const std::string range = eq == std::string::npos ? "" : item.substr(eq + 1);
    if (std::any_of(out.begin(), out.end(), [&](const SizingKnob& o) { return o.field == k.field; }))
      bad("--vary", item, "named twice");
    if (k.field == "dnodes.model") {
      if (d.internal_drives) bad("--vary", item, "a design of servers with internal drives has no D-node model");
      k.model = true;
      if (range.empty()) {
        const auto doc = YamlNode::load_file(design_file);
        k.models = Catalog::load_listed(doc.required("design").required("catalog"), design_file.parent_path()).dnode_names();
      } else {
        k.models = split(range, '|');
      }
      out.push_back(k);
      continue;
    }
    if (std::find(std::begin(kCountFields), std::end(kCountFields), k.field) == std::end(kCountFields))
      bad("--vary", item, "podsim size varies dnodes.count, cnodes.count, dnodes.buffer_ssds, servers.count, servers.drives or dnodes.model");
    if (d.internal_drives != (k.field.rfind("servers.", 0) == 0))
      bad("--vary", item, d.internal_drives ? "this design has servers with internal drives: vary servers.count or servers.drives"
                                            : "this design has C-nodes and D-nodes, not servers");
    const int designed = count_in(d, k.field);
    if (range.empty()) {
      k.low = 1;
      k.high = std::max(1, designed * 8);
    } else {
      const auto dots = range.find("..");
      if (dots == std::string::npos) bad("--vary", item, "give a range LOW..HIGH, e.g. dnodes.count=100..400");
      k.low = count_of(range.substr(0, dots), "--vary", item);
      k.high = count_of(range.substr(dots + 2), "--vary", item);
      if (k.low > k.high) bad("--vary", item, "LOW is above HIGH");
    }
    out.push_back(k);
  }
  if (out.empty()) bad("--vary", text, "name at least one field to vary");
  return out;
}

SizingCost parse_sizing_cost(const std::string& text) {
  if (text == "racks") return SizingCost::racks;
  if (text == "kw") return SizingCost::kw;
  if (text == "count") return SizingCost::count;
  bad("--cost", text, "give racks, kw or count");
}

const char* to_string(SizingCost c) {
  switch (c) {
    case SizingCost::racks: return "racks";
    case SizingCost::kw: return "kw";
    case SizingCost::count: return "count";
  }
  return "?";
}

bool SizingPoint::meets(const SizingTargets& t) const {
  if (!loads) return false;
  if (t.write && write_bound.bytes_per_second() < t.write->bytes_per_second()) return false;
  if (t.read && read_bound.bytes_per_second() < t.read->bytes_per_second()) return false;
  if (t.write_sustained && sustained_bound.bytes_per_second() < t.write_sustained->bytes_per_second()) return false;
  return !(t.usable && usable.bytes() < t.usable->bytes());
}

std::vector<double> SizingPoint::cost_key(SizingCost c) const {
  switch (c) {
    case SizingCost::racks: return {double(racks), kw, double(nodes)};
    case SizingCost::kw: return {kw, double(racks), double(nodes)};
    case SizingCost::count: return {double(nodes), double(racks), kw};
  }
  return {};
}

DesignVariants::DesignVariants(const std::filesystem::path& design_file) : file_(design_file) {
  try {
    doc_ = YAML::Load(read_input_file(design_file));
  } catch (const YAML::Exception& e) {
    throw InputError(design_file.string(), e.mark.line + 1, "", "YAML syntax error: " + e.msg);
  }
  YAML::Node design = doc_["design"];
  if (!design || !design.IsMap()) throw InputError(design_file.string(), 0, "design", "not a design file");
  YAML::Node cat = design["catalog"];
  const auto dir = std::filesystem::absolute(design_file).parent_path();
  if (cat && cat.IsSequence())
    for (size_t i = 0; i < cat.size(); ++i)
      if (cat[i].IsScalar()) cat[i] = (dir / cat[i].as<std::string>()).lexically_normal().string();
}

YAML::Node DesignVariants::with(const std::vector<SizingKnob>& knobs, const std::vector<std::string>& values) const {
  YAML::Node doc = YAML::Clone(doc_);
  for (size_t i = 0; i < knobs.size() && i < values.size(); ++i) {
    YAML::Node n = field_node(doc["design"], knobs[i].field);
    n = knobs[i].model ? YAML::Node(values[i]) : YAML::Node(std::stoi(values[i]));
  }
  return doc;
}

Design DesignVariants::design(const std::vector<SizingKnob>& knobs, const std::vector<std::string>& values) const {
  const YAML::Node doc = with(knobs, values);
  const YamlNode m(doc["design"], std::make_shared<const std::string>(file_.string()), "design");
  Design d = load_design(m, file_.parent_path());
  d.file = file_;
  return d;
}

std::string DesignVariants::yaml(const std::vector<SizingKnob>& knobs, const std::vector<std::string>& values,
                                 const std::filesystem::path& out_dir) const {
  YAML::Node doc = with(knobs, values);
  YAML::Node cat = doc["design"]["catalog"];
  const auto base = out_dir.empty() ? out_dir : std::filesystem::absolute(out_dir);
  if (!out_dir.empty() && cat && cat.IsSequence())
    for (size_t i = 0; i < cat.size(); ++i)
      if (cat[i].IsScalar()) cat[i] = std::filesystem::path(cat[i].as<std::string>()).lexically_relative(base).string();
  YAML::Emitter out;
  out << doc;
  return std::string(out.c_str()) + "\n";
}

std::vector<std::string> DesignVariants::designed(const std::vector<SizingKnob>& knobs) const {
  const Design d = load_design(file_);
  std::vector<std::string> out;
  for (const auto& k : knobs) out.push_back(k.model ? d.dnode.name : std::to_string(count_in(d, k.field)));
  return out;
}

SizingPoint evaluate_variant(const DesignVariants& v, const std::vector<SizingKnob>& knobs,
                             const std::vector<std::string>& values) {
  SizingPoint p;
  p.values = values;
  Design d;
  try {
    d = v.design(knobs, values);
  } catch (const InputError& e) {
    p.why = e.what();
    return p;
  }
  p.loads = true;
  const auto b = max_flow_bound(make_platform_spec(d));
  p.write_bound = b.write;
  p.read_bound = b.read;
  p.sustained_bound = b.sustained;
  p.usable = capacity_facts(d).usable;
  p.racks = storage_rack_count(rack_layout(d));
  p.kw = power_facts(d).storage_max.kilowatts();
  p.nodes = d.internal_drives ? d.cnode_count : d.cnode_count + d.dnode_count;  // a server is one box
  return p;
}

namespace {

/** The least n in (a, b] with pred(n), given !pred(a) and pred(b), pred monotone: bisection. */
template <class Pred>
int least_true(int a, int b, Pred pred) {
  while (b - a > 1) {
    const int m = a + (b - a) / 2;
    (pred(m) ? b : a) = m;
  }
  return b;
}

/** The search over one choice of models: the least last count for grid points of the others. */
class CountSearch {
 public:
  CountSearch(const DesignVariants& v, const std::vector<SizingKnob>& knobs, const SizingTargets& t, SizingCost c,
              int grid, const std::function<void(size_t)>& progress)
      : v_(v), knobs_(knobs), t_(t), cost_(c), grid_(std::max(3, grid)), progress_(progress) {
    for (size_t i = 0; i < knobs.size(); ++i)
      if (!knobs[i].model) counts_.push_back(i);
  }

  [[nodiscard]] const SizingPoint& eval(const std::vector<std::string>& values) {
    auto it = cache_.find(values);
    if (it == cache_.end()) {
      it = cache_.emplace(values, evaluate_variant(v_, knobs_, values)).first;
      if (progress_) progress_(cache_.size());
    }
    return it->second;
  }

  /** Cheapest feasible point with counts_[0..i) fixed in `values`; every point found joins `found`. */
  std::optional<SizingPoint> best(std::vector<std::string> values, size_t i) {
    if (counts_.empty()) {
      const auto& p = eval(values);
      if (!p.meets(t_)) return std::nullopt;
      found.push_back(p);
      return p;
    }
    const size_t k = counts_[i];
    if (i + 1 == counts_.size()) {
      const auto n = least(values, k);
      if (!n) return std::nullopt;
      values[k] = std::to_string(*n);
      found.push_back(eval(values));
      return found.back();
    }
    // The least this count can be, every later count at its most: below it nothing meets the targets.
    auto top = values;
    for (size_t j = i + 1; j < counts_.size(); ++j) top[counts_[j]] = std::to_string(knobs_[counts_[j]].high);
    // (None found: the later counts at their most may not load; search the whole range then.)
    const int floor = least(top, k).value_or(knobs_[k].low);
    int lo = floor, hi = knobs_[k].high;
    std::optional<SizingPoint> winner;
    int at = lo;
    for (;;) {
      const int step = std::max(1, (hi - lo + grid_ - 2) / (grid_ - 1));
      for (int x = lo;; x = std::min(hi, x + step)) {
        values[k] = std::to_string(x);
        if (auto p = best(values, i + 1); p && (!winner || p->cost_key(cost_) < winner->cost_key(cost_))) {
          winner = p;
          at = x;
        }
        if (x == hi) break;
      }
      if (step == 1) break;
      lo = std::max(floor, at - step);
      hi = std::min(knobs_[k].high, at + step);
    }
    return winner;
  }

  std::vector<SizingPoint> found;
  [[nodiscard]] size_t evaluated() const { return cache_.size(); }

 private:
  /** The least value of count knob k (the rest as in `values`) that meets the targets. */
  std::optional<int> least(std::vector<std::string> values, size_t k) {
    auto ok = [&](int n) {
      values[k] = std::to_string(n);
      return eval(values).meets(t_);
    };
    int lo = knobs_[k].low, hi = knobs_[k].high;
    // The ends of a wide range may not be designs at all (more enclosures than the fabric has
    // ports, fewer than the protection needs): narrow it to the counts that load first, or the
    // search reads "does not load" as "does not meet" (issue 42, G).
    auto loads = [&](int n) {
      values[k] = std::to_string(n);
      return eval(values).loads;
    };
    if (!loads(hi) || !loads(lo)) {
      std::optional<int> some;
      for (int g = 0; g <= 64 && !some; ++g) {
        const int x = lo + static_cast<int>(static_cast<long long>(hi - lo) * g / 64);
        if (loads(x)) some = x;
      }
      if (!some) return std::nullopt;
      if (!loads(hi)) hi = least_true(*some, hi, [&](int n) { return !loads(n); }) - 1;  // the largest that loads
      if (!loads(lo)) lo = least_true(lo, *some, loads);                                 // the smallest that loads
    }
    if (!ok(hi)) return std::nullopt;
    if (ok(lo)) return lo;
    return least_true(lo, hi, ok);  // lo fails, hi meets
  }

  const DesignVariants& v_;
  const std::vector<SizingKnob>& knobs_;
  const SizingTargets& t_;
  SizingCost cost_;
  int grid_;
  std::function<void(size_t)> progress_;
  std::vector<size_t> counts_;
  std::map<std::vector<std::string>, SizingPoint> cache_;
};

}  // namespace

std::vector<SizingPoint> bound_candidates(const DesignVariants& v, const std::vector<SizingKnob>& knobs,
                                          const SizingTargets& targets, SizingCost cost, int grid,
                                          const std::function<void(size_t)>& progress) {
  // Every combination of the model knobs (usually one), each searched over the counts.
  std::vector<std::vector<std::string>> choices{std::vector<std::string>(knobs.size())};
  for (size_t i = 0; i < knobs.size(); ++i) {
    if (!knobs[i].model) continue;
    std::vector<std::vector<std::string>> next;
    for (const auto& c : choices)
      for (const auto& m : knobs[i].models) {
        next.push_back(c);
        next.back()[i] = m;
      }
    choices = std::move(next);
  }
  std::vector<SizingPoint> out;
  size_t evaluated = 0;
  for (const auto& c : choices) {
    CountSearch s(v, knobs, targets, cost, grid, [&](size_t n) {
      if (progress) progress(evaluated + n);
    });
    (void)s.best(c, 0);
    evaluated += s.evaluated();
    for (const auto& p : s.found)
      if (std::none_of(out.begin(), out.end(), [&](const SizingPoint& o) { return o.values == p.values; })) out.push_back(p);
  }
  std::stable_sort(out.begin(), out.end(),
                   [&](const SizingPoint& a, const SizingPoint& b) { return a.cost_key(cost) < b.cost_key(cost); });
  return out;
}

RefinedSize refine_by_simulation(const CandidatesAt& candidates, const SimulateBatch& simulate, SizingCost cost,
                                 int per_round, int rounds) {
  RefinedSize r;
  auto tried = [&](const SizingPoint& p) {
    return std::any_of(r.probes.begin(), r.probes.end(), [&](const SimulatedVariant& q) { return q.point.values == p.values; });
  };
  auto cheaper = [&](const SizingPoint& a, const SizingPoint& b) { return a.cost_key(cost) < b.cost_key(cost); };
  const auto first = candidates(1);
  if (first.empty()) return r;
  double fail = 1, pass = 0;  // the lowest lambda whose answer failed, the highest whose answer passed
  for (; r.rounds < rounds;) {
    std::vector<double> lambdas;
    if (r.probes.empty()) {
      lambdas.push_back(1);
    } else if (!r.best) {  // walk down from the failures' own loss, a step further per extra variant
      double l = fail;
      for (const auto& q : r.probes) l = std::min(l, q.loss);
      for (int j = 0; j < per_round; ++j) lambdas.push_back(l * (0.999 - 0.01 * j));
    } else {
      for (int j = 1; j <= per_round; ++j) lambdas.push_back(pass * std::pow(fail / pass, double(j) / (per_round + 1)));
    }
    std::vector<SizingPoint> batch;
    std::vector<double> at;
    const bool walking = !r.probes.empty() && !r.best;
    for (double l : lambdas) {
      auto c = l == 1 ? first : candidates(l);
      auto known = [&] {
        return tried(c.front()) ||
               std::any_of(batch.begin(), batch.end(), [&](const SizingPoint& b) { return b.values == c.front().values; });
      };
      // Walking down, a loss too small to change the answer steps on by 1 % until it does.
      while (walking && !c.empty() && known() && l > 1e-3) c = candidates(l *= 0.99);
      if (c.empty() || known()) continue;
      if (r.best && !cheaper(c.front(), r.probes[*r.best].point)) continue;  // no cheaper than a pass
      batch.push_back(c.front());
      at.push_back(l);
    }
    if (batch.empty()) break;
    ++r.rounds;
    const auto results = simulate(batch);
    for (size_t i = 0; i < results.size() && i < at.size(); ++i) {
      r.probes.push_back(results[i]);
      if (results[i].meets) {
        pass = std::max(pass, at[i]);
        if (!r.best || cheaper(results[i].point, r.probes[*r.best].point)) r.best = r.probes.size() - 1;
      } else {
        fail = std::min(fail, at[i]);
      }
    }
    if (r.best && r.probes[*r.best].point.values == first.front().values) break;  // the bound's answer passed
    if (r.best && !(pass < fail)) break;
  }
  return r;
}

}  // namespace podsim
