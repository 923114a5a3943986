#pragma once
/**
 * @file placement.hpp
 * @brief Which C-node serves which client stream (a mount and its multipath connections).
 *
 * round_robin: client i mounts C-node i mod C; hash: a hash of i picks it (uneven on purpose,
 * as DNS or VIP hashing is); multipath k: a client's streams spread over k C-nodes spaced C/k
 * apart (nconnect / remoteports-style). Imbalance is an effect to model, not to average away.
 */
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace podsim {

enum class PlacementPolicy { round_robin, hash };

struct PlacementSpec {
  PlacementPolicy policy = PlacementPolicy::round_robin;
  int multipath = 1;
  /** Enclosure weights spread over [1-x, 1+x] (EnclosureBalancer). 0, balanced, by default: the
   *  allocator sees every enclosure's free space; a skew (wear, hot spots) is the user's to test. */
  double enclosure_imbalance = 0;
};

/** @brief The C-node (0..cnodes-1) that carries stream `stream` of client `client`. */
[[nodiscard]] int cnode_for(const PlacementSpec& p, int client, int stream, int cnodes);
/** @brief The first enclosure (0..dnodes-1) of a C-node's `stripe`-th stripe of `width` strips, for
 *  the bare-SimGrid baseline in bench/ only: a fixed stride aliases when it shares a factor with
 *  the enclosure count, which is why the simulator places with EnclosureBalancer instead. */
[[nodiscard]] int first_stripe_dnode(int cnode, long long stripe, int width, int dnodes);

/**
 * @brief Declustered placement of one site's buffer strips: every stripe goes to the `width`
 * enclosures with the least bytes placed so far per unit of weight (ties: lowest index), the way a
 * write-buffer allocator that sees every enclosure fills by free space. Whatever the counts, no
 * enclosure is ever more than one strip ahead of its weighted share, in exact and coarse modes alike,
 * and a lost enclosure (remove()) sends its share to all survivors.
 *
 * Weights model uneven enclosures on purpose: `imbalance` x spreads them evenly over [1-x, 1+x]
 * (a fixed low-discrepancy sequence, so every run is the same); the most-loaded enclosure then
 * takes up to (1+x) times the mean and binds that much earlier.
 */
class EnclosureBalancer {
 public:
  EnclosureBalancer(int enclosures, double imbalance);
  /** The `width` enclosures (distinct, fewer if fewer remain) that take the next stripe; each is
   *  charged `strip_bytes`. */
  [[nodiscard]] std::vector<int> place(int width, double strip_bytes);
  /** Takes an enclosure out of placement (it is lost and its stripes move). */
  void remove(int enclosure);
  [[nodiscard]] double weight(int enclosure) const { return weight_[static_cast<size_t>(enclosure)]; }
  [[nodiscard]] double placed(int enclosure) const { return placed_[static_cast<size_t>(enclosure)]; }

 private:
  std::vector<double> weight_, placed_;
  std::set<std::pair<double, int>> by_load_;  ///< (placed / weight, enclosure) of those in placement
  std::vector<bool> in_placement_;
};

/** @brief Enclosure weight for `imbalance` (0..0.9): 1 + x (2 u - 1), u of a golden-ratio sequence. */
[[nodiscard]] double enclosure_weight(int enclosure, double imbalance);
[[nodiscard]] PlacementPolicy parse_placement_policy(const std::string& s);  // throws std::invalid_argument
[[nodiscard]] const char* to_string(PlacementPolicy p);

}  // namespace podsim
