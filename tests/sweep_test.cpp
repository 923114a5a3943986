// Sweep files: value ranges, grid / zip / Latin-hypercube expansion, and points that are real
// scenario files (every point loads, with the axis values in place). No simulation here.
#include <catch2/catch.hpp>

#include <fstream>

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

TEST_CASE("a grid crosses every axis, last axis fastest; a range with a step lists its values", "[sweep]") {
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
