#include "topology/platform_slice.hpp"

#include <map>
#include <stdexcept>

namespace podsim {

namespace {

/** Copies links and leaves on first use, so the slice holds only what its nodes reach. */
class SliceBuilder {
 public:
  SliceBuilder(const PlatformSpec& whole, PlatformSpec& out, int n) : whole_(whole), out_(out), n_(n) {}
  int link(int i, bool shared = false) {
    if (i < 0) return -1;
    auto [it, fresh] = links_.try_emplace(i, static_cast<int>(out_.links.size()));
    if (fresh) {
      auto l = whole_.links[static_cast<size_t>(i)];
      if (shared) {  // one slice's share of a link every slice crosses
        l.up = l.up / double(n_);
        l.down = l.down / double(n_);
      }
      out_.links.push_back(std::move(l));
    }
    return it->second;
  }
  /** Whole link index -> slice link index, -1 for links the slice does not reach. */
  [[nodiscard]] std::vector<int> link_map() const {
    std::vector<int> out(whole_.links.size(), -1);
    for (const auto& [whole, mine] : links_) out[static_cast<size_t>(whole)] = mine;
    return out;
  }
  int leaf(int i, bool client) {
    auto& seen = client ? cleaves_ : sleaves_;
    auto& dst = client ? out_.client_leaves : out_.storage_leaves;
    auto [it, fresh] = seen.try_emplace(i, static_cast<int>(dst.size()));
    if (fresh) {
      auto l = (client ? whole_.client_leaves : whole_.storage_leaves)[static_cast<size_t>(i)];
      l.uplink = link(l.uplink);  // sites keep their indices: every site has its slice
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

int slice_count(const std::string& site, const char* what, int count, int n) {
  if (count % n != 0)
    throw std::invalid_argument("site '" + site + "' has " + std::to_string(count) + " " + what +
                                ", which do not divide into " + std::to_string(n) + " identical slices");
  return count / n;
}

}  // namespace

PlatformSlice slice_platform(const PlatformSpec& whole, int n) {
  if (n < 1) throw std::invalid_argument("slices must be at least 1");
  PlatformSlice s;
  auto& out = s.spec;
  SliceBuilder b(whole, out, n);
  for (const auto& site : whole.sites) {
    PlatformSpec::Site o = site;
    o.spine = b.link(site.spine, true);
    o.wan = b.link(site.wan, true);
    const int clients = slice_count(site.name, "client nodes", site.clients.count, n);
    const int cnodes = slice_count(site.name, "C-nodes", site.cnodes.count, n);
    const int dnodes = slice_count(site.name, "D-nodes", site.dnodes.count, n);
    // A slice keeps whole buffer stripes: an enclosure design's stripe needs as many enclosures as strips
    // (a server's RAID stripe is on its own drives).
    const bool enclosures = site.cnodes.count > 0 && whole.cnodes[static_cast<size_t>(site.cnodes.first)].own_dnode < 0;
    if (enclosures && dnodes < site.protection.buffer_width())
      throw std::invalid_argument("site '" + site.name + "': " + std::to_string(n) + " slices would leave " +
                                  std::to_string(dnodes) + " enclosures each, fewer than a buffer stripe's " +
                                  std::to_string(site.protection.buffer_width()) + " strips");
    const int last = site.clients.first + clients - 1;
    if (clients < site.clients.count && whole.clients[static_cast<size_t>(last)].leaf == whole.clients[static_cast<size_t>(last + 1)].leaf)
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
    o.clients = keep(site.clients, clients, whole.clients, out.clients, s.client_of, [&](auto& c) {
      c.leaf = b.leaf(c.leaf, true);
      c.nic = b.link(c.nic);
    });
    const int dnode_base = static_cast<int>(out.dnodes.size());  // where this site's kept enclosures go
    o.cnodes = keep(site.cnodes, cnodes, whole.cnodes, out.cnodes, s.cnode_of, [&](auto& c) {
      c.leaf = b.leaf(c.leaf, false);
      c.port = b.link(c.port);
      if (c.own_dnode >= 0) c.own_dnode = dnode_base + (c.own_dnode - site.dnodes.first);  // server i keeps its drives
    });
    o.dnodes = keep(site.dnodes, dnodes, whole.dnodes, out.dnodes, s.dnode_of, [&](auto& d) {
      d.leaf = b.leaf(d.leaf, false);
      d.port = b.link(d.port);
      d.controller = b.link(d.controller);
    });
    out.sites.push_back(o);
  }
  out.object_store = b.link(whole.object_store, true);
  s.link_in_slice = b.link_map();
  return s;
}

}  // namespace podsim
