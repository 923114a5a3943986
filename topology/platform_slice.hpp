#pragma once
/**
 * @file platform_slice.hpp
 * @brief One of N identical slices of a platform (the coarse `model: {slices: N}` option).
 *
 * A pod built from N identical slices -- each 1/N of every site's clients (whole client leaves),
 * C-nodes and enclosures, sharing the spine, the WAN links and the object store -- behaves, under
 * a workload spread evenly over it, like N copies of one slice whose shared links carry 1/N of
 * their capacity. The slice keeps the first 1/N of each site's nodes with their own ports, leaf
 * uplinks and names, so what it reports per resource is what that resource of the pod does.
 *
 * Near-identical slices (`model: {slicing: near}`) serve a layout whose counts do not divide by N
 * (a prime number of C-nodes): the slice keeps each site's nearest whole count of client leaves,
 * C-nodes and enclosures, and derates every kept node's own figures (its ports, CPU clock,
 * enclosure controller, SSD rates and buffer capacity; a client leaf's uplinks) by
 * (count / N) / kept, so each of the slice's totals is exactly 1/N of the whole's. What is not
 * exact is granularity: a node a little faster or slower than its catalog figure, and a workload
 * spread over the nearest whole number of nodes. `rounding` says by how much.
 */
#include <string>
#include <vector>

#include "topology/platform_spec.hpp"

namespace podsim {

/** @brief The slice and where its nodes came from in the whole platform. */
struct PlatformSlice {
  PlatformSpec spec;
  std::vector<int> client_of, cnode_of, dnode_of;  ///< slice index -> index in the whole platform
  std::vector<int> link_in_slice;  ///< whole platform's link index -> the slice's, -1 when the slice has no share of it
  /** Near-identical slices: per site, the counts kept for 1/N of the whole's and the derating
   *  ("site s: 117 C-nodes for 117.39 (x 1.0033), ..."); empty for identical slices. */
  std::string rounding;
};

enum class Slicing {
  identical,  ///< every count divides by N (exact)
  near,       ///< nearest whole counts, each kept node derated so the slice's totals are 1/N
};

/**
 * @brief The first of `n` slices of `whole`. Throws std::invalid_argument (with the reason) when
 * a site's clients, C-nodes or enclosures do not divide by n (identical slices), a slice would
 * split a client leaf, or leave fewer enclosures than a buffer stripe's strips.
 */
[[nodiscard]] PlatformSlice slice_platform(const PlatformSpec& whole, int n, Slicing how = Slicing::identical);

}  // namespace podsim
