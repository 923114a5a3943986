// Claim verdicts, object-store arithmetic and rack SVG: pure analysis, no simulation.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <regex>

#include "analysis/claim_check.hpp"
#include "analysis/rack_svg.hpp"
#include "workloads/model_error_band.hpp"
#include "topology/design_facts.hpp"
#include "topology/input_error.hpp"
#include "topology/object_store.hpp"
#include "topology/sourced_ceiling.hpp"
#include "topology/yaml_node.hpp"

using namespace podsim;

namespace {
const std::filesystem::path kRoot = PODSIM_SOURCE_DIR;

/** Figures as a run would give them: one write and one read phase with a named bottleneck. */
RunFigures figures(double write_tbps, double read_tbps, ResourceClass bottleneck, Bandwidth write_bound,
                   Bandwidth read_bound) {
  RunFigures f;
  for (auto [kind, rate] : {std::pair{PhaseKind::checkpoint_write, write_tbps}, std::pair{PhaseKind::prestage_read, read_tbps}}) {
    PhaseMetrics m;
    m.kind = kind;
    m.sustained = rate * 1e12;
    m.utilization.push_back({bottleneck, kind == PhaseKind::checkpoint_write ? "down" : "up", 0.99, 1.0, "x-1", 1});
    f.phases.push_back(m);
  }
  f.bound = {write_bound, read_bound, read_bound, Bandwidth(), Bandwidth(), write_bound};
  return f;
}

/** A one-site scenario of the design file (relative to the source tree), as check builds it. */
Scenario scenario_of(const std::string& design) {
  Scenario sc;
  sc.layout = single_site_layout(load_design(kRoot / design));
  return sc;
}

const ClaimVerdict& find(const std::vector<ClaimVerdict>& v, const std::string& claim) {
  for (const auto& c : v)
    if (c.claim == claim) return c;
  FAIL("no verdict for " << claim);
  return v.front();
}
}  // namespace

TEST_CASE("a claim met through a figure derived from the claim itself is circular, never holds", "[claims]") {
  const Scenario sc = scenario_of("scenarios/designs/ncp-pod.yaml");
  auto v = check_claims(sc, figures(4.03, 10.8, ResourceClass::dnode_controller, TBps(4.32), TBps(10.8)));
  const auto& w = find(v, "write");
  // 4.03 >= 4 x 0.95, but at a D-node controller figure worked out as 4-5 TB/s x 1.25 / 180.
  CHECK(w.verdict == Verdict::circular);
  REQUIRE(w.assumptions.size() == 1);
  CHECK(w.assumptions[0].field == "models.dbox-1350.controller");
  CHECK(w.assumptions[0].derived_from_claim);
  CHECK_THAT(w.because, Catch::StartsWith("it rests on the dbox-1350 controller, worked out from this claim"));
  CHECK(find(v, "read").verdict == Verdict::circular);  // 10.8 >= 11 x 0.95 = 10.45, at 11 TB/s / 180
  CHECK_THAT(claim_report(sc, v), Catch::Contains("verdict     circular: rests on the dbox-1350 controller, derived from the claim itself"));
}

TEST_CASE("a claim met at an assumed (not derived) figure holds only if that figure holds", "[claims]") {
  const Scenario sc = scenario_of("scenarios/designs/ncp-pod.yaml");
  // The C-node CPU figures are assumed, but not from the claim.
  auto v = check_claims(sc, figures(4.03, 10.8, ResourceClass::cnode_cpu, TBps(4.32), TBps(10.8)));
  const auto& w = find(v, "write");
  CHECK(w.verdict == Verdict::holds_only_if);
  REQUIRE_FALSE(w.assumptions.empty());
  CHECK_FALSE(w.assumptions[0].derived_from_claim);
  const auto& u = find(v, "usable");  // 213.13 PB >= 215 x 0.95, with the assumed 10 % reserve
  CHECK(u.verdict == Verdict::holds_only_if);
  CHECK(u.simulated.find("213.13 PB") == 0);
}

TEST_CASE("a claim above the max-flow bound is refuted, and the verdict says the bound is short", "[claims]") {
  const Scenario sc = scenario_of("scenarios/designs/ncp-pod.yaml");
  auto v = check_claims(sc, figures(3.0, 8.0, ResourceClass::dnode_controller, TBps(3.2), TBps(8.5)));
  CHECK(find(v, "write").verdict == Verdict::refuted);
  CHECK(find(v, "write").because.find("even the max-flow bound is below the claim") == 0);
  // Tolerance is an option: at 30 % the same figures reach the claim (through the derived controller figure).
  ClaimCheckOptions loose;
  loose.tolerance = 0.30;
  CHECK(find(check_claims(sc, figures(3.0, 8.0, ResourceClass::dnode_controller, TBps(3.2), TBps(8.5)), loose), "write")
            .verdict == Verdict::circular);
}

TEST_CASE("a throughput claim on sourced figures holds plainly", "[claims]") {
  const Scenario sc = scenario_of("scenarios/designs/ncp-pod.yaml");
  // The capacity SSDs (Solidigm figures, sourced) as the read bottleneck.
  auto v = check_claims(sc, figures(4.5, 11.0, ResourceClass::capacity_ssd, TBps(5), TBps(12)));
  CHECK(find(v, "read").verdict == Verdict::holds);
  CHECK(find(v, "read").assumptions.empty());
}

TEST_CASE("a rack claim is packed by maximum and by typical power, and names the budget each needs", "[claims][racks]") {
  const Scenario sc = scenario_of("scenarios/designs/maverick-420.yaml");
  auto v = check_claims(sc, figures(1, 1, ResourceClass::dnode_controller, TBps(1), TBps(1)));
  const auto& r = find(v, "racks");
  // 42 racks of nodes and storage leaves (28 at typical power) and the storage side's 11 spine
  // switches in 2 racks of their own.
  CHECK(storage_rack_count(rack_layout(sc.design())) == 44);
  CHECK(storage_rack_count(rack_layout(sc.design(), PackingPower::typical)) == 29);
  CHECK_THAT(r.simulated, Catch::StartsWith("44 storage racks derived at maximum power, 29 at typical power"));
  // 44 racks > 30 x 1.05 at the assumed 25 kW, but only the (assumed) power budget rules it out:
  // "holds only if" that budget is what the claim needs, never "refuted" on assumed figures.
  CHECK(r.verdict == Verdict::holds_only_if);
  std::smatch m;
  REQUIRE(std::regex_search(r.condition, m, std::regex("at least ([0-9.]+) kW at maximum power \\(([0-9.]+) kW at typical")));
  for (auto [by, kw] : {std::pair{PackingPower::max, std::stod(m[1])}, std::pair{PackingPower::typical, std::stod(m[2])}}) {
    Design trial = sc.design();
    trial.rack.power_budget = kW(kw);
    CHECK(storage_rack_count(rack_layout(trial, by)) <= 31);  // the smallest budget, in 0.5 kW steps
    trial.rack.power_budget = kW(kw - 0.5);
    CHECK(storage_rack_count(rack_layout(trial, by)) > 31);
  }
  REQUIRE(r.requirements.size() == 1);
  CHECK_THAT(r.requirements[0], Catch::StartsWith("rack power budget: at least " + std::string(m[1]) + " kW"));
}

TEST_CASE("object-store baseline: capacity-proportional throughput and default accounts", "[object-store]") {
  auto b = load_object_store(kRoot / "scenarios/designs/object-store-baseline.yaml");
  auto f = object_store_figures(b.model, EB(1));
  CHECK(f.throughput.terabytes_per_second() == Approx(3.125));  // 2.5 Tb/s per 100 PB x 10
  // azure-blob-2024: the current default account limits (60 Gb/s in, 200 Gb/s out, 5 PiB).
  CHECK(f.accounts_for_ingress == 417);                          // 25 Tb/s / 60 Gb/s = 416.7
  CHECK(f.accounts_for_egress == 125);                           // 25 Tb/s / 200 Gb/s
  CHECK(f.accounts_for_capacity == 178);                         // 1e18 B / 5 PiB = 177.6
  CHECK(f.accounts() == 417);
  auto pod = object_store_figures(b.model, PB(215));
  CHECK(pod.throughput.gigabytes_per_second() == Approx(671.875));  // reference notes: ~672 GB/s
}

TEST_CASE("rack SVG draws every placed item with its unit and each rack's kW", "[racks][svg]") {
  auto d = load_design(kRoot / "scenarios/designs/ncp-pod.yaml");
  auto svg = rack_elevations_svg(d);
  auto count = [&](const std::string& needle) {
    size_t n = 0;
    for (auto p = svg.find(needle); p != std::string::npos; p = svg.find(needle, p + 1)) ++n;
    return n;
  };
  CHECK(count("data-kind=\"dnode\"") == 180);
  CHECK(count("data-kind=\"cnode-chassis\"") == 113);
  CHECK(count("data-kind=\"spine\"") == static_cast<size_t>(d.spine_count));
  CHECK(count("data-rack=") == rack_layout(d).size());
  CHECK(count(" kW max, ") == rack_layout(d).size());  // every rack header states its power
  CHECK(svg.rfind("</svg>\n") == svg.size() - 7);
}

TEST_CASE("a figure's derived_from takes only 'claim'", "[claims]") {
  auto doc = YamlNode::load_text("f: {value: 30 GB/s, derived_from: guess, source: \"assumed\"}\n", "fig.yaml");
  CHECK_THROWS_WITH(doc.required("f").value(), Catch::Contains("fig.yaml:1: f.derived_from: the only value is 'claim'"));
  auto ok = YamlNode::load_text("f: {value: 30 GB/s, derived_from: claim, source: \"assumed\"}\n", "fig.yaml");
  CHECK(ok.required("f").figure_derived_from_claim());
  CHECK(ok.required("f").value().as_bandwidth().gigabytes_per_second() == Approx(30));
}

TEST_CASE("the sourced-only ceiling sets assumed figures aside: Design 1's buffer SSDs cap writes at 4.61 TB/s", "[claims]") {
  const auto d = load_design(kRoot / "scenarios/designs/ncp-pod.yaml");
  const auto c = sourced_only_ceiling(d);
  // 180 enclosures x 8 buffer SSDs x 4 GB/s (Solidigm D7-P5810, sourced) / 1.25 (8+2): 4.608 TB/s,
  // with the assumed (and claim-derived) 30 GB/s controller set aside.
  CHECK(c.bound.write.terabytes_per_second() == Approx(4.608).epsilon(0.001));
  CHECK(std::any_of(c.relaxed.begin(), c.relaxed.end(),
                    [](const FigureSource& f) { return f.field == "models.dbox-1350.controller"; }));
  CHECK(c.bound.read.terabytes_per_second() > 10.8);  // above the controllers' 180 x 60 GB/s
}

TEST_CASE("a claim above the sourced-only ceiling says so, refuted outright when nothing assumed remains", "[claims]") {
  Scenario sc = scenario_of("scenarios/designs/ncp-pod.yaml");
  auto v = check_claims(sc, figures(4.03, 10.8, ResourceClass::dnode_controller, TBps(4.32), TBps(10.8)));
  const auto& w = find(v, "write");
  CHECK_THAT(w.sourced_ceiling, Catch::StartsWith("4.61 TB/s"));
  CHECK_THAT(w.because, Catch::Contains("the sourced figures allow up to 4.61 TB/s, so the claim's high end (5.00 TB/s) is out of reach"));
  // A 5-6 TB/s claim needs 4.75 TB/s: beyond what the sourced figures allow, even were the run to show it.
  sc.layout.sites.front().design.claims.write = Claim<Bandwidth>{TBps(5), TBps(6), "test", "", 1, {}, {}};
  auto high = check_claims(sc, figures(4.9, 10.8, ResourceClass::dnode_controller, TBps(4.32), TBps(10.8)));
  CHECK(sourced_only_ceiling(sc.design()).kept.empty());  // every assumed throughput figure can be set aside
  CHECK(find(high, "write").verdict == Verdict::refuted);
  CHECK_THAT(find(high, "write").because, Catch::StartsWith("even with every assumed figure set aside"));
  CHECK_THAT(find(high, "write").because, Catch::Contains("the sourced figures allow at most 4.61 TB/s"));
}

TEST_CASE("requirement inversion: the least each assumed figure must be for a claim, from the bound", "[claims]") {
  const auto d = load_design(kRoot / "scenarios/designs/ncp-pod.yaml");
  // A 4 TB/s write claim at 5 % tolerance needs 3.8 TB/s; with the controller binding, 180 enclosures
  // x w / 1.25 (8+2) = 3.8 TB/s gives w = 26.39 GB/s, 0.880 of the assumed 30 GB/s.
  const auto reqs = figure_requirements(d, true, 3.8e12);
  const auto it = std::find_if(reqs.begin(), reqs.end(),
                               [](const FigureRequirement& r) { return r.figure.field == "models.dbox-1350.controller"; });
  REQUIRE(it != reqs.end());
  CHECK(it->enough_alone);
  CHECK(it->factor == Approx(3.8e12 * 1.25 / 180 / 30e9).epsilon(0.001));
  CHECK_THAT(it->needed, Catch::StartsWith("26.4 GB/s write"));
  // 5 TB/s is above what the sourced buffer SSDs allow: no controller figure reaches it.
  const auto high = figure_requirements(d, true, 5e12);
  const auto c = std::find_if(high.begin(), high.end(),
                              [](const FigureRequirement& r) { return r.figure.field == "models.dbox-1350.controller"; });
  REQUIRE(c != high.end());
  CHECK_FALSE(c->enough_alone);
}

TEST_CASE("count requirements: the least enclosures and buffer SSDs for a claim, closed form", "[claims]") {
  const auto d = load_design(kRoot / "scenarios/designs/ncp-pod.yaml");
  auto count = [](const std::vector<CountRequirement>& v, const std::string& prefix) {
    for (const auto& c : v)
      if (c.count.rfind(prefix, 0) == 0) return c;
    FAIL("no count " << prefix);
    return v.front();
  };
  // 3.8 TB/s of writes at 30 GB/s per controller and 1.25 bytes per user byte: ceil(3.8e12 x 1.25 /
  // 30e9) = 159 enclosures; 8 buffer SSDs of 4 GB/s stay ahead of the controller down to 7 (28 GB/s
  // x 180 / 1.25 = 4.03 TB/s, while 6 give 3.46).
  const auto reqs = count_requirements(d, true, 3.8e12);
  CHECK(count(reqs, "enclosures").designed == 180);
  CHECK(count(reqs, "enclosures").needed == 159);
  CHECK(count(reqs, "enclosures").at.dnode_count == 159);
  CHECK(count(reqs, "buffer SSDs").needed == 7);
  // 5 TB/s with more enclosures: 5e12 x 1.25 / 30e9 = 208.3, so 209.
  CHECK(count(count_requirements(d, true, 5e12), "enclosures").needed == 209);
}

TEST_CASE("count requirements on a design of servers: whole servers, or drives per server (issue 39: crashed)", "[claims]") {
  // servers-raid: 4 servers x 10 drives at 1 GB/s behind 8+2 = 32 GB/s of writes. 40 GB/s needs
  // ceil(40 x 1.25 / 10) = 5 servers, or 40 x 1.25 / 4 = 12.5 -> 13 drives per server (the server
  // NICs, 25 GB/s each, allow either).
  const Scenario sc = load_scenario(kRoot / "tests/data/servers-raid.yaml");
  const auto reqs = count_requirements(sc.design(), true, 40e9);
  REQUIRE(reqs.size() == 2);
  CHECK(reqs[0].count == "servers (servers.count)");
  CHECK(reqs[0].designed == 4);
  CHECK(reqs[0].needed == 5);
  CHECK(reqs[0].at.cnode_count == 5);
  CHECK(reqs[0].at.dnode_count == 5);
  CHECK(reqs[1].count.rfind("drives per server", 0) == 0);
  CHECK(reqs[1].designed == 10);
  CHECK(reqs[1].needed == 13);
}

TEST_CASE("per-unit claims: a datasheet's figure times the design's count, beside an inline design (issue 39)", "[claims]") {
  // servers-raid's inline design with a write claim of 8 GB/s per server: 4 servers, 32 GB/s.
  std::ifstream in(kRoot / "tests/data/servers-raid.yaml");
  std::stringstream text;
  text << in.rdbuf();
  auto with_claims = [&](const std::string& claims) {
    auto t = text.str();
    t.replace(t.find("  placement:"), 0, "  claims: " + claims + "\n");
    return load_scenario_text(t, kRoot / "tests/data/servers-raid.yaml");
  };
  const auto sc = with_claims("{write: {per: server, value: 8 GB/s, source: \"test\"}}");
  const auto& w = *sc.design().claims.write;
  CHECK(w.per == "server");
  CHECK(w.units == 4);
  CHECK(w.per_low.gigabytes_per_second() == Approx(8));
  CHECK(w.low.gigabytes_per_second() == Approx(32));
  const auto v = check_claims(sc, figures(0.032, 0.064, ResourceClass::buffer_ssd, TBps(0.032), TBps(0.064)));
  CHECK(find(v, "write").claimed == "~0.03 TB/s (8 GB/s per server x 4)");
  // An enclosure a design of servers does not have; racks per unit; an unknown unit.
  CHECK_THROWS_WITH(with_claims("{write: {per: enclosure, value: 8 GB/s}}"), Catch::Contains("needs a design of enclosures"));
  CHECK_THROWS_WITH(with_claims("{racks: {per: server, value: 2}}"), Catch::Contains("racks are claimed for the whole design"));
  CHECK_THROWS_WITH(with_claims("{write: {per: rack, value: 8 GB/s}}"), Catch::Contains("per server, per appliance or per enclosure"));
}

TEST_CASE("a margin inside the model's resolution is too close to call, on either side", "[claims]") {
  // The small pod with claims (a small platform keeps the bound's requirement searches cheap).
  const Scenario sc = scenario_of("tests/data/small-pod-claims.yaml");
  // The write claim needs 0.22 x 0.95 = 0.209 TB/s; the resolution is 1 % (a steady phase).
  for (double rate : {0.2075, 0.209, 0.2105}) {
    auto v = check_claims(sc, figures(rate, 0.6, ResourceClass::cnode_cpu, TBps(0.24), TBps(0.6)));
    INFO(rate << " TB/s");
    CHECK(find(v, "write").verdict == Verdict::too_close);
    CHECK(find(v, "write").resolution == Approx(kKnobResolution));
  }
  // Just outside it on both sides: the usual verdicts.
  CHECK(find(check_claims(sc, figures(0.2115, 0.6, ResourceClass::cnode_cpu, TBps(0.24), TBps(0.6))), "write").verdict ==
        Verdict::holds_only_if);
  CHECK(find(check_claims(sc, figures(0.2065, 0.6, ResourceClass::cnode_cpu, TBps(0.24), TBps(0.6))), "write").verdict ==
        Verdict::refuted);
  // A phase a few sample intervals long adds one interval over its length: 0.1 s / 0.25 s = 40 %.
  PhaseMetrics short_phase;
  short_phase.coarse = true;
  short_phase.completion = 0.25;
  CHECK(resolution_error(short_phase, 0.1) == Approx(0.41));
}

TEST_CASE("reference lines: SuperPOD guidance scaled to the GPU count, and the best measured checkpoint", "[claims]") {
  // One scalable unit (256 GPUs): the guidance itself, in GB/s.
  auto one = reference_lines("write", 256);
  REQUIRE(one.size() == 4);
  auto rate_of = [](const std::vector<ReferenceLine>& lines, const std::string& word) {
    for (const auto& l : lines)
      if (l.label.find(word) != std::string::npos) return l.bytes_per_second;
    return -1.0;
  };
  CHECK(rate_of(one, "guidance, good") == Approx(7e9));
  CHECK(rate_of(one, "guidance, better") == Approx(20e9));
  CHECK(rate_of(one, "guidance, best") == Approx(62e9));
  // Design 1's 41,472 GPUs are 162 units: best = 162 x 125 GB/s read.
  auto pod = reference_lines("read", 41472);
  CHECK(rate_of(pod, "guidance, best") == Approx(162 * 125e9));
  // The measured line does not scale: MLPerf v3.0's best Llama3-1T write, FlashBlade//EXA with 30 data nodes.
  CHECK(rate_of(reference_lines("write", 41472), "measured") == Approx(933.55e9));
  for (size_t i = 1; i < pod.size(); ++i) CHECK(pod[i - 1].bytes_per_second <= pod[i].bytes_per_second);
  for (const auto& l : pod) CHECK_FALSE(l.source.empty());
}

TEST_CASE("chance: the share of podsim's measured errors that still reach what the claim needs", "[claims]") {
  ModelErrorBand band{{0.2, 0.4, 0.6, 0.8}, 1, "test"};
  CHECK(share_at_least(band, 0.1) == 1.0);
  CHECK(share_at_least(band, 0.4) == 0.75);  // at or above
  CHECK(share_at_least(band, 0.9) == 0.0);
  CHECK(std::isnan(share_at_least(ModelErrorBand{}, 0.5)));
  // The bundled band (podsim validate --fit --write-error): every training run, 13 writes of 8
  // systems and 18 reads of 12, each scored on its simulated capability (never its own
  // accelerators' demand) with the knobs fitted without its own system.
  CHECK(model_error_band("write").ratios.size() == 13);
  CHECK(model_error_band("write").systems == 8);
  CHECK(model_error_band("read").ratios.size() == 18);
  CHECK(model_error_band("read").systems == 12);
  // Design 1 at 4.32 TB/s: the write claim needs 3.8 / 4.32 = 0.88 of it; 7 of the 13 published
  // write runs reached at least 0.88 of their prediction, so the chance is 7/13, whatever the verdict.
  // The read claim needs 11 / 10.8 = 1.02 of it (with the claim's tolerance): 6 of 18.
  const Scenario sc = scenario_of("scenarios/designs/ncp-pod.yaml");
  const auto v = check_claims(sc, figures(4.32, 10.8, ResourceClass::dnode_controller, TBps(4.32), TBps(10.8)));
  CHECK(find(v, "write").chance == Approx(7.0 / 13));
  CHECK(find(v, "write").verdict == Verdict::circular);
  CHECK(find(v, "read").chance == Approx(6.0 / 18));
}

TEST_CASE("a server's cap counts user or device bytes, as its catalog says (issue 39)", "[claims]") {
  // appliances-128: a 65 GB/s write cap in user bytes behind RAID 8+2 lets 65 x 1.25 device bytes
  // through the box; read caps carry user bytes either way.
  const Scenario sc = load_scenario_or_design(kRoot / "tests/data/appliances-128.yaml");
  const Design& d = sc.design();
  REQUIRE(d.server.cap_counts_user);
  CHECK(d.dnode.controller_write.bytes_per_second() == Approx(65e9 * 1.25));
  CHECK(d.dnode.controller_read.bytes_per_second() == Approx(90e9));
  // As device bytes (the default) the same figure passes 65 / 1.25 = 52 GB/s of user writes.
  std::ifstream in(kRoot / "tests/data/appliances-128.yaml");
  std::stringstream text;
  text << in.rdbuf();
  auto with = [&](const std::string& from, const std::string& to) {
    auto t = text.str();
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  // The catalog is inline: the variant loads from anywhere; one name per process (ctest -j2).
  auto load_text = [&](const std::string& t, const char* tag) {
    const auto file = std::filesystem::temp_directory_path() /
                      ("podsim-appliances-" + std::string(tag) + "-" + std::to_string(::getpid()) + ".yaml");
    { std::ofstream(file) << t; }
    struct Remove { std::filesystem::path f; ~Remove() { std::filesystem::remove(f); } } remove{file};
    return load_scenario_or_design(file);
  };
  const Scenario dev = load_text(with(", counts: user}", "}"), "device");
  CHECK_FALSE(dev.design().server.cap_counts_user);
  CHECK(dev.design().dnode.controller_write.bytes_per_second() == Approx(65e9));
  CHECK_THROWS_AS(load_text(with("counts: user", "counts: parity"), "bad-counts"), podsim::InputError);
}
