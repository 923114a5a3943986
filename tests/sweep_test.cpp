// Sweep files: value ranges, grid / zip / Latin-hypercube expansion, and points that are real
// scenario files (every point loads, with the axis values in place). No simulation here.
#include <catch2/catch.hpp>

#include <fstream>

#include "analysis/sweep_summary.hpp"
#include "topology/input_error.hpp"
#include "workloads/scenario.hpp"
#include "workloads/sweep.hpp"

using namespace podsim;

namespace {
const std::filesystem::path kData = std::filesystem::path(PODSIM_SOURCE_DIR) / "tests/data/sweeps";

Scenario load_point(const SweepPoint& p) {
  auto file = std::filesystem::temp_directory_path() / ("podsim-sweep-test-" + std::to_string(p.index) + ".yaml");
  std::ofstream(file) << p.scenario_yaml;
  auto sc = load_scenario(file);
  std::filesystem::remove(file);
  return sc;
}
}  // namespace

TEST_CASE("a grid crosses every axis, last axis fastest, a range with a step lists its values", "[sweep]") {
  auto spec = load_sweep(kData / "grid.yaml");
  REQUIRE(spec.axes.size() == 2);
  CHECK(spec.axes[1].values == std::vector<std::string>{"1", "2"});
  auto combos = sweep_combinations(spec);
  REQUIRE(combos.size() == 6);
  CHECK(combos[0] == std::vector<std::string>{"10 GB", "1"});
  CHECK(combos[1] == std::vector<std::string>{"10 GB", "2"});
  CHECK(combos[5] == std::vector<std::string>{"30 GB", "2"});
  // Each point is a scenario in which the values landed.
  auto points = expand_sweep(spec);
  auto sc = load_point(points[5]);
  CHECK(sc.phases[0].total.bytes() == Approx(30e9));
  CHECK(sc.design().client_count == 2);
  CHECK(sc.name == "one-link-p0005");
}

TEST_CASE("Latin hypercube: each of n strata of every axis is sampled exactly once", "[sweep]") {
  auto spec = load_sweep(kData / "lhs.yaml");
  auto combos = sweep_combinations(spec);
  REQUIRE(combos.size() == 10);
  std::vector<int> per_stratum(10, 0), per_value(5, 0);
  for (const auto& c : combos) {
    double gb = std::stod(c[0]);  // "13.4 GB"
    REQUIRE(gb >= 10);
    REQUIRE(gb < 20);
    per_stratum[static_cast<int>(gb - 10)] += 1;
    per_value[std::stoi(c[1]) - 1] += 1;
  }
  CHECK(per_stratum == std::vector<int>(10, 1));
  CHECK(per_value == std::vector<int>(5, 2));  // 10 strata over 5 values: each value twice
  CHECK(sweep_combinations(spec) == combos);   // the seed fixes the sample
}

TEST_CASE("an axis into a design file inlines the design, with its catalog paths made absolute", "[sweep]") {
  auto points = expand_sweep(load_sweep(kData / "design-file.yaml"));
  REQUIRE(points.size() == 2);  // zip: pairs, not a grid
  auto sc = load_point(points[1]);
  CHECK(sc.design().cnode_count == 20);
  CHECK(sc.design().dnode_count == 30);
  CHECK(sc.phases.size() == 2);  // the base's phases, untouched
}

TEST_CASE("bad sweeps name the sweep file, the axis line and what is wrong", "[sweep][bad-input]") {
  const std::string base = (kData.parent_path() / "one-link.yaml").string();
  auto write = [](const std::string& name, const std::string& text) {
    auto p = std::filesystem::temp_directory_path() / name;
    std::ofstream(p) << text;
    return p;
  };
  auto bad = write("podsim-sweep-unknown-path.yaml",
                   "sweep:\n  name: x\n  base: " + base + "\n  axes:\n    design.cnodes.cout: [1, 2]\n");
  try {
    (void)expand_sweep(load_sweep(bad));
    FAIL("no error for an unknown path");
  } catch (const InputError& e) {
    CHECK(e.line() == 5);
    CHECK(e.field() == "sweep.axes.design.cnodes.cout");
  }
  auto zip = write("podsim-sweep-zip.yaml", "sweep:\n  name: x\n  base: " + base + "\n  mode: zip\n  axes:\n"
                                   "    design.cnodes.count: [1, 2]\n    design.dnodes.count: [1, 2, 3]\n");
  CHECK_THROWS_AS(load_sweep(zip), InputError);
  std::filesystem::remove(bad);
  std::filesystem::remove(zip);
}

namespace {
/** A finished point: axis values, the phase's sustained TB/s and bottleneck. */
podsim::SweepRow point(int i, std::vector<std::string> values, double tbps, const std::string& bottleneck) {
  podsim::SweepRow r;
  r.index = i;
  r.values = std::move(values);
  r.done = true;
  r.summary = {{"w.sustained", tbps, "TB/s", {}}, {"w.bottleneck", 0, {}, bottleneck}};
  return r;
}
}  // namespace

TEST_CASE("sweep summary: mixed bottlenecks are counted and knees come from each slice", "[sweep]") {
  podsim::SweepTable t;
  t.name = "two-axes";
  t.mode = "grid";
  t.axes = {"cnodes", "dnodes"};
  // dnodes=10: the controller binds at every C-node count. dnodes=20: the CPU binds at 10 C-nodes,
  // the controller from 20 on. The mean over dnodes would name one resource at cnodes=10.
  t.rows = {point(0, {"10", "10"}, 0.24, "ctrl"), point(1, {"10", "20"}, 0.32, "cpu"),
            point(2, {"20", "10"}, 0.24, "ctrl"), point(3, {"20", "20"}, 0.48, "ctrl")};
  const auto views = podsim::axis_views(t);
  REQUIRE(views.size() == 2);
  const auto& c = views[0];
  CHECK(c.bottleneck[0][0] == "mixed: cpu 1/2, ctrl 1/2");
  CHECK(c.bottleneck[0][1] == "ctrl");
  REQUIRE(c.changes.size() == 1);
  CHECK(c.changes[0].from == "cpu");
  CHECK(c.changes[0].to == "ctrl");
  CHECK(c.changes[0].slices == std::vector<std::string>{"dnodes=20"});
  CHECK(c.changes[0].of_slices == 2);
  const auto text = podsim::sweep_summary(t);
  CHECK(text.find("between 10 and 20 (in 1 of 2 slices: dnodes=20)") != std::string::npos);
  // Along dnodes, only the cnodes=10 slice changes (ctrl -> cpu); cnodes=20 stays on the controller.
  REQUIRE(views[1].changes.size() == 1);
  CHECK(views[1].changes[0].slices == std::vector<std::string>{"cnodes=10"});
}
