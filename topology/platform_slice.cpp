#include "topology/platform_slice.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "topology/format.hpp"

namespace podsim {

namespace {

/** Copies links and leaves on first use, so the slice holds only what its nodes reach. */
class SliceBuilder {
 public:
  SliceBuilder(const PlatformSpec& whole, PlatformSpec& out, int n) : whole_(whole), out_(out), n_(n) {}
  /** The slice's copy of link i, its rates times `scale` (1/n: one slice's share of a link every
   *  slice crosses; a near slice's derating of a node's own link). */
  int link(int i, double scale = 1) {
    if (i < 0) return -1;
    auto [it, fresh] = links_.try_emplace(i, static_cast<int>(out_.links.size()));
    if (fresh) {
      auto l = whole_.links[static_cast<size_t>(i)];
      l.up = l.up * scale;
      l.down = l.down * scale;
      out_.links.push_back(std::move(l));
    }
    return it->second;
  }
  [[nodiscard]] double share() const { return 1.0 / n_; }
  /** Whole link index -> slice link index, -1 for links the slice does not reach. */
  [[nodiscard]] std::vector<int> link_map() const {
    std::vector<int> out(whole_.links.size(), -1);
    for (const auto& [whole, mine] : links_) out[static_cast<size_t>(whole)] = mine;
    return out;
  }
  int leaf(int i, bool client, double scale = 1) {
    auto& seen = client ? cleaves_ : sleaves_;
    auto& dst = client ? out_.client_leaves : out_.storage_leaves;
    auto [it, fresh] = seen.try_emplace(i, static_cast<int>(dst.size()));
    if (fresh) {
      auto l = (client ? whole_.client_leaves : whole_.storage_leaves)[static_cast<size_t>(i)];
      l.uplink = link(l.uplink, scale);  // sites keep their indices: every site has its slice
      dst.push_back(std::move(l));
    }
    return it->second;
  }

 private:
  const PlatformSpec& whole_;
  PlatformSpec& out_;
  int n_;
  std::map<int, int> links_, cleaves_, sleaves_;
};

/** How many of a site's `count` nodes one slice keeps, and the derating of each kept node's figures
 *  (1 for identical slices), noted in `rounding` when a near slice's count is not exact. */
struct Kept {
  int count = 0;
  double derate = 1;
};

/** Adds "117 C-nodes for 117.39 (each x 1.0033)" to a site's note when a near slice rounded a count. */
void note_rounding(std::string& rounding, const char* what, int kept, int count, int n) {
  if (kept * n == count) return;
  const double share = double(count) / n;
  rounding += (rounding.empty() ? "" : ", ") + std::to_string(kept) + " " + what + " for " + format_number("%.2f", share) +
              format_number(" (each x %.4f)", share / kept);
}

Kept slice_count(const std::string& site, const char* what, int count, int n, Slicing how, std::string& rounding) {
  if (how == Slicing::identical) {
    if (count % n != 0)
      throw std::invalid_argument("site '" + site + "' has " + std::to_string(count) + " " + what +
                                  ", which do not divide into " + std::to_string(n) + " identical slices");
    return {count / n, 1};
  }
  if (count == 0) return {};
  const int kept = std::max(1, static_cast<int>(std::lround(double(count) / n)));
  note_rounding(rounding, what, kept, count, n);
  return {kept, double(count) / n / kept};
}

/** The site's client leaves in order (clients are numbered leaf by leaf). */
std::vector<int> client_leaves_of(const PlatformSpec& whole, IndexRange clients) {
  std::vector<int> leaves;
  for (int i = clients.first; i < clients.end(); ++i) {
    const int l = whole.clients[static_cast<size_t>(i)].leaf;
    if (leaves.empty() || leaves.back() != l) leaves.push_back(l);
  }
  return leaves;
}

}  // namespace

PlatformSlice slice_platform(const PlatformSpec& whole, int n, Slicing how) {
  if (n < 1) throw std::invalid_argument("slices must be at least 1");
  PlatformSlice s;
  auto& out = s.spec;
  SliceBuilder b(whole, out, n);
  for (const auto& site : whole.sites) {
    PlatformSpec::Site o = site;
    std::string rounding;  // this site's rounded counts (near slices)
    o.spine = b.link(site.spine, b.share());
    o.wan = b.link(site.wan, b.share());
    Kept clients, leaves;  // a slice keeps whole client leaves: a near slice the nearest whole count of them
    if (how == Slicing::near && site.clients.count > 0) {
      const auto site_leaves = client_leaves_of(whole, site.clients);
      leaves = slice_count(site.name, "client leaves", static_cast<int>(site_leaves.size()), n, how, rounding);
      const int last_leaf = site_leaves[static_cast<size_t>(leaves.count - 1)];
      while (clients.count < site.clients.count &&
             whole.clients[static_cast<size_t>(site.clients.first + clients.count)].leaf <= last_leaf)
        ++clients.count;
      clients.derate = double(site.clients.count) / n / clients.count;
      note_rounding(rounding, "client nodes", clients.count, site.clients.count, n);
    } else if (how == Slicing::identical) {
      clients = slice_count(site.name, "client nodes", site.clients.count, n, how, rounding);
      leaves.derate = 1;
    }
    const Kept cnodes = slice_count(site.name, "C-nodes", site.cnodes.count, n, how, rounding);
    const Kept dnodes = slice_count(site.name, "D-nodes", site.dnodes.count, n, how, rounding);
    // A slice keeps whole buffer stripes: an enclosure design's stripe needs as many enclosures as strips
    // (a server's RAID stripe is on its own drives).
    const bool enclosures = site.cnodes.count > 0 && whole.cnodes[static_cast<size_t>(site.cnodes.first)].own_dnode < 0;
    if (enclosures && dnodes.count < site.protection.buffer_width())
      throw std::invalid_argument("site '" + site.name + "': " + std::to_string(n) + " slices would leave " +
                                  std::to_string(dnodes.count) + " enclosures each, fewer than a buffer stripe's " +
                                  std::to_string(site.protection.buffer_width()) + " strips");
    const int last = site.clients.first + clients.count - 1;
    if (clients.count < site.clients.count && whole.clients[static_cast<size_t>(last)].leaf == whole.clients[static_cast<size_t>(last + 1)].leaf)
      throw std::invalid_argument("site '" + site.name + "': " + std::to_string(n) +
                                  " slices would split a client leaf; choose a count that divides its client leaves");
    // The first `count` nodes of a range, with their links and leaves mapped into the slice.
    auto keep = [](IndexRange r, int count, const auto& from, auto& to, std::vector<int>& of, auto map) {
      const IndexRange kept{static_cast<int>(to.size()), count};
      for (int i = r.first; i < r.first + count; ++i) {
        auto node = from[static_cast<size_t>(i)];
        map(node);
        to.push_back(std::move(node));
        of.push_back(i);
      }
      return kept;
    };
    o.clients = keep(site.clients, clients.count, whole.clients, out.clients, s.client_of, [&](auto& c) {
      c.leaf = b.leaf(c.leaf, true, leaves.derate);
      c.nic = b.link(c.nic, clients.derate);
    });
    const int dnode_base = static_cast<int>(out.dnodes.size());  // where this site's kept enclosures go
    o.cnodes = keep(site.cnodes, cnodes.count, whole.cnodes, out.cnodes, s.cnode_of, [&](auto& c) {
      c.leaf = b.leaf(c.leaf, false);
      c.port = b.link(c.port, cnodes.derate);
      c.clock = Frequency::from_hertz(c.clock.hertz() * cnodes.derate);
      if (c.own_dnode >= 0) c.own_dnode = dnode_base + (c.own_dnode - site.dnodes.first);  // server i keeps its drives
    });
    o.dnodes = keep(site.dnodes, dnodes.count, whole.dnodes, out.dnodes, s.dnode_of, [&](auto& d) {
      d.leaf = b.leaf(d.leaf, false);
      d.port = b.link(d.port, dnodes.derate);
      d.controller = b.link(d.controller, dnodes.derate);
      d.buffer_read = d.buffer_read * dnodes.derate;
      d.buffer_write = d.buffer_write * dnodes.derate;
      d.buffer_capacity = d.buffer_capacity * dnodes.derate;
      d.capacity_read = d.capacity_read * dnodes.derate;
      d.capacity_write = d.capacity_write * dnodes.derate;
    });
    if (!rounding.empty()) s.rounding += (s.rounding.empty() ? "site '" : "; site '") + site.name + "': " + rounding;
    out.sites.push_back(o);
  }
  out.object_store = b.link(whole.object_store, b.share());
  s.link_in_slice = b.link_map();
  return s;
}

}  // namespace podsim
