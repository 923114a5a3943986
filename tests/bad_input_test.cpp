// Every class of bad input names its file, line and field, and is a typed InputError.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "tests/input_error_of.hpp"
#include "topology/input_error.hpp"
#include "workloads/scenario.hpp"

using namespace podsim;

namespace {
const std::filesystem::path kBad = std::filesystem::path(PODSIM_SOURCE_DIR) / "tests/data/bad";

InputError error_of(const std::string& file) { return input_error_of(kBad / file); }

void expect(const std::string& file, const std::string& error_file, int line, const std::string& field,
            const std::string& words) {
  auto e = error_of(file);
  CHECK(std::filesystem::path(e.file()).filename() == error_file);
  CHECK(e.line() == line);
  CHECK(e.field() == field);
  CHECK_THAT(e.what(), Catch::Contains(words));
}
}  // namespace

TEST_CASE("bad input: unknown catalog model", "[bad-input]") {
  expect("unknown-model.yaml", "unknown-model.yaml", 10, "scenario.design.cnodes.model", "unknown cnode model 'cnode-nope'");
}
TEST_CASE("bad input: negative count", "[bad-input]") {
  expect("negative-count.yaml", "negative-count.yaml", 11, "scenario.design.dnodes.count", "got -3");
}
TEST_CASE("bad input: missing unit", "[bad-input]") {
  expect("missing-unit.yaml", "missing-unit.yaml", 15, "scenario.phases[0].checkpoint.size", "missing unit");
}
TEST_CASE("bad input: wrong unit", "[bad-input]") {
  expect("wrong-unit.yaml", "wrong-unit.yaml", 15, "scenario.phases[0].checkpoint.size", "unknown unit 'GB/s'");
}
TEST_CASE("bad input: unknown key", "[bad-input]") {
  expect("unknown-key.yaml", "unknown-key.yaml", 10, "scenario.design.cnodes.colour", "unknown key");
}
TEST_CASE("bad input: zero ports in a catalog model", "[bad-input]") {
  expect("zero-ports.yaml", "zero-ports-catalog.yaml", 3, "models.nic-none.ports.count", "got 0");
}
TEST_CASE("bad input: more clients than the fabric has ports for", "[bad-input]") {
  expect("fabric-too-small.yaml", "fabric-too-small.yaml", 9, "scenario.design.spine.count",
         "more clients than the fabric has ports for");
}
TEST_CASE("bad input: YAML syntax error", "[bad-input]") {
  expect("syntax-error.yaml", "syntax-error.yaml", 11, "", "YAML syntax error");
}
// yaml-cpp 0.7 hands back this text's one document forever to a caller asking for all of them
// (YAML::LoadAll grew until memory ran out: CI's scenario-loader fuzzer); one document is read, the
// second looked for once.
TEST_CASE("bad input: a plain scalar broken across lines is read once, never forever", "[bad-input]") {
  const std::string text = "- a: b\n  c:\n    x (\n\"q\",\n  \"r\"\n  )";
  try {
    (void)podsim::load_scenario_text(text, "broken-scalar.yaml");
    FAIL("no InputError");
  } catch (const podsim::InputError& e) {
    CHECK(std::string(e.what()).find("broken-scalar.yaml") != std::string::npos);
  }
}
TEST_CASE("bad input: a referenced file that does not exist", "[bad-input]") {
  expect("missing-design.yaml", "missing-design.yaml", 3, "scenario.design", "design file not found");
}
TEST_CASE("bad input: an empty file", "[bad-input]") {
  expect("empty.yaml", "empty.yaml", 0, "", "the file is empty");
}
TEST_CASE("bad input: a scenario file that does not exist", "[bad-input]") {
  expect("no-such-file.yaml", "no-such-file.yaml", 0, "", "cannot open the file");
}

TEST_CASE("bad input: a layout's site names a WAN model the catalog lacks", "[bad-input][sites]") {
  expect("unknown-wan.yaml", "unknown-wan-layout.yaml", 5, "layout.sites[0].wan", "unknown wan model 'wan-carrier-pigeon'");
}

TEST_CASE("bad input: a drain phase on a design without an object store", "[bad-input][sites]") {
  expect("drain-without-store.yaml", "drain-without-store.yaml", 7, "scenario.phases[1].drain",
         "needs a layout with `object_store:`");
}

TEST_CASE("bad input: a wrong type (a word where a count belongs)", "[bad-input]") {
  expect("wrong-type.yaml", "wrong-type.yaml", 11, "scenario.design.dnodes.count", "expected a whole number, got 'many'");
}
TEST_CASE("bad input: a huge number overflows no figure", "[bad-input]") {
  expect("huge-number.yaml", "huge-number.yaml", 15, "scenario.phases[0].checkpoint.size", "out of range: '1e300 EB'");
}
TEST_CASE("bad input: more chunks than a run can simulate", "[bad-input]") {
  expect("too-many-chunks.yaml", "too-many-chunks.yaml", 15, "scenario.phases[0].checkpoint", "1e+13 chunks");
}
TEST_CASE("bad input: a key given twice", "[bad-input]") {
  expect("duplicate-key.yaml", "duplicate-key.yaml", 14, "scenario.design.racks", "given twice");
}
TEST_CASE("bad input: an unreachable route (a WAN outage without an object store)", "[bad-input][faults]") {
  expect("fault-no-object-store.yaml", "fault-no-object-store.yaml", 17, "scenario.faults[0].wan_outage",
         "the layout has none");
}
TEST_CASE("bad input: a fault names a node the design lacks", "[bad-input][faults]") {
  expect("fault-unknown-node.yaml", "fault-unknown-node.yaml", 17, "scenario.faults[0].cnode_loss.cnode",
         "no C-node named 'cnode-9'");
}
TEST_CASE("bad input: a fault that ends before it starts", "[bad-input][faults]") {
  expect("fault-until-before-at.yaml", "fault-until-before-at.yaml", 17, "scenario.faults[0].link_loss.until",
         "must be after 'at'");
}
TEST_CASE("bad input: faults the erasure code cannot survive", "[bad-input][faults]") {
  expect("fault-data-loss.yaml", "fault-data-loss.yaml", 17, "scenario.faults", "data loss");
}

TEST_CASE("bad input: an unknown data-movement strategy", "[bad-input][movement]") {
  expect("movement-unknown-strategy.yaml", "movement-unknown-strategy.yaml", 8,
         "scenario.phases[0].drain.movement.strategy", "unknown strategy 'carrier_pigeon'");
}

TEST_CASE("bad input: a copy-host movement with zero hosts", "[bad-input][movement]") {
  expect("movement-zero-hosts.yaml", "movement-zero-hosts.yaml", 8, "scenario.phases[0].drain.movement.hosts",
         "must be between 1 and 4096, got 0");
}

TEST_CASE("bad input: a URL-copy request above the store's limit", "[bad-input][movement]") {
  expect("movement-request-too-big.yaml", "movement-request-too-big.yaml", 8, "scenario.phases[0].drain.chunk",
         "above the 1.00 GB a URL copy takes");
}

TEST_CASE("bad input: fewer object-store accounts than the stored capacity needs", "[bad-input][movement]") {
  expect("movement-few-accounts.yaml", "movement-few-accounts-layout.yaml", 8, "layout.object_store.accounts",
         "the capacity needs 178");
}

namespace {
/** one-link.yaml with `from` replaced by `to`, loaded from its own folder (its catalog resolves). */
podsim::InputError one_link_error(const std::string& from, const std::string& to) {
  const auto dir = std::filesystem::path(PODSIM_SOURCE_DIR) / "tests/data";
  std::ifstream in(dir / "one-link.yaml");
  std::stringstream text;
  text << in.rdbuf();
  auto t = text.str();
  REQUIRE(t.find(from) != std::string::npos);
  t.replace(t.find(from), from.size(), to);
  try {
    (void)podsim::load_scenario_text(t, dir / "one-link-variant.yaml");
  } catch (const podsim::InputError& e) {
    return e;
  }
  FAIL("no InputError");
  throw std::logic_error("unreachable");
}
}  // namespace

TEST_CASE("bad input: an output series that is neither per-class nor per-resource (issue 40)", "[bad-input]") {
  const auto e = one_link_error("output: {sample_interval: 100 ms}", "output: {sample_interval: 100 ms, series: all}");
  CHECK(e.line() == 18);
  CHECK(std::string(e.what()).find("per-class") != std::string::npos);
}

TEST_CASE("bad input: protection across servers", "[bad-input]") {
  // More copies than servers, two forms at once, an unknown sender, and copies across enclosures.
  expect("across-servers-too-wide.yaml", "across-servers-too-wide.yaml", 22, "scenario.design.protection.across_servers",
         "a write across 5 servers, but the design has 4");
  expect("across-servers-two-forms.yaml", "across-servers-two-forms.yaml", 22, "scenario.design.protection.across_servers",
         "give one of `copies: N`");
  expect("across-servers-bad-by.yaml", "across-servers-bad-by.yaml", 22, "scenario.design.protection.across_servers.by",
         "`by` is server");
  expect("across-servers-on-enclosures.yaml", "across-servers-on-enclosures.yaml", 16,
         "scenario.design.protection.across_servers", "needs a design of servers");
}

TEST_CASE("bad input: a buffer at start neither empty nor full (issue 41)", "[bad-input]") {
  const auto e = one_link_error("output: {sample_interval: 100 ms}",
                                "model: {buffer_at_start: half}\n  output: {sample_interval: 100 ms}");
  CHECK(e.line() == 18);
  CHECK(std::string(e.what()).find("expected 'empty' or 'full', got 'half'") != std::string::npos);
}

TEST_CASE("bad input: slicing neither identical nor near (issue 41)", "[bad-input]") {
  const auto e = one_link_error("output: {sample_interval: 100 ms}",
                                "model: {slices: 2, slicing: roughly}\n  output: {sample_interval: 100 ms}");
  CHECK(e.line() == 18);
  CHECK(std::string(e.what()).find("expected 'identical' or 'near', got 'roughly'") != std::string::npos);
}

TEST_CASE("bad input: a migration unit of nothing or beyond 1 TiB (issue 41)", "[bad-input]") {
  for (const std::string unit : {"0 GiB", "2 TiB"}) {
    const auto e = one_link_error("output: {sample_interval: 100 ms}",
                                  "model: {migration_unit: " + unit + "}\n  output: {sample_interval: 100 ms}");
    CHECK(e.line() == 18);
    CHECK(std::string(e.what()).find("migration unit must be more than 0 and at most 1 TiB") != std::string::npos);
  }
}
