#include "workloads/sweep.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <random>
#include <set>

#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/text_file.hpp"
#include "topology/yaml_node.hpp"
#include "workloads/scenario.hpp"

namespace podsim {

const char* to_string(SweepMode m) {
  switch (m) {
    case SweepMode::grid: return "grid";
    case SweepMode::zip: return "zip";
    case SweepMode::random: return "random";
    case SweepMode::lhs: return "lhs";
  }
  return "?";
}

namespace {

std::string number_text(double v, const std::string& unit) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return unit.empty() ? std::string(buf) : std::string(buf) + " " + unit;
}

/** `[a, b, c]`, or `{from, to, step, unit}` (a grid of values), or `{from, to, unit}` (continuous). */
SweepAxis axis_of(const std::string& path, const YamlNode& n) {
  SweepAxis a;
  a.path = path;
  a.line = n.line();
  if (n.is_sequence()) {
    for (const auto& item : n.items()) a.values.push_back(item.as_string());
    if (a.values.empty()) n.fail("an axis needs at least one value");
    return a;
  }
  if (!n.is_map()) n.fail("an axis is a list of values or {from, to, step, unit}");
  a.from = n.required("from").as_number(-1e18, 1e18);
  a.to = n.required("to").as_number(-1e18, 1e18);
  if (auto u = n.optional("unit")) a.unit = u->as_string();
  if (a.to < a.from) n.required("to").fail("'to' must not be below 'from'");
  if (auto st = n.optional("step")) {
    double step = st->as_number(0, 1e18);
    if (step <= 0) st->fail("the step must be positive");
    // Counted in floating point: a tiny step (1e-300) must be refused, not overflow a cast.
    const double values = std::floor((a.to - a.from) / step + 1e-9) + 1;
    if (!(values <= double(kMostSweepPoints)))
      st->fail("this gives " + format_number("%.3g", values) + " values on one axis; at most " +
               std::to_string(kMostSweepPoints) + " points in a sweep");
    const auto count = static_cast<long long>(values);
    for (long long i = 0; i < count; ++i) a.values.push_back(number_text(a.from + double(i) * step, a.unit));
  } else {
    a.continuous = true;
  }
  n.finish();
  return a;
}

/** Path tokens: "phases[0].checkpoint.chunk" -> key phases, index 0, key checkpoint, key chunk. */
struct Token {
  std::string key;
  int index = -1;  ///< >= 0: a list index
};

std::vector<Token> tokens_of(const SweepAxis& ax, const std::string& sweep_file) {
  std::vector<Token> out;
  size_t i = 0;
  const std::string& p = ax.path;
  auto bad = [&](const std::string& why) {
    throw InputError(sweep_file, ax.line, "sweep.axes." + p, "not a field path (" + why + ")");
  };
  while (i < p.size()) {
    size_t j = i;
    while (j < p.size() && p[j] != '.' && p[j] != '[') ++j;
    if (j == i && p[i] != '[') bad("empty name");
    if (j > i) out.push_back({p.substr(i, j - i), -1});
    while (j < p.size() && p[j] == '[') {
      size_t close = p.find(']', j);
      if (close == std::string::npos) bad("missing ']'");
      const std::string digits = p.substr(j + 1, close - j - 1);
      if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) bad("a list index is a number");
      // One spelling per field: [00] would be another axis on the same field, labelled apart.
      if (digits.size() > 1 && digits[0] == '0') bad("a list index is written without leading zeros");
      if (digits.size() > 6) bad("a list index has at most 6 digits");
      out.push_back({"", std::stoi(digits)});
      j = close + 1;
    }
    if (j < p.size() && p[j] != '.') bad("unexpected '" + std::string(1, p[j]) + "'");
    i = j + 1;
  }
  if (out.empty()) bad("empty");
  return out;
}

/** Sets the field at `tokens` under `scenario` to the YAML value `text`; the last key may be new. */
void set_field(YAML::Node scenario, const std::vector<Token>& tokens, const std::string& text, const SweepAxis& ax,
               const std::string& sweep_file) {
  YAML::Node cur;
  cur.reset(scenario);
  std::string where = "scenario";
  for (size_t t = 0; t < tokens.size(); ++t) {
    const bool last = t + 1 == tokens.size();
    const auto& tok = tokens[t];
    auto fail = [&](const std::string& why) {
      throw InputError(sweep_file, ax.line, "sweep.axes." + ax.path, "unknown path: " + where + " " + why);
    };
    auto value = [&] {
      try {
        return YAML::Load(text);
      } catch (const YAML::Exception& e) {
        throw InputError(sweep_file, ax.line, "sweep.axes." + ax.path, "the value '" + text + "' is not YAML: " + e.msg);
      }
    };
    YAML::Node next;
    if (tok.index >= 0) {
      if (!cur.IsSequence()) fail("is not a list");
      if (tok.index >= static_cast<int>(cur.size())) fail("has " + std::to_string(cur.size()) + " items");
      next.reset(cur[tok.index]);
      where += "[" + std::to_string(tok.index) + "]";
    } else {
      if (!cur.IsMap()) fail("is not a map");
      if (!cur[tok.key] && !last) fail("has no '" + tok.key + "'");
      if (last) {
        cur[tok.key] = value();
        return;
      }
      next.reset(cur[tok.key]);
      where += "." + tok.key;
    }
    if (last) {
      next = value();
      return;
    }
    cur.reset(next);
  }
}

std::string absolute(const std::filesystem::path& dir, const std::string& rel) {
  return std::filesystem::absolute(dir / rel).lexically_normal().string();
}

/** Every `trace: {file: F}` under `node` (phases, jobs, timelines) made absolute. */
void rebase_traces(YAML::Node node, const std::filesystem::path& dir) {
  if (node.IsMap()) {
    for (auto kv : node) {
      YAML::Node value = kv.second;
      if (kv.first.IsScalar() && kv.first.Scalar() == "trace" && value.IsMap() && value["file"] && value["file"].IsScalar())
        value["file"] = absolute(dir, value["file"].as<std::string>());
      else
        rebase_traces(value, dir);
    }
  } else if (node.IsSequence()) {
    for (auto item : node) rebase_traces(item, dir);
  }
}

/** The base scenario with its design inlined and every file reference made absolute. */
YAML::Node prepared_base(const SweepSpec& spec) {
  YAML::Node root;
  try {
    root = YAML::Load(read_input_file(spec.base));
  } catch (const YAML::Exception& e) {
    throw InputError(spec.base.string(), e.mark.line + 1, "", "YAML syntax error: " + e.msg);
  }
  if (root.IsMap() && !root["scenario"] && root["design"] && root["design"].IsMap()) {
    // A design as the base, whatever its kind: the claim-check workload on it, its streams filled on
    // each point's design as check and size fill them, its claims beside it.
    YAML::Node wrapped = claim_check_workload_on(root["design"]);
    if (root["claims"]) wrapped["scenario"]["claims"] = root["claims"];
    root = wrapped;
  }
  YAML::Node sc = root["scenario"];
  if (!sc || !sc.IsMap()) throw InputError(spec.base.string(), 0, "scenario", "the base is neither a scenario nor a design file");
  const auto base_dir = spec.base.parent_path();
  auto rebase_catalog = [](YAML::Node design, const std::filesystem::path& dir) {
    YAML::Node cat = design["catalog"];
    if (cat && cat.IsSequence())
      for (size_t i = 0; i < cat.size(); ++i)  // an inline catalog (validate --emit writes one) stays as it is
        if (cat[i].IsScalar()) cat[i] = absolute(dir, cat[i].as<std::string>());
  };
  if (YAML::Node d = sc["design"]) {
    if (d.IsScalar()) {
      const std::filesystem::path file = base_dir / d.as<std::string>();
      YAML::Node design_doc;
      try {
        design_doc = YAML::Load(read_input_file(file));
      } catch (const YAML::Exception& e) {
        throw InputError(file.string(), e.mark.line + 1, "", "cannot read the base scenario's design: " + e.msg);
      }
      YAML::Node design = design_doc["design"];
      if (!design) throw InputError(file.string(), 0, "design", "not a design file");
      rebase_catalog(design, file.parent_path());
      sc["design"] = design;
    } else {
      rebase_catalog(d, base_dir);
    }
  }
  if (YAML::Node l = sc["layout"]; l && l.IsScalar()) sc["layout"] = absolute(base_dir, l.as<std::string>());
  if (YAML::Node pr = sc["profile"]; pr && pr.IsScalar()) sc["profile"] = absolute(base_dir, pr.as<std::string>());
  rebase_traces(sc, base_dir);
  return root;
}

/**
 * A fingerprint of every file the prepared base reads (catalogs, designs, layouts, traces,
 * profiles, and the files those name): a rerun redoes a finished point when any of them changed,
 * not only when the point's own text did. FNV-1a over names and contents.
 */
class InputsFingerprint {
 public:
  explicit InputsFingerprint(const YAML::Node& root) { walk(root, {}, 0); }
  [[nodiscard]] std::string hex() const {
    char b[32];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(h_));
    return b;
  }

 private:
  void mix(const std::string& s) {
    for (unsigned char c : s) h_ = (h_ ^ c) * 1099511628211ULL;
    h_ = (h_ ^ 0xff) * 1099511628211ULL;
  }
  void walk(const YAML::Node& n, const std::filesystem::path& dir, int depth) {
    if (n.IsScalar()) {
      file(n.Scalar(), dir, depth);
    } else if (n.IsMap()) {
      for (const auto& kv : n) walk(kv.second, dir, depth);
    } else if (n.IsSequence()) {
      for (const auto& item : n) walk(item, dir, depth);
    }
  }
  void file(const std::string& text, const std::filesystem::path& dir, int depth) {
    if (text.empty() || text.size() > 4096 || text.find('\n') != std::string::npos || seen_.size() > 1000) return;
    std::error_code ec;
    const auto path = std::filesystem::absolute(dir / text, ec).lexically_normal();
    if (ec || !std::filesystem::is_regular_file(path, ec) || !seen_.insert(path.string()).second) return;
    const auto content = read_text_file(path);
    mix(path.string());
    mix(content);
    const auto ext = path.extension();
    if (depth < 4 && (ext == ".yaml" || ext == ".yml")) {
      try {
        walk(YAML::Load(content), path.parent_path(), depth + 1);
      } catch (const YAML::Exception&) {
        // its content is in the fingerprint; the run reports what is wrong with it
      }
    }
  }
  unsigned long long h_ = 14695981039346656037ULL;
  std::set<std::string> seen_;
};

/** Uniform in [0, 1) from a 32-bit draw: the same sequence on every platform for a given seed. */
double unit_draw(std::mt19937& rng) { return double(rng()) / 4294967296.0; }

std::string value_at(const SweepAxis& a, double u) {
  if (a.continuous) return number_text(a.from + u * (a.to - a.from), a.unit);
  auto i = std::min(a.values.size() - 1, static_cast<size_t>(u * double(a.values.size())));
  return a.values[i];
}

}  // namespace

SweepSpec load_sweep(const std::filesystem::path& file) { return load_sweep_text(read_input_file(file), file); }

SweepSpec load_sweep_text(const std::string& text, const std::filesystem::path& file) {
  auto doc = YamlNode::load_text(text, file.string());
  auto m = doc.required("sweep");
  SweepSpec s;
  s.file = file;
  s.name = m.required("name").as_name();
  auto base = m.required("base");
  s.base = file.parent_path() / base.as_string();
  if (!std::filesystem::exists(s.base)) base.fail("base scenario not found: " + s.base.string());
  if (auto mode = m.optional("mode")) {
    const auto v = mode->as_string();
    if (v == "grid") s.mode = SweepMode::grid;
    else if (v == "zip") s.mode = SweepMode::zip;
    else if (v == "random") s.mode = SweepMode::random;
    else if (v == "lhs") s.mode = SweepMode::lhs;
    else mode->fail("expected grid, zip, random or lhs, got '" + v + "'");
  }
  const bool sampled = s.mode == SweepMode::random || s.mode == SweepMode::lhs;
  if (auto n = m.optional("samples")) {
    if (!sampled) n->fail("'samples' goes with mode random or lhs");
    s.samples = static_cast<int>(n->as_integer(1, kMostSweepPoints));
  } else if (sampled) {
    m.fail("mode " + std::string(to_string(s.mode)) + " needs 'samples'");
  }
  if (auto seed = m.optional("seed")) s.seed = static_cast<unsigned>(seed->as_integer(0, 4294967295LL));
  auto axes = m.required("axes");
  for (const auto& key : axes.keys()) {
    auto a = axis_of(key, axes.required(key));
    if (a.continuous && !sampled)
      axes.required(key).fail("a {from, to} axis without a step needs mode random or lhs");
    s.axes.push_back(std::move(a));
  }
  if (s.axes.empty()) axes.fail("a sweep needs at least one axis");
  for (size_t i = 0; i < s.axes.size(); ++i) {
    for (size_t j = 0; j < i; ++j)
      if (s.axes[i].path == s.axes[j].path)
        axes.required(s.axes[i].path).fail("the same field as the axis at line " + std::to_string(s.axes[j].line));
  }
  // Points are counted, and bounded, before a single one is made (random and lhs: `samples`, bounded above).
  double points = s.mode == SweepMode::zip ? double(s.axes.front().values.size()) : 1;
  if (s.mode == SweepMode::grid)
    for (const auto& a : s.axes) points *= double(a.values.size());
  if (points > double(kMostSweepPoints))
    axes.fail(std::string(s.mode == SweepMode::grid ? "this grid has " : "zip gives ") + format_number("%.6g", points) +
              " points; at most " + std::to_string(kMostSweepPoints) +
              (s.mode == SweepMode::grid ? " (use mode random or lhs with 'samples')" : ""));
  if (s.mode == SweepMode::zip)
    for (const auto& a : s.axes)
      if (a.values.size() != s.axes.front().values.size())
        throw InputError(file.string(), a.line, "sweep.axes." + a.path,
                         "zip needs axes of equal length: " + std::to_string(a.values.size()) + " values here, " +
                             std::to_string(s.axes.front().values.size()) + " on " + s.axes.front().path);
  axes.finish();
  m.finish();
  doc.finish();
  return s;
}

std::vector<std::vector<std::string>> sweep_combinations(const SweepSpec& spec) {
  std::vector<std::vector<std::string>> out;
  const auto& axes = spec.axes;
  switch (spec.mode) {
    case SweepMode::grid: {
      std::vector<size_t> at(axes.size(), 0);
      while (true) {
        std::vector<std::string> point;
        for (size_t a = 0; a < axes.size(); ++a) point.push_back(axes[a].values[at[a]]);
        out.push_back(std::move(point));
        size_t a = axes.size();
        while (a > 0 && ++at[a - 1] == axes[a - 1].values.size()) at[--a] = 0;
        if (a == 0) break;
      }
      break;
    }
    case SweepMode::zip:
      for (size_t i = 0; i < axes.front().values.size(); ++i) {
        std::vector<std::string> point;
        for (const auto& a : axes) point.push_back(a.values[i]);
        out.push_back(std::move(point));
      }
      break;
    case SweepMode::random: {
      std::mt19937 rng(spec.seed);
      for (int i = 0; i < spec.samples; ++i) {
        std::vector<std::string> point;
        for (const auto& a : axes) point.push_back(value_at(a, unit_draw(rng)));
        out.push_back(std::move(point));
      }
      break;
    }
    case SweepMode::lhs: {
      // Latin hypercube: each axis cut into `samples` equal strata, each stratum used exactly once.
      std::mt19937 rng(spec.seed);
      const int n = spec.samples;
      std::vector<std::vector<double>> u(axes.size(), std::vector<double>(n));
      for (size_t a = 0; a < axes.size(); ++a) {
        std::vector<int> strata(n);
        std::iota(strata.begin(), strata.end(), 0);
        for (int i = n - 1; i > 0; --i) std::swap(strata[i], strata[rng() % static_cast<unsigned>(i + 1)]);
        for (int i = 0; i < n; ++i) u[a][i] = (strata[i] + unit_draw(rng)) / n;
      }
      for (int i = 0; i < n; ++i) {
        std::vector<std::string> point;
        for (size_t a = 0; a < axes.size(); ++a) point.push_back(value_at(axes[a], u[a][i]));
        out.push_back(std::move(point));
      }
      break;
    }
  }
  return out;
}

std::vector<SweepPoint> expand_sweep(const SweepSpec& spec) {
  // The base's own errors are reported once, here, naming its file and line, not once per point.
  (void)load_scenario_or_design(spec.base);
  const YAML::Node base = prepared_base(spec);
  const std::string inputs = "# inputs fingerprint " + InputsFingerprint(base).hex() + "\n";
  const std::string base_name = base["scenario"]["name"] ? base["scenario"]["name"].as<std::string>() : spec.name;
  std::vector<std::vector<Token>> tokens;
  for (const auto& a : spec.axes) tokens.push_back(tokens_of(a, spec.file.string()));
  std::vector<SweepPoint> out;
  int index = 0;
  for (auto& values : sweep_combinations(spec)) {
    YAML::Node root = YAML::Clone(base);
    YAML::Node sc = root["scenario"];
    for (size_t a = 0; a < spec.axes.size(); ++a) set_field(sc, tokens[a], values[a], spec.axes[a], spec.file.string());
    char name[32];
    std::snprintf(name, sizeof name, "-p%04d", index);
    sc["name"] = base_name + name;
    YAML::Emitter em;
    em << root;
    out.push_back({index++, std::move(values), inputs + em.c_str() + "\n"});
  }
  // Check the paths on the first point: an unknown key there is unknown in every point.
  if (!out.empty()) {
    try {  // parsed in memory: its file references are absolute already
      (void)load_scenario_text(out.front().scenario_yaml, spec.base.parent_path() / "sweep-point-0.yaml");
    } catch (const InputError& e) {
      for (const auto& a : spec.axes)
        if (e.field() == "scenario." + a.path && std::string(e.what()).find("unknown key") != std::string::npos)
          throw InputError(spec.file.string(), a.line, "sweep.axes." + a.path,
                           "unknown path: the scenario has no such field (see docs/scenario-format.md)");
      // Anything else is a bad value of this point: the point fails on its own when it runs.
    }
  }
  return out;
}

}  // namespace podsim
