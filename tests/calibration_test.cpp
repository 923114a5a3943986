// Calibration without SimGrid: measurement formats, the fit on closed-form models, profile sampling.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "analysis/calibration_fit.hpp"
#include "analysis/claim_band.hpp"
#include "topology/input_error.hpp"
#include "topology/profile.hpp"
#include "workloads/measurement.hpp"

using namespace podsim;

namespace {
const std::string kData = std::string(PODSIM_SOURCE_DIR) + "/tests/data/calibration/";
constexpr double kMiB = 1024.0 * 1024.0;
}  // namespace

TEST_CASE("elbencho CSV: WRITE and READ rows, MKDIRS skipped, last-done throughput", "[calibration]") {
  const auto ms = load_measurements(kData + "elbencho-results.csv");
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].tool == "elbencho");
  CHECK(ms[0].line == 3);
  CHECK(ms[0].write);
  CHECK(ms[0].hosts == 4);
  CHECK(ms[0].threads_per_host == 16);
  CHECK(ms[0].block.bytes() == 16 * kMiB);
  CHECK(ms[0].bytes_per_thread.bytes() == Approx(65536 * kMiB / 64));
  CHECK(ms[0].measured.bytes_per_second() == Approx(23920 * kMiB));
  CHECK_FALSE(ms[1].write);
  CHECK(ms[1].measured.bytes_per_second() == Approx(91270 * kMiB));
}

TEST_CASE("IOR output: the summary table's rows, tasks over tasks per node", "[calibration]") {
  const auto ms = load_measurements(kData + "ior-summary.txt");
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].tool == "ior");
  CHECK(ms[0].hosts == 4);
  CHECK(ms[0].threads_per_host == 16);
  CHECK(ms[0].block.bytes() == 16 * kMiB);
  CHECK(ms[0].bytes_per_thread.bytes() == 1024 * kMiB);
  CHECK(ms[0].measured.bytes_per_second() == Approx(23790.12 * kMiB));
  CHECK(ms[1].measured.bytes_per_second() == Approx(87046.45 * kMiB));
}

TEST_CASE("fio JSON in client mode: hosts from client_stats, numjobs with group_reporting, not 'All clients'", "[calibration]") {
  const auto ms = load_measurements(kData + "fio-client.json");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].hosts == 2);
  CHECK(ms[0].threads_per_host == 16);
  CHECK_FALSE(ms[0].write);
  CHECK(ms[0].block.bytes() == 16 * kMiB);  // fio's 16M is 16 MiB
  CHECK(ms[0].bytes_per_thread.bytes() == Approx(1024 * kMiB));
  CHECK(ms[0].measured.bytes_per_second() == Approx(2 * 17179869184.0 / 0.752));
}

TEST_CASE("plain CSV: the bundled lab measurements", "[calibration]") {
  const auto ms = load_measurements(std::string(PODSIM_SOURCE_DIR) + "/scenarios/calibration/measured/lab-runs.csv");
  REQUIRE(ms.size() == 14);
  CHECK(ms[1].iodepth == 4);
  CHECK(ms[0].measured.gigabytes_per_second() > 0);
}

TEST_CASE("bad measurement files name the file, line and column", "[calibration]") {
  try {
    (void)load_measurements(kData + "bad-columns.csv");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.line() == 3);
    CHECK(e.field() == "block_size");
  }
  try {
    (void)load_measurements(kData + "../small-pod-claims.yaml");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("unknown measurement format") != std::string::npos);
  }
  CHECK_THROWS_AS(load_measurements(kData + "missing.csv"), InputError);
}

// Closed form: three resources, each measurement limited by the least of them, as a bottleneck is.
// x0 limits every run of kind A (rate = 10 x0), x1 kind B (rate = 4 x1 but never above 3 x0), x2 nothing.
TEST_CASE("the fit recovers the knobs the data determines, flags the one it cannot, and leave-one-out predicts", "[calibration]") {
  const double t0 = 0.8, t1 = 1.3;
  FitProblem p;
  p.knobs = {{"a", 1.0, 0.2, 2.0}, {"b", 1.0, 0.2, 2.0}, {"c", 1.0, 0.2, 2.0}};
  auto model = [](const std::vector<double>& x, size_t i) {
    return i < 3 ? 10 * x[0] * (1 + 0.1 * double(i)) : std::min(4 * x[1], 30 * x[0]) * (1 + 0.05 * double(i));
  };
  const std::vector<double> noise = {1.01, 0.99, 1.0, 1.02, 0.98, 1.0};
  for (size_t i = 0; i < 6; ++i) p.measured.push_back(model({t0, t1, 1.0}, i) * noise[i]);
  p.predict = [&](const std::vector<double>& x, const std::vector<size_t>& which) {
    std::vector<double> out;
    for (size_t i : which) out.push_back(model(x, i));
    return out;
  };
  FitOptions o;
  const auto r = fit_knobs(p, o);
  CHECK(r.value[0] == Approx(t0).epsilon(0.02));
  CHECK(r.value[1] == Approx(t1).epsilon(0.02));
  CHECK(r.status[0] == "determined");
  CHECK(r.status[1] == "determined");
  CHECK(r.status[2] == "not determined");
  CHECK(r.value[2] == 1.0);  // keeps its start
  CHECK(r.rms < 0.02);
  CHECK(r.sigma[0] > 0);
  CHECK(r.sigma[0] < 0.02);
  REQUIRE(r.loo_predicted.size() == 6);
  CHECK(r.loo_rms < 0.03);
  CHECK(r.loo_rms >= r.rms);  // a measurement left out is predicted no better than when fitted
}

TEST_CASE("profiles: Latin-hypercube samples use each stratum once and keep ranges", "[calibration]") {
  Profile p;
  p.name = "t";
  p.knobs.push_back({"dnode_controller_read_fraction", 1.0, 0, 0.8, 1.2, "", 0});
  p.knobs.push_back({"cnode_write_cycles_per_byte", 4.0, 0.05, std::nullopt, std::nullopt, "", 0});
  p.knobs.push_back({"storage_nic_efficiency", 0.92, 0, std::nullopt, std::nullopt, "", 0});
  const int n = 20;
  const auto s = sample_profiles(p, n, 3);
  REQUIRE(s.size() == size_t(n));
  std::set<int> strata;
  std::vector<double> cycles;
  for (const auto& q : s) {
    const double v = q.knobs[0].value;
    CHECK(v >= 0.8);
    CHECK(v <= 1.2);
    strata.insert(static_cast<int>((v - 0.8) / 0.4 * n));
    cycles.push_back(std::log(q.knobs[1].value / 4.0));
    CHECK(q.knobs[2].value == 0.92);  // exact knobs stay
  }
  CHECK(strata.size() == size_t(n));
  std::sort(cycles.begin(), cycles.end());
  CHECK(cycles[n / 2] == Approx(0).margin(0.02));       // median at the value
  CHECK(cycles.back() - cycles.front() > 2 * 0.05);     // spread of a few sigma
  CHECK(uncertain_knobs(p) == 2);
  CHECK(sample_profiles(p, n, 3)[7].knobs[0].value == s[7].knobs[0].value);  // seeded
}

TEST_CASE("a profile is read back as written, and a bad knob names its line", "[calibration]") {
  const auto p = load_profile(std::string(PODSIM_SOURCE_DIR) + "/scenarios/calibration/lab-profile.yaml");
  REQUIRE(p.find("cnode_write_cycles_per_byte"));
  CHECK(p.find("cnode_write_cycles_per_byte")->sigma > 0);
  CHECK(p.find("dnode_controller_read_fraction")->low.value() == Approx(0.8));
  const auto text = profile_yaml(p);
  CHECK(text.find("dnode_controller_read_fraction") != std::string::npos);
  try {
    (void)load_profile(kData + "bad-profile.yaml");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.line() == 5);
    CHECK(std::string(e.what()).find("unknown knob 'nic_eff'") != std::string::npos);
  }
}

TEST_CASE("claim band: percentiles and the share of samples that meet the claim", "[calibration]") {
  const auto b = claim_band("write", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NAN}, 7.5);
  CHECK(b.samples == 10);
  CHECK(b.failed == 1);
  CHECK(b.p50 == Approx(5.5));
  CHECK(b.p10 == Approx(1.9));
  CHECK(b.likelihood == Approx(0.3));
  CHECK(likelihood_word(b.likelihood) == "uncertain");
}
