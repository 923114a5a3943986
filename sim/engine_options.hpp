#pragma once
/**
 * @file engine_options.hpp
 * @brief The SimGrid model options podsim runs with, chosen on purpose (docs/simgrid-model.md).
 *
 * - network/model CM02: plain max-min sharing with no hidden factors. LV08's 0.97 bandwidth
 *   factor and x13.01 latency factor are TCP-over-WAN calibrations; our derating lives in the
 *   catalog (NIC `efficiency`, with its source), one place per fact.
 * - network/crosstraffic 0: RDMA acknowledgements are negligible, and links are split-duplex.
 * - network/TCP-gamma 0: no TCP window cap (it would cap a flow at gamma / 2 RTT); per-stream
 *   limits come from the catalog (`stream_rate`) and are applied to each transfer.
 * - contexts/guard-size 0: 10k+ actors otherwise exhaust vm.max_map_count.
 * - network/maxmin-selective-update 1: re-solve only the flows that share a resource with the one
 *   that changed. Sites of a layout share nothing during local phases; without it every completion
 *   re-solves all sites together, and a 2-pod, 2-site run stalled (> 40 s before t = 0.6 s, against
 *   4 s for one site). Same rates: it changes which flows are recomputed, not the sharing.
 * - network/latency-factor 0: CM02 weighs each flow's share by its route latency (TCP's RTT
 *   unfairness: a flow over 5 us of switches got 2/5 of the share of one over 2 us, a WAN flow
 *   ~1/5000), and pays each latency as an extra event. Bulk RDMA transfers share equally; a
 *   zero factor gives every flow the same weight. Transfer times leave out link latency (us in
 *   a pod, ms on a WAN, against chunks that take tenths of seconds to seconds).
 */
#include <string>
#include <vector>

namespace podsim {

[[nodiscard]] std::vector<std::string> engine_options();

/**
 * @brief Checks an extra `--cfg name:value` before it reaches SimGrid, which aborts or crashes on
 * some values (contexts/stack-size:1) and returns nonsense on others (surf/precision:1e300). Only
 * the model options listed in docs/simgrid-model.md pass, each within its range; InputError otherwise.
 */
void check_engine_option(const std::string& cfg);

}  // namespace podsim
