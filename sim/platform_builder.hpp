#pragma once
// Internal to sim/: turns a PlatformSpec into SimGrid zones, hosts, links and disks.
#include <simgrid/s4u.hpp>
#include <vector>

#include "topology/platform_spec.hpp"

namespace podsim {

namespace sg4 = simgrid::s4u;

/**
 * @brief One SSD tier of an enclosure (write buffer or capacity SSDs) as three links, the same
 * constraints as a SimGrid disk: `read` and `write` cap each direction, `shared` (the larger of
 * the two rates) caps them together. An I/O is a transfer between the tier's host and the
 * platform's `ssd_port`. Why not a disk: SimGrid 3.32 updates disk I/Os at every event (no lazy
 * update), so each I/O's end is an event of its own, which no time quantum can batch; as links,
 * I/Os are flows of the network model (docs/performance.md).
 */
struct SsdTier {
  sg4::Host* host = nullptr;
  sg4::Link* shared = nullptr;
  sg4::Link* read = nullptr;
  sg4::Link* write = nullptr;
};

/** @brief Non-owning handles to what the engine built; index-aligned with the PlatformSpec. */
struct BuiltPlatform {
  std::vector<sg4::Link*> link_up;    ///< per spec link
  std::vector<sg4::Link*> link_down;  ///< per spec link
  std::vector<sg4::Host*> clients;
  std::vector<sg4::Host*> cnodes;
  /** Per C-node: for a server with internal drives, its back end, which reaches its own drives
   *  over their internal link alone (no NIC, no fabric); else nullptr. */
  std::vector<sg4::Host*> cnode_inner;
  std::vector<sg4::Host*> dnodes;
  std::vector<SsdTier> buffer;    ///< per D-node: its write-buffer SSDs
  /** Per D-node: where a buffer strip lands. Its route is the D-node's port and controller, then
   *  the buffer tier's write links, so a strip's transfer and its SSD write are one flow at the
   *  pace of the slower (a pipeline: the SSD never writes ahead of the bytes arriving). A transfer
   *  from it to a C-node is a buffer read through the controller and port (C-node migration). */
  std::vector<sg4::Host*> buffer_ingest;
  std::vector<SsdTier> capacity;  ///< per D-node: its capacity SSDs
  /** Per D-node: the same for its capacity SSDs, where a C-node writes a migrated stripe (its
   *  port and controller, then the capacity tier's write links: one flow). */
  std::vector<sg4::Host*> capacity_ingest;
  sg4::Host* ssd_port = nullptr;  ///< the other end of every SSD I/O
  [[nodiscard]] sg4::CommPtr ssd_write(const SsdTier& t, double bytes) const {
    return sg4::Comm::sendto_async(ssd_port, t.host, static_cast<uint64_t>(bytes));
  }
  [[nodiscard]] sg4::CommPtr ssd_read(const SsdTier& t, double bytes) const {
    return sg4::Comm::sendto_async(t.host, ssd_port, static_cast<uint64_t>(bytes));
  }
  /** `cycles` of work on `host`, split over `threads` of its cores; `priority` weighs its share
   *  of a busy CPU (kBackground: runs on what foreground work leaves). SimGrid 3.32 weighs a
   *  multi-threaded exec by its thread count and drops a priority set before it starts, so the
   *  priority is applied after, times the threads. */
  [[nodiscard]] static sg4::ExecPtr cpu_work(sg4::Host* host, double cycles, int threads, double priority = 1.0) {
    sg4::ExecPtr e = sg4::Exec::init()->set_flops_amount(cycles / threads)->set_thread_count(threads)->set_host(host)->start();
    if (priority != 1.0) e->update_priority(priority * threads);
    return e;
  }
  static constexpr double kBackground = 1e-3;
  /** A stage that takes `amount / rate` s: SimGrid 3.32 ignores Comm::set_rate on host-to-host
   *  transfers, so a rate limit (a protocol's per stream, a migration pace) is a bounded timer beside them. */
  [[nodiscard]] sg4::ExecPtr timer(double amount, double rate) const {
    return sg4::Exec::init()->set_flops_amount(amount)->set_bound(rate)->set_host(stream_timer)->start();
  }
  sg4::Host* controller = nullptr;  ///< hosts the run-control and monitor actors; no links
  sg4::Host* stream_timer = nullptr;  ///< runs the per-stream limit timers (SimGrid ignores a rate on sendto)
  sg4::Host* object_store = nullptr;  ///< the far end of the WAN links, when the layout has one
  std::vector<sg4::Host*> copy_hosts;  ///< per spec copy host
};

/**
 * @brief Builds the platform: a root star zone ("world") whose members are site zones and the
 * object store's zone. A site zone is a star of storage-leaf zones and one client zone; a leaf
 * zone is a star of node ports behind a gateway. A storage leaf's route to its site is its uplink
 * plus the site's spine, so same-leaf traffic never touches an uplink; a client's route carries
 * its NIC and its leaf's uplink, and the client zone's route the spine. Every client-to-storage and
 * cross-leaf transfer thus uses each uplink and each spine direction once. A site's route to the
 * world is its WAN link, the store's its intake link. D-node routes add the controller link.
 */
[[nodiscard]] BuiltPlatform build_platform(const PlatformSpec& spec);

}  // namespace podsim
