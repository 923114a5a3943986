// Bad workload input (traces, jobs, timelines, parallel models) names its file, line and field.
#include <catch2/catch.hpp>

#include "tests/input_error_of.hpp"
#include "topology/input_error.hpp"
#include "workloads/scenario.hpp"

using namespace podsim;

namespace {
const std::filesystem::path kBad = std::filesystem::path(PODSIM_SOURCE_DIR) / "tests/data/bad";

InputError error_of(const std::string& file) { return input_error_of(kBad / file); }
}  // namespace

TEST_CASE("bad trace: a rate where bytes belong names the trace file, line and column", "[bad-input][trace]") {
  auto e = error_of("trace-bad-bytes.yaml");
  CHECK(std::filesystem::path(e.file()).filename() == "bad-bytes.csv");
  CHECK(e.line() == 3);
  CHECK(e.field() == "bytes");
}

TEST_CASE("bad trace: an unknown operation", "[bad-input][trace]") {
  auto e = error_of("trace-bad-op.yaml");
  CHECK(e.line() == 3);
  CHECK(e.field() == "op");
  CHECK_THAT(e.what(), Catch::Contains("'append'"));
}

TEST_CASE("bad jobs: a job after one that took every node", "[bad-input][jobs]") {
  auto e = error_of("jobs-too-many-nodes.yaml");
  CHECK(e.line() == 8);  // the job b map
  CHECK_THAT(e.what(), Catch::Contains("no client nodes are left"));
}

TEST_CASE("bad timeline: async without a host-copy rate", "[bad-input][timeline]") {
  auto e = error_of("async-no-host-copy.yaml");
  CHECK(e.line() == 6);
  CHECK_THAT(e.what(), Catch::Contains("host_copy"));
}

TEST_CASE("bad model: more ranks than the job has GPUs", "[bad-input][shape]") {
  auto e = error_of("model-too-big.yaml");
  CHECK(e.line() == 6);
  CHECK(e.field() == "scenario.phases[0].checkpoint.model");
  CHECK_THAT(e.what(), Catch::Contains("16 ranks do not fit the 1 GPUs"));
}

TEST_CASE("jobs split the nodes in order and prefix their phases", "[jobs]") {
  auto sc = load_scenario(std::filesystem::path(PODSIM_SOURCE_DIR) / "scenarios/small-pod-two-jobs.yaml");
  REQUIRE(sc.jobs.size() == 2);
  CHECK(sc.jobs[0].first_client == 0);
  CHECK(sc.jobs[0].clients == 384);  // 1,536 GPUs on 4-GPU trays
  CHECK(sc.jobs[1].first_client == 384);
  CHECK(sc.jobs[1].clients == 128);
  CHECK(sc.phases[0].name == "train.checkpoint-1");
  CHECK(sc.phases[0].writer_count() == 1536);
  CHECK(sc.phases[1].name == "stage.prestage-1");
  CHECK(sc.phases[1].writers_on_client[383] == 0);
  CHECK(sc.phases[1].writers_on_client[384] == 1);
}
