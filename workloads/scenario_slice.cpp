#include "workloads/scenario_slice.hpp"

#include <cmath>
#include <stdexcept>

namespace podsim {

namespace {

[[noreturn]] void uneven(const std::string& what, int n) {
  throw std::invalid_argument(what + " is not spread evenly over " + std::to_string(n) +
                              " slices, so one slice cannot stand for the others");
}

/** A near slice's share of `whole` nodes or writers: within 10 % of 1/n of them (the slice rounds to
 *  whole leaves and nodes; a job on some of the clients could otherwise fall mostly in the first slice). */
bool near_share(long long kept, long long whole, int n) {
  return std::abs(double(kept) * n - double(whole)) <= 0.1 * double(whole) && (whole == 0 || kept > 0);
}

/** Whole-platform writer numbers of each client's first writer (writers are numbered client by client). */
std::vector<long long> first_writers(const std::vector<int>& writers_on_client) {
  std::vector<long long> first(writers_on_client.size() + 1, 0);
  for (size_t c = 0; c < writers_on_client.size(); ++c) first[c + 1] = first[c] + writers_on_client[c];
  return first;
}

PhaseSpec slice_phase(const PhaseSpec& ph, const PlatformSlice& slice, int n, Slicing how) {
  if (ph.kind == PhaseKind::trace_replay) throw std::invalid_argument("trace replay cannot be sliced: its operations name nodes");
  PhaseSpec out = ph;
  double kept = 0;
  if (ph.movement.strategy == MovementStrategy::copy_hosts)
    throw std::invalid_argument("copy hosts are not sliced: phase '" + ph.name + "' runs on every site's copy hosts");
  if (is_cnode_copy(ph.kind)) {
    out.per_cnode.clear();
    for (int c : slice.cnode_of) {
      out.per_cnode.push_back(ph.per_cnode[static_cast<size_t>(c)]);
      kept += ph.per_cnode[static_cast<size_t>(c)].bytes();
    }
  } else {
    const auto first = first_writers(ph.writers_on_client);
    out.writers_on_client.clear();
    out.writer_bytes.clear();
    for (int c : slice.client_of) {
      const int w = ph.writers_on_client[static_cast<size_t>(c)];
      out.writers_on_client.push_back(w);
      for (long long k = first[static_cast<size_t>(c)]; k < first[static_cast<size_t>(c)] + w; ++k) {
        if (!ph.writer_bytes.empty()) out.writer_bytes.push_back(ph.writer_bytes[static_cast<size_t>(k)]);
        kept += ph.bytes_of(k).bytes();
      }
    }
    if (how == Slicing::identical ? out.writer_count() * n != ph.writer_count() : !near_share(out.writer_count(), ph.writer_count(), n))
      uneven("phase '" + ph.name + "' (its writers)", n);
  }
  if (how == Slicing::near) {
    // The slice's nodes carry 1/n of the phase, spread as the whole spreads it over its nodes.
    if (kept <= 0 && ph.total.bytes() > 0) uneven("phase '" + ph.name + "' (no node of the slice takes part)", n);
    const double scale = kept > 0 ? ph.total.bytes() / n / kept : 1;
    out.per_writer = out.per_writer * scale;
    for (auto& b : out.writer_bytes) b *= scale;
    for (auto& b : out.per_cnode) b = b * scale;
    kept *= scale;
  }
  if (std::abs(kept * n - ph.total.bytes()) > 1e-6 * ph.total.bytes()) uneven("phase '" + ph.name + "' (its bytes)", n);
  out.total = Bytes::from_bytes(kept);
  return out;
}

}  // namespace

Scenario slice_scenario(const Scenario& sc, const PlatformSlice& slice, int n, Slicing how) {
  Scenario out = sc;
  // A WAN outage takes a link every slice shares, so each slice loses its share of it at once: the
  // fault is the same in every slice. Any other fault strikes one node, not one in every slice.
  for (auto& f : out.faults) {
    if (f.kind != FaultKind::wan_outage)
      throw std::invalid_argument("faults other than wan_outage cannot be sliced: a fault strikes one node, not one in every slice");
    for (int& l : f.links) {
      l = slice.link_in_slice.at(static_cast<size_t>(l));
      if (l < 0) throw std::invalid_argument("a WAN outage's link is not one every slice shares, so it cannot be sliced");
    }
  }
  for (auto& ph : out.phases) ph = slice_phase(ph, slice, n, how);
  // A job keeps the slice's share of its nodes, which must be 1/n of them (on a near slice, within 10 %).
  for (auto& job : out.jobs) {
    int first = -1, count = 0;
    for (size_t i = 0; i < slice.client_of.size(); ++i) {
      const int c = slice.client_of[i];
      if (c < job.first_client || c >= job.first_client + job.clients) continue;
      if (first < 0) first = static_cast<int>(i);
      ++count;
    }
    if (how == Slicing::identical ? count * n != job.clients : !near_share(count, job.clients, n))
      uneven("job '" + job.name + "' (its client nodes)", n);
    job.first_client = first;
    job.clients = count;
  }
  return out;
}

}  // namespace podsim
