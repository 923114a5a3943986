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
  int leaf(int i, bool client) {
    auto& seen = client ? cleaves_ : sleaves_;
    auto& dst = client ? out_.client_leaves : out_.storage_leaves;
    auto [it, fresh] = seen.try_emplace(i, static_cast<int>(dst.size()));
    if (fresh) {
      auto l = (client ? whole_.client_leaves : whole_.storage_leaves)[static_cast<size_t>(i)];
      l.uplink = link(l.uplink);
      l.site = site_[l.site];
      dst.push_back(std::move(l));
    }
    return it->second;
  }
  std::map<int, int> site_;

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
  for (size_t i = 0; i < whole.sites.size(); ++i) b.site_[static_cast<int>(i)] = static_cast<int>(i);
  for (const auto& site : whole.sites) {
    PlatformSpec::Site o = site;
    o.spine = b.link(site.spine, true);
    o.wan = b.link(site.wan, true);
    const int clients = slice_count(site.name, "client nodes", site.clients.count, n);
    const int cnodes = slice_count(site.name, "C-nodes", site.cnodes.count, n);
    const int dnodes = slice_count(site.name, "D-nodes", site.dnodes.count, n);
    const int last = site.clients.first + clients - 1;
    if (clients < site.clients.count && whole.clients[static_cast<size_t>(last)].leaf == whole.clients[static_cast<size_t>(last + 1)].leaf)
      throw std::invalid_argument("site '" + site.name + "': " + std::to_string(n) +
                                  " slices would split a client leaf; choose a count that divides its client leaves");
    o.clients = {static_cast<int>(out.clients.size()), clients};
    for (int c = site.clients.first; c <= last; ++c) {
      auto cl = whole.clients[static_cast<size_t>(c)];
      cl.leaf = b.leaf(cl.leaf, true);
      cl.nic = b.link(cl.nic);
      out.clients.push_back(std::move(cl));
      s.client_of.push_back(c);
    }
    o.cnodes = {static_cast<int>(out.cnodes.size()), cnodes};
    for (int c = site.cnodes.first; c < site.cnodes.first + cnodes; ++c) {
      auto cn = whole.cnodes[static_cast<size_t>(c)];
      cn.leaf = b.leaf(cn.leaf, false);
      cn.port = b.link(cn.port);
      out.cnodes.push_back(std::move(cn));
      s.cnode_of.push_back(c);
    }
    o.dnodes = {static_cast<int>(out.dnodes.size()), dnodes};
    for (int d = site.dnodes.first; d < site.dnodes.first + dnodes; ++d) {
      auto dn = whole.dnodes[static_cast<size_t>(d)];
      dn.leaf = b.leaf(dn.leaf, false);
      dn.port = b.link(dn.port);
      dn.controller = b.link(dn.controller);
      out.dnodes.push_back(std::move(dn));
      s.dnode_of.push_back(d);
    }
    out.sites.push_back(o);
  }
  out.object_store = b.link(whole.object_store, true);
  return s;
}

}  // namespace podsim
