// `phases:` (one job on every node) or `jobs:` (several, each on nodes of its own), and the steps
// of each: phases and training timelines.
#include "workloads/job_parser.hpp"

#include "topology/format.hpp"
#include "workloads/phase_parsers.hpp"
#include "workloads/scenario_limits.hpp"

namespace podsim {
namespace {

/**
 * Every chunk is a few simulated events, and every stream holds state even when it moves less than
 * a chunk: beyond 10^8 of either a run would not end in any useful time, or not fit in memory.
 */
void check_chunk_count(const YamlNode& body, const PhaseSpec& ph) {
  constexpr double kMostChunks = 1e8;
  if (ph.chunk.bytes() <= 0) return;
  const double chunks = ph.total.bytes() / ph.chunk.bytes();
  if (chunks > kMostChunks)
    body.fail("this phase would move " + format_number("%.3g", chunks) + " chunks (" + format_bytes(ph.total) + " in " +
              format_bytes(ph.chunk) + " chunks); at most 1e8 can be simulated: use a larger 'chunk'");
  const double streams = double(ph.writer_count()) * ph.streams_per_writer;
  if (streams > kMostChunks)
    body.fail("this phase would open " + format_number("%.3g", streams) + " streams (" +
              std::to_string(ph.writer_count()) + " x " + std::to_string(ph.streams_per_writer) +
              "); at most 1e8 can be simulated: use fewer writers or streams");
}

/** A training timeline: its checkpoints (and drains) become phases named `<timeline>.<phase>-k`. */
void parse_timeline(const YamlNode& t, const JobContext& job, int job_index, const std::string& name, Scenario& sc) {
  TimelineSpec tl;
  tl.name = name;
  tl.interval = t.required("interval").as_duration();
  if (tl.interval.seconds() <= 0) t.required("interval").fail("the compute interval must be positive");
  const int count = static_cast<int>(t.required("checkpoints").as_integer(1, 10000));
  const std::string mode = t.optional("mode") ? t.required("mode").as_string() : "sync";
  if (mode != "sync" && mode != "async") t.required("mode").fail("expected 'sync' or 'async', got '" + mode + "'");
  tl.async = mode == "async";
  if (auto hc = t.optional("host_copy")) {
    if (!tl.async) hc->fail("'host_copy' is the async mode's copy to host memory: set 'mode: async'");
    tl.host_copy = hc->as_bandwidth();
    if (tl.host_copy.bytes_per_second() <= 0) hc->fail("must be positive");
  } else if (tl.async) {
    t.fail("async checkpoints need 'host_copy': the rate at which each writer copies its shard to host memory");
  }
  if (auto f = t.optional("failures")) {
    auto job_mtbf = f->optional("job_mtbf"), node_mtbf = f->optional("node_mtbf");
    if (job_mtbf.has_value() == node_mtbf.has_value()) f->fail("give one of 'job_mtbf' or 'node_mtbf'");
    // Independent node failures: the job fails at the sum of its nodes' rates.
    tl.job_mtbf = job_mtbf ? job_mtbf->as_duration() : node_mtbf->as_duration() / double(job.clients);
    if (tl.job_mtbf->seconds() <= 0) f->fail("the mean time between failures must be positive");
    f->finish();
  }
  auto ckpt = t.required("checkpoint");
  auto drain = t.optional("drain");
  if (drain && !job.layout.object_store)
    drain->fail("a background drain copies to the object store: the scenario needs a layout with `object_store:`");
  // Every checkpoint of the timeline is the same: resolve it (writers, shards) once, then copy and name it.
  PhaseSpec checkpoint = parse_checkpoint(ckpt, job);
  check_chunk_count(ckpt, checkpoint);
  check_buffer_fit(ckpt, sc, checkpoint);
  checkpoint.wait_for_buffer = false;
  checkpoint.job = job_index;
  for (int k = 1; k <= count; ++k) {
    tl.checkpoints.push_back(static_cast<int>(sc.phases.size()));
    sc.phases.push_back(checkpoint);
    sc.phases.back().name = name + ".checkpoint-" + std::to_string(k);
    if (!drain) continue;
    PhaseSpec d = drain_of(sc.phases.back(), *drain, job.layout);
    d.name = name + ".drain-" + std::to_string(k);
    d.wait_for_buffer = false;
    d.job = job_index;
    tl.drains.push_back(static_cast<int>(sc.phases.size()));
    sc.phases.push_back(std::move(d));
  }
  if (drain) drain->finish();
  t.finish();
  sc.timelines.push_back(std::move(tl));
}

/** The steps of one job, appended to sc.phases / sc.timelines. */
void parse_steps(const YamlNode& phases, Job& job, int job_index, Scenario& sc, bool prefixed) {
  if (!phases.is_sequence()) phases.fail("expected a list of phases");
  const std::string prefix = prefixed ? job.name + "." : "";
  int index = 1;
  for (const auto& item : phases.items()) {
    auto keys = item.keys();
    const char* known =
        "checkpoint, restore, prestage_read, prestage_from_object_store, drain, training or trace";
    if (keys.size() != 1) item.fail(std::string("each phase is a map with one key: ") + known);
    const std::string& k = keys[0];
    const auto body = item.required(k);
    JobContext ctx{sc.layout, job.first_client, job.clients, prefix, sc.file.parent_path(), sc.phases};
    const std::string base = k == "prestage_from_object_store" ? "fetch" : k == "prestage_read" ? "prestage" : k;
    const std::string name = prefix + base + "-" + std::to_string(index++);
    if (k == "training") {
      parse_timeline(body, ctx, job_index, name, sc);
      job.steps.push_back({true, static_cast<int>(sc.timelines.size()) - 1});
      continue;
    }
    PhaseSpec ph;
    if (k == "checkpoint") ph = parse_checkpoint(body, ctx);
    else if (k == "restore") ph = parse_restore(body, ctx);
    else if (k == "prestage_read") ph = parse_prestage(body, ctx);
    else if (k == "prestage_from_object_store") ph = parse_fetch(body, ctx);
    else if (k == "drain") ph = parse_drain(body, ctx);
    else if (k == "trace") ph = parse_trace(body, ctx);
    else item.fail("unknown phase '" + k + "' (expected " + known + ")");
    ph.name = name;
    ph.job = job_index;
    check_chunk_count(body, ph);
    check_buffer_fit(body, sc, ph);
    job.steps.push_back({false, static_cast<int>(sc.phases.size())});
    sc.phases.push_back(std::move(ph));
  }
  if (job.steps.empty()) phases.fail("the job has no phases");
}

}  // namespace

void parse_jobs(const YamlNode& s, Scenario& sc) {
  auto phases = s.optional("phases");
  auto jobs = s.optional("jobs");
  if (phases.has_value() == jobs.has_value()) s.fail("give 'phases' (one job on every node) or 'jobs', not both");
  const int clients = static_cast<int>(sc.layout.client_count());
  if (phases) {
    sc.jobs.push_back({"main", 0, clients, Duration(), {}});
    parse_steps(*phases, sc.jobs.back(), 0, sc, false);
    return;
  }
  if (!jobs->is_sequence() || jobs->items().empty()) jobs->fail("expected a list of jobs");
  int next_client = 0;
  const auto gpus = sc.layout.gpus_per_client();
  for (const auto& j : jobs->items()) {
    Job job;
    job.name = j.required("name").as_string();
    if (job.name.empty() || job.name.find_first_of(". /") != std::string::npos)
      j.required("name").fail("a job name is a word without '.', '/' or spaces");
    for (const auto& other : sc.jobs)
      if (other.name == job.name) j.required("name").fail("two jobs are named '" + job.name + "'");
    auto nodes = j.optional("nodes"), g = j.optional("gpus");
    if (nodes && g) j.fail("give 'nodes' or 'gpus', not both");
    const int left = clients - next_client;
    if (left <= 0) j.fail("no client nodes are left for this job: the jobs before it took all " + std::to_string(clients));
    job.first_client = next_client;
    if (nodes) {
      job.clients = static_cast<int>(nodes->as_integer(1, left));
    } else if (g) {
      long long want = g->as_integer(1, sc.layout.gpu_count()), have = 0;
      while (have < want && job.clients < left) have += gpus[next_client + job.clients++];
      if (have < want) g->fail("only " + std::to_string(have) + " GPUs are left for this job");
    } else {
      job.clients = left;  // the rest of the nodes
    }
    next_client += job.clients;
    if (auto st = j.optional("start")) {
      job.start = st->as_duration();
      if (job.start.seconds() < 0) st->fail("must not be negative");
    }
    sc.jobs.push_back(job);
    parse_steps(j.required("phases"), sc.jobs.back(), static_cast<int>(sc.jobs.size()) - 1, sc, true);
    j.finish();
  }
}

}  // namespace podsim
