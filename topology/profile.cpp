// Profiles: knob table, file format, and how each knob lands on a design.
#include "topology/profile.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <random>

#include <boost/math/distributions/normal.hpp>
#include <sstream>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "topology/format.hpp"
#include "topology/input_error.hpp"
#include "topology/yaml_node.hpp"

namespace podsim {

const std::vector<KnobInfo>& knob_table() {
  // The search boxes are wide on purpose: a lab system may be far from the catalog's assumptions.
  static const std::vector<KnobInfo> table = {
      {"client_nic_efficiency", "fraction", "client NICs: fraction of line rate the protocol achieves", 0.3, 1.0},
      {"storage_nic_efficiency", "fraction", "C-node and D-node NICs: fraction of line rate", 0.3, 1.0},
      {"cnode_write_cycles_per_byte", "cycles/B", "C-node CPU cycles per byte written", 0.2, 30},
      {"cnode_read_cycles_per_byte", "cycles/B", "C-node CPU cycles per byte read", 0.2, 30},
      {"dnode_controller_write_fraction", "x catalog", "enclosure controller write limit", 0.1, 2.0},
      {"dnode_controller_read_fraction", "x catalog", "enclosure controller read limit", 0.1, 2.0},
      {"buffer_ssd_write_fraction", "x catalog", "write-buffer SSD sustained write rate", 0.1, 1.5},
      {"capacity_ssd_write_fraction", "x catalog", "capacity SSD sustained write rate (the destage rate)", 0.1, 1.5},
      {"capacity_ssd_read_fraction", "x catalog", "capacity SSD sustained read rate", 0.1, 1.5},
      {"stream_limit", "B/s", "most one client stream moves through a C-node", 1e8, 1e11, true},
      // Shared knobs of the cross-system fit (podsim validate --fit): `*` is one name, a transport
      // (rdma-ib, opa, roce, tcp, slingshot) or a file-system class (lustre, daos, nfs-tcp, ...);
      // `any` sets every one (the fallback for a transport or class too few systems show).
      // A transport's efficiency is searched from half its line rate up (measured large transfers:
      // 0.9-0.97 of it): a system far below line rate is limited elsewhere (a server or client
      // plateau), and an efficiency that low would carry that limit to every NIC of the transport.
      {"efficiency.*.write", "fraction", "NICs of that transport, bytes toward storage", 0.5, 1.0},
      {"efficiency.*.read", "fraction", "NICs of that transport, bytes from storage", 0.5, 1.0},
      {"client_limit.*.write", "B/s", "most one client node of that protocol class writes", 2e8, 1e11, true},
      {"client_limit.*.read", "B/s", "most one client node of that protocol class reads", 2e8, 1e11, true},
      // The benchmark's own client (`*`: ior, dlio, or any): a process or reader thread, and a node.
      {"stream_limit.*.write", "B/s", "most one benchmark process (or reader thread) writes", 5e7, 1e11, true},
      {"stream_limit.*.read", "B/s", "most one benchmark process (or reader thread) reads", 5e7, 1e11, true},
      {"host_limit.*.write", "B/s", "most one node's benchmark client writes (CPU, memory copies)", 2e8, 1e11, true},
      {"host_limit.*.read", "B/s", "most one node's benchmark client reads (CPU, memory copies)", 2e8, 1e11, true},
      {"server_cap.*.write", "B/s", "most one storage server of that class takes in", 2e8, 1e12, true},
      {"server_cap.*.read", "B/s", "most one storage server of that class sends", 2e8, 1e12, true},
      // The server side of a write: what a server of that class stores on other servers (replicas,
      // erasure-coded strips) per user byte, over the same NICs (1: none).
      {"across_servers.*.write", "x user bytes", "bytes servers of that class store across servers per user byte written", 1.0, 4.0},
  };
  return table;
}

namespace {
/** `efficiency.tcp.write` against `efficiency.*.write`: the starred part is one plain name. */
bool matches(const std::string& pattern, const std::string& name, std::string* wildcard = nullptr) {
  const auto star = pattern.find('*');
  if (star == std::string::npos) return pattern == name;
  const std::string head = pattern.substr(0, star), tail = pattern.substr(star + 1);
  if (name.size() <= head.size() + tail.size() || name.compare(0, head.size(), head) != 0 ||
      name.compare(name.size() - tail.size(), tail.size(), tail) != 0)
    return false;
  const std::string mid = name.substr(head.size(), name.size() - head.size() - tail.size());
  for (char c : mid)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  if (wildcard) *wildcard = mid;
  return true;
}
/** The starred part of a shared knob's name ("tcp" of efficiency.tcp.write), "" for a plain knob. */
std::string knob_subject(const std::string& name) {
  std::string w;
  for (const auto& k : knob_table())
    if (matches(k.name, name, &w)) return w;
  return "";
}
/** Whether a shared knob naming `subject` sets a part whose transport or class is `have`: its own
 *  name, or `any` for every part that states one. */
bool names_part(const std::string& subject, const std::string& have) {
  return !have.empty() && (have == subject || any_subject_for(have) == subject);
}
bool is_write_knob(const std::string& name) { return name.size() > 6 && name.compare(name.size() - 6, 6, ".write") == 0; }
}  // namespace

std::string any_subject_for(const std::string& subject) {
  return subject.rfind("unstated-", 0) == 0 ? "unstated-any" : "any";
}

std::string subject_of_class(const std::string& subject) {
  if (subject == "other") return "any";
  if (subject == "unstated-other") return "unstated-any";
  return subject;
}

const KnobInfo& knob_info(const std::string& name) {
  std::string known;
  for (const auto& k : knob_table()) {
    if (matches(k.name, name)) return k;
    known += (known.empty() ? "" : ", ") + std::string(k.name);
  }
  throw std::invalid_argument("unknown knob '" + name + "' (known: " + known + ")");
}

bool is_shared_knob(const std::string& name) {
  // A table entry's own pattern ("efficiency.*.write") or a name it matches.
  return name.find('*') != std::string::npos || std::string(knob_info(name).name).find('*') != std::string::npos;
}

double knob_value_in(const Design& d, const std::string& name) {
  const auto& k = knob_info(name);
  if (std::string(k.unit) == "x catalog") return 1.0;
  const std::string subject = knob_subject(name);
  const bool write = is_write_knob(name);
  if (name.rfind("efficiency.", 0) == 0) {
    for (const NicAttachment* n : {static_cast<const NicAttachment*>(&d.client), static_cast<const NicAttachment*>(&d.cnode),
                                   static_cast<const NicAttachment*>(&d.dnode)})
      if (names_part(subject, n->nic.transport)) return write ? n->nic.efficiency_write : n->nic.efficiency_read;
    return 1.0;
  }
  if (name.rfind("client_limit.", 0) == 0) {  // 0: the design has no such limit
    const auto& p = d.client.protocol;
    return names_part(subject, p.protocol_class) ? (write ? p.per_client_write : p.per_client_read).bytes_per_second() : 0;
  }
  if (name.rfind("host_limit.", 0) == 0)
    return names_part(subject, d.client.benchmark) ? (write ? d.client.host_limit_write : d.client.host_limit_read).bytes_per_second() : 0;
  if (name.rfind("stream_limit.", 0) == 0)
    return names_part(subject, d.client.benchmark) ? (write ? d.client.stream_limit_write : d.client.stream_limit_read).bytes_per_second() : 0;
  if (name.rfind("server_cap.", 0) == 0) {
    const auto& s = d.server;
    return d.internal_drives && names_part(subject, s.server_class) ? (write ? s.cap_write : s.cap_read).bytes_per_second() : 0;
  }
  if (name.rfind("across_servers.", 0) == 0)
    return d.internal_drives && names_part(subject, d.server.server_class) ? d.protection.across_servers() : 1.0;
  if (name == "client_nic_efficiency") return d.client.nic.efficiency_write;
  if (name == "storage_nic_efficiency") return d.cnode.nic.efficiency_write;
  if (name == "cnode_write_cycles_per_byte") return d.cnode.write_cycles_per_byte;
  if (name == "cnode_read_cycles_per_byte") return d.cnode.read_cycles_per_byte;
  return d.cnode.stream_limit.bytes_per_second();  // stream_limit: 0 = none
}

void set_knob(Design& d, const std::string& name, double v) {
  (void)knob_info(name);
  const std::string subject = knob_subject(name);
  const bool write = is_write_knob(name);
  if (name.rfind("efficiency.", 0) == 0) {
    for (NicAttachment* n : {static_cast<NicAttachment*>(&d.client), static_cast<NicAttachment*>(&d.cnode),
                             static_cast<NicAttachment*>(&d.dnode)})
      if (names_part(subject, n->nic.transport)) (write ? n->nic.efficiency_write : n->nic.efficiency_read) = v;
  } else if (name.rfind("client_limit.", 0) == 0) {
    auto& p = d.client.protocol;
    if (names_part(subject, p.protocol_class)) (write ? p.per_client_write : p.per_client_read) = Bandwidth::from_bytes_per_second(v);
  } else if (name.rfind("host_limit.", 0) == 0) {
    // The benchmark's client on each node (CPU, memory copies): only nodes that run that benchmark.
    if (names_part(subject, d.client.benchmark))
      (write ? d.client.host_limit_write : d.client.host_limit_read) = Bandwidth::from_bytes_per_second(v);
  } else if (name.rfind("stream_limit.", 0) == 0) {
    // One benchmark process or reader thread moves at most this, whatever the storage behind it.
    if (names_part(subject, d.client.benchmark))
      (write ? d.client.stream_limit_write : d.client.stream_limit_read) = Bandwidth::from_bytes_per_second(v);
  } else if (name.rfind("server_cap.", 0) == 0) {
    // A server's cap is its internal enclosure's controller (topology/design.cpp, servers_as_nodes).
    if (d.internal_drives && names_part(subject, d.server.server_class)) {
      (write ? d.server.cap_write : d.server.cap_read) = Bandwidth::from_bytes_per_second(v);
      set_server_caps(d);
    }
  } else if (name.rfind("across_servers.", 0) == 0) {
    // At most one whole copy on each server.
    if (d.internal_drives && names_part(subject, d.server.server_class))
      d.protection.set_across_servers(std::min(v, double(std::max(1, d.cnode_count))));
  } else if (name == "client_nic_efficiency") d.client.nic.set_efficiency(v);
  else if (name == "storage_nic_efficiency") {
    d.cnode.nic.set_efficiency(v);
    if (!d.internal_drives) d.dnode.nic.set_efficiency(v);
  }
  else if (name == "cnode_write_cycles_per_byte") d.cnode.write_cycles_per_byte = v;
  else if (name == "cnode_read_cycles_per_byte") d.cnode.read_cycles_per_byte = v;
  else if (name == "dnode_controller_write_fraction") d.dnode.controller_write = d.dnode.controller_write * v;
  else if (name == "dnode_controller_read_fraction") d.dnode.controller_read = d.dnode.controller_read * v;
  else if (name == "buffer_ssd_write_fraction") d.dnode.buffer_ssd.write = d.dnode.buffer_ssd.write * v;
  else if (name == "capacity_ssd_write_fraction") d.dnode.capacity_ssd.write = d.dnode.capacity_ssd.write * v;
  else if (name == "capacity_ssd_read_fraction") d.dnode.capacity_ssd.read = d.dnode.capacity_ssd.read * v;
  else if (name == "stream_limit") d.cnode.stream_limit = Bandwidth::from_bytes_per_second(v);
}

const KnobSetting* Profile::find(const std::string& knob) const {
  for (const auto& k : knobs)
    if (k.knob == knob) return &k;
  return nullptr;
}

namespace {

double knob_number(const YamlNode& n, const KnobInfo& k) {
  double v = k.bandwidth ? n.as_bandwidth().bytes_per_second() : n.as_number(1e-6, 1e6);
  if (!(v > 0) || !std::isfinite(v)) n.fail("a knob value must be a positive number");
  if (std::string(k.unit) == "fraction" && v > 1) n.fail("an efficiency is a fraction of line rate: at most 1");
  return v;
}

std::string knob_text(const KnobInfo& k, double v) {
  return k.bandwidth ? format_number("%.4g GB/s", v / 1e9) : format_number("%.6g", v);
}

}  // namespace

namespace {
Profile load_profile_doc(const YamlNode& doc, const std::filesystem::path& file) {
  auto p = doc.required("profile");
  Profile out;
  out.file = file;
  out.name = p.required("name").as_name();
  if (auto f = p.optional("fitted_on")) out.fitted_on = f->as_string();
  auto knobs = p.required("knobs");
  if (!knobs.is_map()) knobs.fail("expected a map of knob: {value, sigma | range}");
  for (const auto& name : knobs.keys()) {
    auto n = knobs.required(name);
    const KnobInfo* info = nullptr;
    try {
      info = &knob_info(name);
    } catch (const std::invalid_argument& e) {
      n.fail(e.what());
    }
    KnobSetting s;
    s.knob = name;
    s.line = n.line();
    if (n.is_scalar()) {
      s.value = knob_number(n, *info);
    } else {
      s.value = knob_number(n.required("value"), *info);
      if (auto sg = n.optional("sigma")) {
        s.sigma = sg->as_number(0, 2);  // the standard deviation of ln(value)
      }
      if (auto r = n.optional("range")) {
        auto items = r->items();
        if (items.size() != 2) r->fail("expected [low, high]");
        s.low = knob_number(items[0], *info);
        s.high = knob_number(items[1], *info);
        if (*s.low > s.value || s.value > *s.high) r->fail("the range must contain the value");
        if (s.sigma > 0) r->fail("give sigma or range, not both");
      }
      if (auto note = n.optional("note")) s.note = note->as_string();
      n.finish();
    }
    out.knobs.push_back(s);
  }
  p.finish();
  doc.finish();
  return out;
}
}  // namespace

Profile load_profile(const std::filesystem::path& file) { return load_profile_doc(YamlNode::load_file(file), file); }
Profile load_profile_text(const std::string& text, const std::string& name) {
  return load_profile_doc(YamlNode::load_text(text, name), name);
}

std::string profile_yaml(const Profile& p) {
  YAML::Emitter e;
  e << YAML::BeginMap << YAML::Key << "profile" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "name" << YAML::Value << p.name;
  if (!p.fitted_on.empty()) e << YAML::Key << "fitted_on" << YAML::Value << p.fitted_on;
  e << YAML::Key << "knobs" << YAML::Value << YAML::BeginMap;
  for (const auto& k : p.knobs) {
    const auto& info = knob_info(k.knob);
    e << YAML::Key << k.knob << YAML::Value << YAML::Flow << YAML::BeginMap;
    e << YAML::Key << "value" << YAML::Value << knob_text(info, k.value);
    if (k.low) {
      e << YAML::Key << "range" << YAML::Value << YAML::Flow << YAML::BeginSeq << knob_text(info, *k.low)
        << knob_text(info, *k.high) << YAML::EndSeq;
    } else if (k.sigma > 0) {
      e << YAML::Key << "sigma" << YAML::Value << format_number("%.4g", k.sigma);
    }
    if (!k.note.empty()) e << YAML::Key << "note" << YAML::Value << k.note;
    e << YAML::EndMap;
  }
  e << YAML::EndMap << YAML::EndMap << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

int uncertain_knobs(const Profile& p) {
  return static_cast<int>(std::count_if(p.knobs.begin(), p.knobs.end(), [](const KnobSetting& k) { return k.sigma > 0 || k.low; }));
}

std::vector<Profile> sample_profiles(const Profile& p, int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  const boost::math::normal normal;
  std::vector<Profile> out(static_cast<size_t>(n), p);
  for (size_t k = 0; k < p.knobs.size(); ++k) {
    const auto& kn = p.knobs[k];
    if (kn.sigma <= 0 && !kn.low) continue;
    std::vector<int> strata(static_cast<size_t>(n));
    std::iota(strata.begin(), strata.end(), 0);
    std::shuffle(strata.begin(), strata.end(), rng);
    for (int s = 0; s < n; ++s) {
      const double q = (strata[static_cast<size_t>(s)] + u01(rng)) / n;  // in (0, 1)
      auto& v = out[static_cast<size_t>(s)].knobs[k];
      v.value = kn.low ? *kn.low + q * (*kn.high - *kn.low)
                       : kn.value * std::exp(kn.sigma * boost::math::quantile(normal, std::clamp(q, 1e-9, 1 - 1e-9)));
      if (std::string(knob_info(kn.knob).unit) == "fraction") v.value = std::min(v.value, 1.0);
      v.sigma = 0;
      v.low.reset();
      v.high.reset();
    }
  }
  for (int s = 0; s < n; ++s) out[static_cast<size_t>(s)].name = p.name + "-sample-" + std::to_string(s + 1);
  return out;
}

void apply_profile(Design& d, const Profile& p) {
  for (const auto& k : p.knobs) {
    set_knob(d, k.knob, k.value);
    const auto& info = knob_info(k.knob);
    d.sources.push_back({"profile " + p.name, k.knob,
                         "calibrated: " + knob_text(info, k.value) + " " + (info.bandwidth ? "" : info.unit) +
                             (p.fitted_on.empty() ? "" : " (" + p.fitted_on + ")")});
  }
}

}  // namespace podsim
