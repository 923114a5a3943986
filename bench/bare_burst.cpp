// The bare-SimGrid baseline of a checkpoint burst (issue 5): the scenario's first checkpoint on the
// same platform podsim builds, with one flow per writer and nothing else -- no chunks, no write
// buffer admission, no destage, no monitor, no accounting. Each writer is one actor that sends its
// shard to its C-node, then the stripe (x buffer amplification) to one enclosure, then writes it to
// that enclosure's buffer SSDs (store-and-forward, as the simgrid-notes prototype). What podsim
// adds on top of SimGrid is the difference between this and `podsim run` on the same scenario.
//
// Usage: bare-burst SCENARIO.yaml   (prints one line of key=value figures on stdout)
#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>

#include "sim/engine_options.hpp"
#include "sim/platform_builder.hpp"
#include "topology/platform_spec.hpp"
#include "workloads/placement.hpp"
#include "workloads/scenario.hpp"

namespace sg4 = simgrid::s4u;
using namespace podsim;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bare-burst SCENARIO.yaml\n";
    return 2;
  }
  try {
    const auto wall0 = std::chrono::steady_clock::now();
    const Scenario sc = load_scenario(argv[1]);
    const PhaseSpec* ph = nullptr;
    for (const auto& p : sc.phases)
      if (p.kind == PhaseKind::checkpoint_write && !ph) ph = &p;
    if (!ph) throw std::runtime_error(std::string(argv[1]) + ": the scenario has no checkpoint phase");
    const PlatformSpec spec = make_platform_spec(sc.layout);

    sg4::Engine engine("bare-burst");
    xbt_log_control_set("root.thres:critical");
    for (const auto& cfg : engine_options()) engine.set_config(cfg);
    const BuiltPlatform pf = build_platform(spec);
    const auto built = std::chrono::steady_clock::now();

    long long flows = 0;
    long long writer = 0;
    for (size_t client = 0; client < spec.clients.size(); ++client) {
      const auto& site = spec.sites[spec.clients[client].site];
      const int local_client = static_cast<int>(client) - site.clients.first;
      for (int w = 0; w < ph->writers_on_client[client]; ++w, ++writer) {
        const int local_cnode = cnode_for(sc.placement, local_client, w, site.cnodes.count);
        const int cnode = site.cnodes.first + local_cnode;
        const int dnode = site.dnodes.first + first_stripe_dnode(local_cnode, w, 1, site.dnodes.count);
        const double bytes = ph->bytes_of(writer).bytes();
        const double stripe = bytes * site.protection.buffer_amplification();
        sg4::Actor::create("w", pf.clients[client], [&pf, client, cnode, dnode, bytes, stripe] {
          sg4::Comm::sendto(pf.clients[client], pf.cnodes[cnode], static_cast<uint64_t>(bytes));
          sg4::Comm::sendto(pf.cnodes[cnode], pf.dnodes[dnode], static_cast<uint64_t>(stripe));
          pf.ssd_write(pf.buffer[dnode], stripe)->wait();
        });
        ++flows;
      }
    }
    engine.run();
    const auto end = std::chrono::steady_clock::now();
    std::printf("writers=%lld activities=%lld simulated_s=%.6f build_s=%.3f wall_s=%.3f\n", flows, 3 * flows,
                sg4::Engine::get_clock(), std::chrono::duration<double>(built - wall0).count(),
                std::chrono::duration<double>(end - wall0).count());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bare-burst: error: " << e.what() << "\n";
    return 1;
  }
}
