// End-to-end simulations with closed-form answers. SimGrid keeps one engine per process, so each
// TEST_CASE runs in its own process (catch_discover_tests); never run this binary's cases together.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "analysis/summary.hpp"
#include "sim/simulation.hpp"

using namespace podsim;

namespace {
const std::filesystem::path kRoot = PODSIM_SOURCE_DIR;

struct Run {
  Scenario scenario;
  RunResult result;
  RunFigures figures;
};
Run simulate(const std::filesystem::path& file) {
  Run r{load_scenario(file), {}, {}};
  r.result = run_simulation(r.scenario, {false, {}});
  r.figures = compute_figures(r.scenario, r.result);
  return r;
}
/** The test file with its sample interval replaced (`100 ms` in every file used so). */
Run simulate_sampled(const std::filesystem::path& file, const std::string& interval) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  auto t = text.str();
  const auto at = t.find("sample_interval: 100 ms");
  REQUIRE(at != std::string::npos);
  t.replace(at, 23, "sample_interval: " + interval);
  Run r{load_scenario_text(t, file), {}, {}};
  r.result = run_simulation(r.scenario, {false, {}});
  r.figures = compute_figures(r.scenario, r.result);
  return r;
}
/** tests/data/cpu-on-path.yaml (one simulation per test case: one engine per process) with its C-node model, streams and chunk replaced. */
Run cpu_on_path(const std::string& cnode, int streams, const std::string& chunk) {
  std::ifstream in(kRoot / "tests/data/cpu-on-path.yaml");
  std::stringstream text;
  text << in.rdbuf();
  auto t = text.str();
  auto swap = [&](const std::string& from, const std::string& to) {
    for (auto at = t.find(from); at != std::string::npos; at = t.find(from, at + to.size())) t.replace(at, from.size(), to);
  };
  swap("model: cnode-4-cores,", "model: " + cnode + ",");
  swap("streams_per_writer: 8", "streams_per_writer: " + std::to_string(streams));
  swap("streams_per_reader: 8", "streams_per_reader: " + std::to_string(streams));
  swap("chunk: 1 GB", "chunk: " + chunk);
  Run r{load_scenario_text(t, kRoot / "tests/data/cpu-on-path.yaml"), {}, {}};
  r.result = run_simulation(r.scenario, {false, {}});
  r.figures = compute_figures(r.scenario, r.result);
  return r;
}
}  // namespace

TEST_CASE("one link: 10 GB over a 1 GB/s NIC takes bytes / bandwidth = 10 s", "[sim]") {
  auto r = simulate(kRoot / "tests/data/one-link.yaml");
  const auto& write = r.figures.phases.at(0);
  CHECK(write.completion == Approx(10.0).epsilon(1e-6));
  CHECK(write.sustained == Approx(1e9).epsilon(1e-3));
  CHECK(write.bottleneck()->cls == ResourceClass::client_nic);
  CHECK(write.bottleneck()->mean == Approx(1.0).epsilon(0.01));
  const auto& read = r.figures.phases.at(1);
  CHECK(read.completion == Approx(10.0).epsilon(1e-6));
  CHECK(r.figures.bound.write.bytes_per_second() == Approx(1e9));
}

namespace {
/** 10 GB at 1 GB/s: the rate is 1 GB/s within 0.1 %, whatever the sampling (issue 40). */
void check_one_link_rates(const std::string& interval) {
  auto r = simulate_sampled(kRoot / "tests/data/one-link.yaml", interval);
  for (const auto& ph : r.figures.phases) {
    CHECK(ph.sustained == Approx(1e9).epsilon(1e-3));
    CHECK(ph.peak == Approx(1e9).epsilon(1e-3));
    CHECK(ph.average == Approx(1e9).epsilon(1e-3));
  }
}
}  // namespace

TEST_CASE("rates from the exact acknowledged-bytes curve: a phase of under three buckets (issue 40)", "[sim][rates]") {
  check_one_link_rates("3.7 s");  // the 10 s phase spans 2.7 buckets
}

TEST_CASE("rates from the exact acknowledged-bytes curve: a phase off the sample grid (issue 40)", "[sim][rates]") {
  check_one_link_rates("370 ms");  // buckets spread over whole buckets gave less
}

TEST_CASE("two identical checkpoints report identical rates, at any offset from the sample grid (issue 40)", "[sim][rates]") {
  auto r = simulate_sampled(kRoot / "tests/data/timeline-sync.yaml", "370 ms");
  REQUIRE(r.figures.phases.size() == 2);
  CHECK(r.figures.phases[0].sustained == Approx(r.figures.phases[1].sustained).epsilon(1e-3));
  CHECK(r.figures.phases[0].peak == Approx(r.figures.phases[1].peak).epsilon(1e-3));
  CHECK(r.figures.phases[1].sustained == Approx(1e9).epsilon(1e-3));
}

TEST_CASE("a full write buffer switches the burst rate to the destage rate at the computed time", "[sim]") {
  auto r = simulate(kRoot / "tests/data/buffer-fill.yaml");
  const auto& res = r.result;
  const double dt = res.sample_interval;
  // Ingest 2 GB/s, destage 1 GB/s: +1 GB/s into a 20 GB buffer -> full at 20 s.
  double full_at = 0;
  for (size_t k = 0; k < res.buffer_fill.size(); ++k)
    if (res.buffer_fill[k] >= 0.97 * res.buffer_capacity) {
      full_at = (k + 1) * dt;
      break;
    }
  CHECK(full_at == Approx(20.0).margin(1.0));
  auto rate = [&](double t0, double t1) {
    return amount_in_window(res.phases[0].user_bytes, dt, t0, t1) / (t1 - t0);
  };
  CHECK(rate(2, 18) == Approx(2e9).epsilon(0.02));   // burst: the client NIC
  CHECK(rate(30, 75) == Approx(1e9).epsilon(0.02));  // sustained: the destage rate
  // 40 GB in the first 20 s, the other 60 GB at 1 GB/s.
  CHECK(r.figures.phases[0].completion == Approx(80.0).epsilon(0.02));
  CHECK(r.figures.phases[0].bottleneck()->cls == ResourceClass::capacity_ssd);
}

TEST_CASE("migration through the C-nodes: burst at the ports' 1.25, sustained at their 2.5 B per user byte", "[sim][migration]") {
  auto r = simulate(kRoot / "tests/data/migrate-ports.yaml");
  // 10 x 1 GB/s ports in; 8+2 buffer (1.25) and 8+2 capacity (1.25) stripes.
  CHECK(r.figures.bound.write.bytes_per_second() == Approx(8e9).epsilon(1e-3));
  CHECK(r.figures.bound.sustained.bytes_per_second() == Approx(4e9).epsilon(1e-3));
  CHECK(r.figures.sustained_limits.front().resource == "dnode_port in");
  CHECK(r.figures.sustained_limits.front().per_user_byte == Approx(2.5));
  // The high-water mark: 50 % of 10 x 20 GB of strips at 10 GB/s = 10 s.
  CHECK(r.result.migration_started_at == Approx(10.0).epsilon(0.01));
  REQUIRE(r.figures.writes);
  const auto& w = *r.figures.writes;
  REQUIRE(w.sustained);
  CHECK(w.sustained->rate() == Approx(4e9).epsilon(0.01));  // in = out: ports in at 2.5 B per user byte
  CHECK(w.sustained->utilization.front().label() == "dnode_port in");
  const auto rate = [&](double t0, double t1) { return amount_in_window(r.result.phases[0].user_bytes, 0.5, t0, t1) / (t1 - t0); };
  CHECK(rate(0.5, 9.5) == Approx(8e9).epsilon(0.01));  // the burst, before migration starts
  CHECK(w.migrated == Approx(800e9).epsilon(1e-6));    // every byte reaches the capacity tier (flushed at the end)
  CHECK(r.result.end_time >= w.sustained->end);
}

// C-node CPU closed forms: 4 cores at 1 GHz, 1 cycle per byte written and 2 read (one engine per test case).
namespace {
void check_cpu_bound(const Run& r) {
  const auto& w = r.figures.phases.at(0);
  const auto& rd = r.figures.phases.at(1);
  // 4 cores x 1 GHz / 1 cycle per byte = 4 GB/s of writes: 40 GB in 10 s; 2 cycles per byte read: 20 GB in 10 s.
  CHECK(w.completion == Approx(10.0).epsilon(0.01));
  CHECK(rd.completion == Approx(10.0).epsilon(0.01));
  CHECK(w.bottleneck()->cls == ResourceClass::cnode_cpu);
  CHECK(w.bottleneck()->mean == Approx(1.0).epsilon(0.01));
  CHECK(rd.bottleneck()->cls == ResourceClass::cnode_cpu);
}
}  // namespace

TEST_CASE("C-node CPU: a CPU-bound stage runs at the CPU's rate, 100 MB chunks", "[sim][cpu]") {
  check_cpu_bound(cpu_on_path("cnode-4-cores", 8, "100 MB"));
}
TEST_CASE("C-node CPU: a CPU-bound stage runs at the CPU's rate, 5 GB chunks", "[sim][cpu]") {
  check_cpu_bound(cpu_on_path("cnode-4-cores", 8, "5 GB"));
}

TEST_CASE("C-node CPU: a network-bound stage leaves the CPU idle, never pacing it", "[sim][cpu]") {
  auto r = cpu_on_path("cnode-4-cores-1GBps", 8, "1 GB");
  const auto& w = r.figures.phases.at(0);
  // The 1 GB/s port binds: 40 GB in 40 s; the CPU works 1 cycle per byte of 4 per ns: 25 % busy.
  CHECK(w.completion == Approx(40.0).epsilon(0.01));
  CHECK(w.bottleneck()->cls == ResourceClass::cnode_port);
  for (const auto& u : w.utilization)
    if (u.cls == ResourceClass::cnode_cpu) CHECK(u.mean == Approx(0.25).epsilon(0.01));
}

TEST_CASE("C-node CPU: one stream uses at most one core", "[sim][cpu]") {
  // One stream: 1 GB/s written (one core at 1 cycle per byte), 0.5 GB/s read.
  auto one = cpu_on_path("cnode-4-cores", 1, "1 GB");
  CHECK(one.figures.phases.at(0).completion == Approx(40.0).epsilon(0.01));
  CHECK(one.figures.phases.at(1).completion == Approx(40.0).epsilon(0.01));
}
TEST_CASE("C-node CPU: two streams use two cores", "[sim][cpu]") {
  auto two = cpu_on_path("cnode-4-cores", 2, "1 GB");
  CHECK(two.figures.phases.at(0).completion == Approx(20.0).epsilon(0.01));
  CHECK(two.figures.phases.at(1).completion == Approx(20.0).epsilon(0.01));
}

TEST_CASE("migration through the C-nodes: the CPU binds at (write + migrate) cycles per user byte", "[sim][migration]") {
  auto r = simulate(kRoot / "tests/data/migrate-cpu.yaml");
  // 2 x 1 GHz / (0.2 + 0.8) cycles/B = 2 GB/s, below the ports' 4 GB/s.
  CHECK(r.figures.bound.sustained.bytes_per_second() == Approx(2e9).epsilon(1e-3));
  CHECK(r.figures.sustained_limits.front().resource == "cnode_cpu compute");
  REQUIRE(r.figures.writes);
  REQUIRE(r.figures.writes->sustained);
  const auto& s = *r.figures.writes->sustained;
  CHECK(s.utilization.front().label() == "cnode_cpu compute");
  // Never above the closed form. Migration is background work (it runs on the cycles client
  // writes leave, on the C-node with the least migration in flight), so the CPUs stay 100 % busy;
  // what is left is the buffer's shape: every stripe has a strip on each of the 10 enclosures, so
  // the fullest one admits every write, while the others drain below full (fill 196 -> 161 GB over
  // the regime). Writes run under migration by that drift: 3.6 % over the regime, 4 % in [100, 200] s.
  CHECK(s.rate() <= 2e9 * 1.001);
  CHECK(s.rate() == Approx(2e9).epsilon(0.05));
  CHECK(s.utilization.front().mean == Approx(1.0).epsilon(0.005));
  const auto rate = [&](double t0, double t1) { return amount_in_window(r.result.phases[0].user_bytes, 0.5, t0, t1) / (t1 - t0); };
  CHECK(rate(100, 200) == Approx(2e9).epsilon(0.05));  // deep in the sustained regime
}

TEST_CASE("migration inside the enclosures: no fabric, no C-node work, writes stay at the burst rate", "[sim][migration]") {
  auto r = simulate(kRoot / "tests/data/migrate-enclosure.yaml");
  CHECK(r.figures.bound.sustained.bytes_per_second() == Approx(8e9).epsilon(1e-3));
  REQUIRE(r.figures.writes);
  CHECK_FALSE(r.figures.writes->sustained);  // migration keeps up: the buffer never fills
  CHECK(r.figures.phases[0].completion == Approx(100.0).epsilon(1e-3));  // 800 GB at 8 GB/s
}

TEST_CASE("the simulated throughput never exceeds the max-flow bound", "[sim][bound]") {
  auto r = simulate(kRoot / "scenarios/small-pod.yaml");
  for (const auto& m : r.figures.phases) {
    const auto bound = m.kind == PhaseKind::checkpoint_write ? r.figures.bound.write : r.figures.bound.read;
    // 1 %: acknowledged bytes are spread evenly over each chunk's lifetime (docs/metrics.md).
    CHECK(m.sustained <= bound.bytes_per_second() * 1.01);
    CHECK(m.sustained > 0.5 * bound.bytes_per_second());  // and it is not far below on a balanced design
    for (const auto& u : m.utilization) CHECK(u.mean <= 1.02);
  }
}

TEST_CASE("multi-site drain: each site's copy runs at its WAN link's rate", "[sim][sites]") {
  // Site A copies 10 GB over 1 GB/s, site B 10 GB over 2 GB/s; the object store never binds.
  auto r = simulate(kRoot / "tests/data/two-sites-wan-drain.yaml");
  const auto& drain = r.figures.phases.at(1);
  REQUIRE(drain.kind == PhaseKind::object_store_drain);
  CHECK(drain.completion == Approx(10.0).epsilon(1e-6));
  CHECK(drain.writer_completion.p50 == Approx(5.0).epsilon(1e-6));  // site B's C-node
  CHECK(drain.bottleneck()->cls == ResourceClass::wan);
  CHECK(drain.bottleneck()->max == Approx(1.0).epsilon(0.01));
  CHECK(r.figures.bound.drain.bytes_per_second() == Approx(3e9));  // 1 + 2 GB/s of WAN
  // The checkpoint before it stays local: each client's 10 GB at its 1 GB/s NIC, sites in parallel.
  CHECK(r.figures.phases.at(0).completion == Approx(10.0).epsilon(1e-6));
}

TEST_CASE("multi-site drain: the object store's account ingress is shared by every site", "[sim][sites]") {
  // 3 accounts x 0.5 GB/s = 1.5 GB/s for both sites' 20 GB: 13.33 s, both sites together.
  auto r = simulate(kRoot / "tests/data/two-sites-accounts-drain.yaml");
  const auto& drain = r.figures.phases.at(1);
  CHECK(drain.completion == Approx(20.0 / 1.5).epsilon(1e-6));
  CHECK(drain.writer_completion.p50 == Approx(20.0 / 1.5).epsilon(1e-6));
  CHECK(drain.bottleneck()->cls == ResourceClass::object_store);
  CHECK(r.figures.bound.drain.bytes_per_second() == Approx(1.5e9));
}

TEST_CASE("a synchronous checkpoint stalls training for exactly its write time", "[sim][timeline]") {
  // 10 GB over 1 GB/s: 10 s per checkpoint, after 100 s of compute each.
  auto r = simulate(kRoot / "tests/data/timeline-sync.yaml");
  REQUIRE(r.figures.timelines.size() == 1);
  const auto& t = r.figures.timelines[0];
  const auto& rec = r.result.timelines[0];
  REQUIRE(rec.stall.size() == 2);
  CHECK(rec.stall[0] == Approx(10.0).epsilon(1e-6));
  CHECK(rec.stall[1] == Approx(10.0).epsilon(1e-6));
  CHECK(rec.checkpoint_start[1] == Approx(210.0).epsilon(1e-6));
  CHECK(t.training_time == Approx(220.0).epsilon(1e-6));
  CHECK(t.lost_fraction == Approx(20.0 / 220.0).epsilon(1e-6));
  // Young: sqrt(2 x 10 s x 3600 s).
  REQUIRE(t.young.has_value());
  CHECK(*t.young == Approx(std::sqrt(2 * 10.0 * 3600.0)).epsilon(1e-6));
}

TEST_CASE("an asynchronous checkpoint stalls only for the host copy when the write keeps up", "[sim][timeline]") {
  // 10 GB to host memory at 100 GB/s: 0.1 s; the 10 s write runs during the next 100 s of compute.
  auto r = simulate(kRoot / "tests/data/timeline-async.yaml");
  const auto& rec = r.result.timelines.at(0);
  REQUIRE(rec.stall.size() == 3);
  for (double s : rec.stall) CHECK(s == Approx(0.1).epsilon(1e-6));
  CHECK(r.figures.timelines[0].training_time == Approx(3 * 100.1).epsilon(1e-6));
  for (const auto& ph : r.figures.phases) CHECK(ph.completion == Approx(10.0).epsilon(1e-6));
}

TEST_CASE("an asynchronous checkpoint waits for the previous write when it is late", "[sim][timeline]") {
  // Write 1 runs 5.1 .. 15.1 s; checkpoint 2 stops training at 10.1 s: 5 s wait + 0.1 s copy.
  auto r = simulate(kRoot / "tests/data/timeline-async-late.yaml");
  const auto& rec = r.result.timelines.at(0);
  REQUIRE(rec.stall.size() == 2);
  CHECK(rec.stall[0] == Approx(0.1).epsilon(1e-6));
  CHECK(rec.checkpoint_start[1] == Approx(10.1).epsilon(1e-6));
  CHECK(rec.stall[1] == Approx(5.1).epsilon(1e-6));
}

TEST_CASE("a restore reads every shard back at the read rate", "[sim]") {
  auto r = simulate(kRoot / "tests/data/restore-one-link.yaml");
  REQUIRE(r.figures.phases.size() == 2);
  CHECK(r.figures.phases[1].kind == PhaseKind::restore_read);
  CHECK(r.figures.phases[1].writers == 1);
  CHECK(r.figures.phases[1].completion == Approx(10.0).epsilon(1e-6));
}

TEST_CASE("two jobs on one C-node port share it from the moment the second starts", "[sim][jobs]") {
  auto r = simulate(kRoot / "tests/data/two-jobs-shared-cnode.yaml");
  REQUIRE(r.figures.phases.size() == 2);
  CHECK(r.figures.phases[0].name == "a.checkpoint-1");
  CHECK(r.figures.phases[1].name == "b.checkpoint-1");
  CHECK(r.result.phases[1].start == Approx(5.0).epsilon(1e-9));
  CHECK(r.figures.phases[0].completion == Approx(15.0).epsilon(1e-3));
  CHECK(r.figures.phases[1].completion == Approx(15.0).epsilon(1e-3));
  CHECK(r.figures.phases[0].bottleneck()->cls == ResourceClass::cnode_port);
}

TEST_CASE("pre-staging from the object store runs at each site's WAN rate", "[sim][sites]") {
  auto r = simulate(kRoot / "tests/data/two-sites-wan-fetch.yaml");
  const auto& fetch = r.figures.phases.at(0);
  REQUIRE(fetch.kind == PhaseKind::object_store_fetch);
  CHECK(fetch.completion == Approx(10.0).epsilon(1e-6));
  REQUIRE(fetch.site_completion.size() == 2);
  CHECK(fetch.site_completion[1] == Approx(5.0).epsilon(1e-6));
  CHECK(fetch.bottleneck()->cls == ResourceClass::wan);
  CHECK(r.figures.bound.fetch.bytes_per_second() == Approx(3e9));
}

TEST_CASE("fsync: a writer is done when its bytes are durable in the write buffer", "[sim]") {
  // 10 GB: 10 s through the 1 GB/s client NIC, 20 s into the 0.5 GB/s write buffer.
  auto r = simulate(kRoot / "tests/data/fsync-true.yaml");
  CHECK(r.result.phases.at(0).writer_done.at(0) == Approx(20.0).epsilon(1e-6));
}

TEST_CASE("no fsync: a writer is done when its bytes have left the node", "[sim]") {
  auto r = simulate(kRoot / "tests/data/fsync-false.yaml");
  CHECK(r.result.phases.at(0).writer_done.at(0) == Approx(10.0).epsilon(1e-6));
}

namespace {
const FaultImpact& only_fault(const Run& r) {
  REQUIRE(r.figures.faults.has_value());
  REQUIRE(r.figures.faults->faults.size() == 1);
  return r.figures.faults->faults.front();
}
}  // namespace

TEST_CASE("a rebuild with nothing else running takes data / rebuild rate", "[sim][faults]") {
  auto r = simulate(kRoot / "tests/data/fault-rebuild.yaml");
  const auto& f = only_fault(r);
  REQUIRE(f.rebuild_time.has_value());
  CHECK(*f.rebuild_time == Approx(10e9 / 1e9).epsilon(1e-3));  // 10 GB at 1 GB/s
  CHECK(f.record.rebuilt == Approx(10e9));
}

TEST_CASE("a WAN outage grows the drain backlog by the drain deficit x the outage", "[sim][faults]") {
  auto r = simulate(kRoot / "tests/data/fault-wan-outage.yaml");
  const auto& f = only_fault(r);
  // 1 GB checkpointed every 3 s, nothing drained for 30 s: 1/3 GB/s x 30 s = 10 GB more backlog.
  REQUIRE(f.backlog_at_end.has_value());
  CHECK(*f.backlog_at_end - *f.backlog_at_start == Approx(1e9 / 3 * 30).epsilon(0.01));
  CHECK(*f.written_during == Approx(10e9).epsilon(0.01));
  // Afterwards the backlog shrinks at the WAN's 2 GB/s less the 1/3 GB/s still written: about 6 s.
  REQUIRE(f.catch_up.has_value());
  CHECK(*f.catch_up == Approx(10.0 / (2 - 1.0 / 3)).epsilon(0.1));
  // 5 GB of local space: the backlog passes it 15 s into the outage (5 checkpoints later).
  REQUIRE(f.local_full_at.has_value());
  CHECK(*f.local_full_at == Approx(26).margin(1.5));
}

TEST_CASE("a NIC port down halves the node's rate while it is down", "[sim][faults]") {
  auto r = simulate(kRoot / "tests/data/fault-link-loss.yaml");
  const auto& f = only_fault(r);
  // 4 GB at 2 GB/s, 4 GB at 1 GB/s during 2..6 s, 12 GB at 2 GB/s: 12 s.
  CHECK(r.figures.phases.at(0).completion == Approx(12.0).epsilon(1e-3));
  CHECK(*f.rate_before == Approx(2e9).epsilon(0.01));
  CHECK(*f.rate_during == Approx(1e9).epsilon(0.01));
  CHECK(*f.rate_after == Approx(2e9).epsilon(0.01));
  // One phase, overlapping the fault: 20 GB in its 12 s.
  CHECK(f.before.empty());
  CHECK(f.after.empty());
  REQUIRE(f.during.phases.size() == 1);
  CHECK(*f.during.rate() == Approx(20e9 / 12).epsilon(1e-3));
}

TEST_CASE("a lost C-node's stream retries its chunk on a survivor after the failover delay", "[sim][faults]") {
  auto r = simulate(kRoot / "tests/data/fault-cnode-loss.yaml");
  const auto& f = only_fault(r);
  CHECK(r.figures.phases.at(0).completion == Approx(18.0).epsilon(1e-3));
  CHECK(f.record.moved_streams == 1);
  CHECK(f.record.retried == Approx(1e9));  // the chunk in flight, sent again whole
}

TEST_CASE("a lost C-node's share of a fetch moves to a survivor after the failover delay", "[sim][faults]") {
  auto r = simulate(kRoot / "tests/data/fault-cnode-loss-fetch.yaml");
  const auto& f = only_fault(r);
  CHECK(r.figures.phases.at(0).completion == Approx(10.25).epsilon(1e-3));
  CHECK(f.record.retried == Approx(1e9));
}

TEST_CASE("servers with internal drives: RAID amplifies drive bytes only, a protocol limit caps each client", "[sim][servers]") {
  auto r = simulate(kRoot / "tests/data/servers-raid.yaml");
  const auto& write = r.figures.phases.at(0);
  // 4 servers x 10 drives x 1 GB/s / (10/8) = 32 GB/s; the NICs carry each user byte once.
  CHECK(write.sustained == Approx(32e9).epsilon(0.01));
  CHECK(write.bottleneck()->cls == ResourceClass::buffer_ssd);
  for (const auto& u : write.utilization)
    if (u.cls == ResourceClass::cnode_port && u.direction == "down") CHECK(u.mean == Approx(0.32).epsilon(0.02));
  // Reads: 8 clients x their protocol's 8 GB/s = 64 GB/s, below the drives' 80 GB/s.
  const auto& read = r.figures.phases.at(1);
  CHECK(read.sustained == Approx(64e9).epsilon(0.01));
  CHECK(read.bottleneck()->cls == ResourceClass::client_nic);
  CHECK(r.figures.bound.write.gigabytes_per_second() == Approx(32).epsilon(1e-3));
  CHECK(r.figures.bound.read.gigabytes_per_second() == Approx(64).epsilon(1e-3));
}

TEST_CASE("servers: copies across servers cross the sender's NICs out and the peers' NICs in", "[sim][servers]") {
  auto r = simulate(kRoot / "tests/data/servers-replicas.yaml");
  const auto& write = r.figures.phases.at(0);
  // 3 copies sent on by the server: 4 x 12.5 GB/s in / 3 = 16.67 GB/s; NICs out carry 2 of 3.
  CHECK(write.sustained == Approx(50e9 / 3).epsilon(0.01));
  CHECK(write.completion == Approx(240e9 / (50e9 / 3)).epsilon(0.01));
  CHECK(write.bottleneck()->cls == ResourceClass::cnode_port);
  for (const auto& u : write.utilization)
    if (u.cls == ResourceClass::cnode_port && u.direction == "up") CHECK(u.mean == Approx(2.0 / 3).epsilon(0.02));
  CHECK(r.figures.bound.write.gigabytes_per_second() == Approx(50.0 / 3).epsilon(1e-3));
}

TEST_CASE("servers: a lost server takes no copies, the survivors store them among themselves", "[sim][servers][faults]") {
  auto r = simulate(kRoot / "tests/data/servers-replicas-loss.yaml");
  // Lost at 2 s; a 1 GB part already on its way lands within 0.25 s. After that, nothing arrives.
  const double dt = r.result.sample_interval;
  bool seen = false;
  for (const auto& res : r.result.resources) {
    if (res.name != "server-0-port" || res.direction != "down") continue;
    seen = true;
    double before = 0, after = 0;
    for (size_t k = 0; k < res.amount.size(); ++k) {
      if (double(k) * dt < 2.0) before += res.amount[k];
      if (double(k) * dt >= 2.5) after += res.amount[k];
    }
    CHECK(before > 0);
    CHECK(after == 0);
  }
  CHECK(seen);
}

TEST_CASE("servers: erasure coding across servers sent by the client loads the client's NICs", "[sim][servers]") {
  auto r = simulate(kRoot / "tests/data/servers-client-ec.yaml");
  const auto& write = r.figures.phases.at(0);
  // EC 2 + 1 from 2 clients of 12.5 GB/s: each user byte leaves the client 1.5 times.
  CHECK(write.sustained == Approx(25e9 / 1.5).epsilon(0.01));
  CHECK(write.bottleneck()->cls == ResourceClass::client_nic);
  for (const auto& u : write.utilization)
    if (u.cls == ResourceClass::cnode_port && u.direction == "down") CHECK(u.mean == Approx(0.5).epsilon(0.02));
  CHECK(r.figures.bound.write.gigabytes_per_second() == Approx(25.0 / 1.5).epsilon(1e-3));
}

// Data movement (docs/data-movement.md): one closed form per strategy, each naming its own bottleneck.
TEST_CASE("movement: a latency-bound stream carries request / (round trip + request / bandwidth)", "[sim][movement]") {
  // 1 GB in 10 MB requests, one stream, 100 ms round trip, 1 GB/s WAN: 100 x (0.1 + 0.01) s = 11 s.
  auto r = simulate(kRoot / "tests/data/movement-latency.yaml");
  const auto& m = r.figures.phases.at(0);
  CHECK(m.completion == Approx(11.0).epsilon(1e-6));
  CHECK(m.bottleneck()->cls == ResourceClass::request_round_trip);
  CHECK(m.bottleneck()->mean == Approx(0.1 / 0.11).epsilon(0.01));
  const auto& f = *r.figures.movement.at(0);
  CHECK(f.stream_ceiling == Approx(10e6 / 0.11).epsilon(1e-9));
  CHECK(f.ceiling_name() == "request round trips");
}

TEST_CASE("movement: a stream's CPU work runs beside its transfer, and its round trip follows both", "[sim][movement]") {
  // 100 MB in 10 MB requests on one copy-host core at 20 MB/s, 100 ms round trip: 10 x (0.1 + 0.5) s.
  auto r = simulate(kRoot / "tests/data/movement-cpu-stream.yaml");
  const auto& m = r.figures.phases.at(0);
  CHECK(m.completion == Approx(6.0).epsilon(1e-6));
  const auto& f = *r.figures.movement.at(0);
  CHECK(f.stream_ceiling == Approx(10e6 / 0.6).epsilon(1e-9));
  CHECK(f.core_ceiling == Approx(20e6).epsilon(1e-9));
  CHECK(f.streams_for_target == 3);  // 50 MB/s at 16.7 MB/s a stream
}

TEST_CASE("movement: a WAN-bound storage mover runs at the WAN link's rate", "[sim][movement]") {
  auto r = simulate(kRoot / "tests/data/movement-mover-wan.yaml");  // 10 GB over 1 GB/s
  const auto& m = r.figures.phases.at(0);
  CHECK(m.completion == Approx(10.0).epsilon(1e-6));
  CHECK(m.bottleneck()->cls == ResourceClass::wan);
  CHECK(r.figures.movement.at(0)->wan_utilization == Approx(1.0).epsilon(0.01));
}

TEST_CASE("movement: copy hosts bind at their NICs, and the target sizes how many are needed", "[sim][movement]") {
  auto r = simulate(kRoot / "tests/data/movement-copy-hosts.yaml");  // 2 hosts x 1 GB/s, 20 GB
  const auto& m = r.figures.phases.at(0);
  CHECK(m.completion == Approx(10.0).epsilon(1e-6));
  CHECK(m.bottleneck()->cls == ResourceClass::copy_host_nic);
  CHECK(m.bottleneck()->mean == Approx(1.0).epsilon(0.01));
  const auto& f = *r.figures.movement.at(0);
  CHECK(f.hosts == 2);
  CHECK(f.hosts_for_target == 5);  // 5 GB/s at 1 GB/s each
  CHECK(r.result.phases.at(0).writer_done.size() == 2);
}

TEST_CASE("movement: a service-to-service copy binds at the accounts' ingress", "[sim][movement]") {
  auto r = simulate(kRoot / "tests/data/movement-service-copy.yaml");  // 3 x 0.5 GB/s, 15 GB
  const auto& m = r.figures.phases.at(0);
  CHECK(m.completion == Approx(10.0).epsilon(1e-6));
  CHECK(m.bottleneck()->cls == ResourceClass::object_store);
  const auto& f = *r.figures.movement.at(0);
  CHECK(f.account_ceiling == Approx(1.5e9));
  CHECK(f.accounts_for_target == 6);  // 3 GB/s at 0.5 GB/s each
}
