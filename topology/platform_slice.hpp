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
};

/**
 * @brief The first of `n` slices of `whole`. Throws std::invalid_argument (with the reason) when
 * a site's clients, C-nodes or enclosures do not divide by n, or a slice would split a client leaf.
 */
[[nodiscard]] PlatformSlice slice_platform(const PlatformSpec& whole, int n);

}  // namespace podsim
