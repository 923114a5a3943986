#include "workloads/phase_parsers.hpp"

#include <algorithm>
#include <stdexcept>

#include "workloads/checkpoint_presets.hpp"
#include "workloads/checkpoint_shape.hpp"
#include "workloads/movement_parser.hpp"
#include "topology/format.hpp"

namespace podsim {

const PhaseSpec* JobContext::checkpoint(const std::string& local) const {
  const PhaseSpec* found = nullptr;
  for (const auto& e : earlier)
    if (e.kind == PhaseKind::checkpoint_write && e.name.rfind(prefix, 0) == 0 &&
        (local.empty() || e.name == prefix + local))
      found = &e;
  return found;
}

namespace {

/** Spreads n writers over the job's nodes as evenly as possible (first nodes get the extra one). */
std::vector<int> spread(long long n, const JobContext& job) {
  std::vector<int> out(job.layout.client_count(), 0);
  for (int c = 0; c < job.clients; ++c)
    out[job.first_client + c] = static_cast<int>(n / job.clients + (c < n % job.clients ? 1 : 0));
  return out;
}

/** GPUs per client node of the layout, zero outside the job's nodes. */
std::vector<int> job_gpus_on_client(const JobContext& job) {
  const auto all = job.layout.gpus_per_client();
  std::vector<int> out(all.size(), 0);
  for (int c = job.first_client; c < job.first_client + job.clients; ++c) out[c] = all[c];
  return out;
}

long long job_gpus(const JobContext& job) {
  long long n = 0;
  for (int g : job_gpus_on_client(job)) n += g;
  return n;
}

/** A writer or reader count: a benchmark may run more threads per node than the node has GPUs. */
constexpr long long kMaxThreadsPerNode = 1024;
long long max_writers(const JobContext& job) { return std::max(job_gpus(job), job.clients * kMaxThreadsPerNode); }

Bytes chunk_of(const YamlNode& phase) {
  auto c = phase.optional("chunk");
  Bytes chunk = c ? c->as_bytes() : MiB(64);
  if (chunk.bytes() < 1) c->fail("chunk must be at least 1 B");
  return chunk;
}

/** Streams per writer: a count, or `fill` (sized at load so the clients can load the design). */
void streams_of(const YamlNode& p, const char* key, PhaseSpec& s) {
  auto st = p.optional(key);
  s.streams_fill = st && st->is_scalar() && st->as_string() == "fill";
  s.streams_per_writer = !st || s.streams_fill ? 1 : static_cast<int>(st->as_integer(1, 1024));
}

/** `files:` per-rank (0) or {per_node: N}. */
int files_per_node(const YamlNode& p) {
  auto f = p.optional("files");
  if (!f) return 0;
  if (f->is_scalar()) {
    if (f->as_string() != "per-rank") f->fail("expected 'per-rank' or {per_node: N}, got '" + f->as_string() + "'");
    return 0;
  }
  int n = static_cast<int>(f->required("per_node").as_integer(1, 4096));
  f->finish();
  return n;
}

/** `model:` a parallel training job's states; its shards say who writes how much. */
ParallelModel parallel_model(const YamlNode& m) {
  const auto defaults = default_model_states();
  ParallelModel pm;
  pm.parameters = m.required("parameters").as_number(1, 1e15);
  pm.weight_bytes = m.optional("weight_bytes") ? m.required("weight_bytes").as_number(0, 64) : defaults.weights;
  pm.optimizer_bytes = m.optional("optimizer_bytes") ? m.required("optimizer_bytes").as_number(0, 64) : defaults.optimizer;
  if (pm.weight_bytes < 0 || pm.optimizer_bytes < 0 || pm.weight_bytes + pm.optimizer_bytes <= 0)
    m.fail("weight_bytes and optimizer_bytes must not be negative, nor both zero");
  auto dim = [&](const char* k) { return m.optional(k) ? static_cast<int>(m.required(k).as_integer(1, 1 << 20)) : 1; };
  pm.tensor = dim("tensor");
  pm.pipeline = dim("pipeline");
  pm.data = dim("data");
  if (auto z = m.optional("zero")) pm.zero = static_cast<int>(z->as_integer(0, 3));
  m.finish();
  return pm;
}

/** Writers from a uniform checkpoint and the `writers:` keyword or count. */
WriterPlan uniform_writers(const YamlNode& p, const JobContext& job, Bytes total, int preset_ranks, int files) {
  auto n = p.optional("writers");
  std::string word = n ? (n->is_scalar() ? n->as_string() : "") : "all-gpus";
  const auto gpus = job.layout.gpus_per_client();
  long long ranks = -1;
  if (word == "all-gpus") ranks = job_gpus(job);
  if (word == "ranks") {
    if (preset_ranks <= 0) n->fail("'writers: ranks' takes the rank count of a preset: give 'preset'");
    ranks = preset_ranks;
  }
  if (ranks > 0) {
    std::vector<double> rank_bytes(static_cast<size_t>(ranks), total.bytes() / double(ranks));
    try {
      return place_ranks(rank_bytes, gpus, job.first_client, job.clients, files);
    } catch (const std::invalid_argument& e) {
      n->fail(e.what());
    }
  }
  WriterPlan plan;
  if (word == "one-per-node" || word == "all-nodes") {
    plan.on_client = spread(job.clients * std::max(files, 1), job);
  } else {
    if (files > 0) p.required("files").fail("files per node go with 'writers: all-gpus' or 'ranks', not a count");
    plan.on_client = spread(n->as_integer(1, max_writers(job)), job);
  }
  return plan;
}

}  // namespace

PhaseSpec parse_checkpoint(const YamlNode& p, const JobContext& job) {
  PhaseSpec s;
  s.kind = PhaseKind::checkpoint_write;
  auto preset = p.optional("preset");
  auto size = p.optional("size");
  auto params = p.optional("parameters");
  auto bpp = p.optional("bytes_per_parameter");
  auto model = p.optional("model");
  int given = (preset ? 1 : 0) + (size ? 1 : 0) + (params ? 1 : 0) + (model ? 1 : 0);
  if (given != 1)
    p.fail("give exactly one of 'preset', 'size', 'model', or 'parameters' with 'bytes_per_parameter'");
  const int files = files_per_node(p);
  int preset_ranks = 0;
  WriterPlan plan;
  if (model) {
    if (p.optional("writers")) p.required("writers").fail("a 'model' says which ranks write: leave 'writers' out");
    ParallelModel pm = parallel_model(*model);
    s.total = pm.total();
    std::vector<double> rank_bytes;
    for (long long r = 0; r < pm.ranks(); ++r) rank_bytes.push_back(pm.rank_bytes(r).bytes());
    try {
      plan = place_ranks(rank_bytes, job.layout.gpus_per_client(), job.first_client, job.clients, files);
    } catch (const std::invalid_argument& e) {
      model->fail(e.what());
    }
    s.writer_bytes = plan.bytes;
    s.description = format_bytes(s.total) + " checkpoint of " + format_number("%g", pm.parameters) +
                    " parameters, TP " + std::to_string(pm.tensor) + " x PP " + std::to_string(pm.pipeline) + " x DP " +
                    std::to_string(pm.data) + ", ZeRO " + std::to_string(pm.zero);
  } else {
    if (preset) {
      try {
        auto ps = checkpoint_preset(preset->as_string());
        s.total = ps.size;
        preset_ranks = ps.ranks;
        s.description = ps.name + " preset (" + format_bytes(ps.size) + ", " + ps.source + ")";
      } catch (const std::invalid_argument& e) {
        preset->fail(e.what());
      }
    } else if (size) {
      s.total = size->as_bytes();
      s.description = format_bytes(s.total) + " checkpoint";
    } else {
      if (!bpp) p.fail("'parameters' needs 'bytes_per_parameter'");
      double n = params->as_number(1, 1e15), b = bpp->as_number(0.01, 64);
      s.total = Bytes::from_bytes(n * b);
      s.description = format_bytes(s.total) + " checkpoint (" + format_number("%g", n) + " parameters x " +
                      format_number("%g", b) + " B)";
    }
    if (s.total.bytes() < 1) p.fail("the checkpoint has less than 1 B");
    plan = uniform_writers(p, job, s.total, preset_ranks, files);
  }
  if (bpp && !params) bpp->fail("'bytes_per_parameter' goes with 'parameters'");
  s.writers_on_client = plan.on_client;
  s.chunk = chunk_of(p);
  streams_of(p, "streams_per_writer", s);
  if (auto f = p.optional("fsync")) s.fsync = f->as_bool();
  if (auto r = p.optional("reduction")) {
    // A ratio with its source: `reduction: {value: 1.06, source: "..."}` (checkpoints of bf16/fp32 tensors reduce little).
    s.reduction_source = r->figure_source();
    if (s.reduction_source.empty()) r->fail("a data-reduction ratio needs its source: {value: R, source: \"...\"}");
    s.reduction = r->value().as_number(1, 100);
  }
  if (s.writer_count() == 0) p.fail("no rank writes anything");
  s.per_writer = s.total / double(s.writer_count());
  p.finish();
  return s;
}

PhaseSpec parse_restore(const YamlNode& p, const JobContext& job) {
  PhaseSpec s;
  if (auto of = p.optional("of")) {
    const PhaseSpec* ckpt = job.checkpoint(of->as_string());
    if (!ckpt) of->fail("no earlier checkpoint of this job is named '" + of->as_string() + "'");
    s = *ckpt;
    s.chunk = chunk_of(p);
    streams_of(p, "streams_per_reader", s);
    s.description = "restore of " + ckpt->name + ": " + ckpt->description;
    p.finish();
  } else {
    s = parse_checkpoint(p, job);
    s.description = "restore: " + s.description;
  }
  s.kind = PhaseKind::restore_read;
  return s;
}

PhaseSpec parse_prestage(const YamlNode& p, const JobContext& job) {
  PhaseSpec s;
  s.kind = PhaseKind::prestage_read;
  s.total = p.required("dataset").as_bytes();
  if (s.total.bytes() <= 0) p.required("dataset").fail("the dataset has no bytes");
  auto n = p.optional("readers");
  std::string word = n ? (n->is_scalar() ? n->as_string() : "") : "all-nodes";
  if (word == "all-gpus") s.writers_on_client = spread(job_gpus(job), job);
  else if (word == "all-nodes" || word == "one-per-node") s.writers_on_client = spread(job.clients, job);
  else s.writers_on_client = spread(n->as_integer(1, max_writers(job)), job);
  s.chunk = chunk_of(p);
  streams_of(p, "streams_per_reader", s);
  s.per_writer = s.total / double(s.writer_count());
  s.description = format_bytes(s.total) + " dataset read from the capacity tier";
  p.finish();
  return s;
}

namespace {

/** What a phase's clients weigh per site: its writers (a checkpoint), or the job's GPUs. */
std::vector<double> per_site(const Layout& l, const std::vector<int>& on_client) {
  std::vector<double> out;
  size_t client = 0;
  for (const auto& site : l.sites) {
    double n = 0;
    for (int i = 0; i < site.design.client_count; ++i) n += on_client[client++];
    out.push_back(n);
  }
  return out;
}

/** Who copies, for a phase's description. */
std::string copier_words(const PhaseSpec& s) {
  switch (s.movement.strategy) {
    case MovementStrategy::copy_hosts: return " by " + std::to_string(s.movement.hosts) + " copy hosts per site";
    case MovementStrategy::service_to_service: return " by the store itself (URL copy from each site's C-nodes)";
    case MovementStrategy::storage_mover: break;
  }
  return " by each site's C-nodes";
}

void require_store(const YamlNode& p, const Layout& l, const char* what) {
  if (!l.object_store)
    p.fail(std::string(what) + " the object store: the scenario needs a layout with `object_store:`");
}

}  // namespace

PhaseSpec drain_of(const PhaseSpec& ckpt, const YamlNode& p, const Layout& l) {
  PhaseSpec s;
  s.kind = PhaseKind::object_store_drain;
  s.total = ckpt.total;
  parse_copy(s, p, l, per_site(l, ckpt.writers_on_client));
  s.description = format_bytes(s.total) + " of " + ckpt.name + " copied to " + l.object_store->model.name +
                  copier_words(s);
  return s;
}

PhaseSpec parse_drain(const YamlNode& p, const JobContext& job) {
  require_store(p, job.layout, "a drain copies to");
  auto of = p.optional("of");
  auto size = p.optional("size");
  if (of && size) p.fail("give 'of' (an earlier checkpoint) or 'size' (data already on the local tier), not both");
  PhaseSpec s;
  if (size) {
    s.kind = PhaseKind::object_store_drain;
    s.total = size->as_bytes();
    if (s.total.bytes() <= 0) size->fail("the drain has no bytes");
    parse_copy(s, p, job.layout, per_site(job.layout, job_gpus_on_client(job)));
    s.description = format_bytes(s.total) + " of data on the local tier (split by GPUs per site) copied to " +
                    job.layout.object_store->model.name + copier_words(s);
  } else {
    const PhaseSpec* ckpt = job.checkpoint(of ? of->as_string() : "");
    if (!ckpt && of) of->fail("no earlier checkpoint phase is named '" + of->as_string() + "'");
    if (!ckpt) p.fail("a drain copies a checkpoint: put a checkpoint phase before it, or give 'size'");
    s = drain_of(*ckpt, p, job.layout);
  }
  p.finish();
  return s;
}

PhaseSpec parse_fetch(const YamlNode& p, const JobContext& job) {
  require_store(p, job.layout, "pre-staging reads from");
  PhaseSpec s;
  s.kind = PhaseKind::object_store_fetch;
  s.total = p.required("dataset").as_bytes();
  if (s.total.bytes() <= 0) p.required("dataset").fail("the dataset has no bytes");
  // Each site fetches for its own nodes of the job: shares follow the job's GPUs per site.
  parse_copy(s, p, job.layout, per_site(job.layout, job_gpus_on_client(job)));
  s.description = format_bytes(s.total) + " dataset copied from " + job.layout.object_store->model.name +
                  " over the WAN into the capacity tier" + copier_words(s);
  p.finish();
  return s;
}

PhaseSpec parse_trace(const YamlNode& p, const JobContext& job) {
  PhaseSpec s;
  s.kind = PhaseKind::trace_replay;
  auto file = p.required("file");
  auto path = job.dir / file.as_string();
  if (!std::filesystem::exists(path)) file.fail("trace file not found: " + path.string());
  auto ops = load_trace(path);
  const auto site_of = job.layout.site_of_client();
  for (auto& op : ops) {
    auto where = path.string() + ":" + std::to_string(op.line) + ": ";
    if (op.node >= job.clients)
      file.fail(where + "node " + std::to_string(op.node) + " is beyond the job's " + std::to_string(job.clients) + " nodes");
    op.node += job.first_client;
    const int cnodes = job.layout.sites[site_of[op.node]].design.cnode_count;
    if (op.cnode >= cnodes)
      file.fail(where + "cnode:" + std::to_string(op.cnode) + " is beyond the site's " + std::to_string(cnodes) + " C-nodes");
  }
  std::stable_sort(ops.begin(), ops.end(), [](const TraceOp& a, const TraceOp& b) {
    return a.node != b.node ? a.node < b.node : a.time.seconds() < b.time.seconds();
  });
  s.writers_on_client.assign(job.layout.client_count(), 0);
  long long reads = 0;
  for (const auto& op : ops) {
    ++s.writers_on_client[op.node];
    s.writer_bytes.push_back(op.bytes.bytes());
    s.total = s.total + op.bytes;
    reads += op.read ? 1 : 0;
  }
  s.ops = std::move(ops);
  s.chunk = s.total;  // an operation moves as one request
  s.per_writer = s.total / double(s.writer_count());
  s.description = std::to_string(s.ops.size()) + " traced operations (" + std::to_string(reads) + " reads, " +
                  format_bytes(s.total) + ") from " + file.as_string();
  p.finish();
  return s;
}

}  // namespace podsim
