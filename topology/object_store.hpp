#pragma once
/**
 * @file object_store.hpp
 * @brief The public-cloud object-store baseline: a catalog model plus how much it stores
 * (scenarios/designs/object-store-baseline.yaml), and the arithmetic the compare table shows.
 */
#include <filesystem>
#include <optional>

#include "topology/catalog.hpp"

namespace podsim {

struct ObjectStoreBaseline {
  std::string name;
  std::filesystem::path file;
  ObjectStoreModel model;
  std::optional<Bytes> stored;  ///< none: sized like each design it is compared with
  std::vector<FigureSource> sources;
};

/** @brief Reads an `object_store:` file; throws InputError naming file, line and field. */
[[nodiscard]] ObjectStoreBaseline load_object_store(const std::filesystem::path& file);

struct ObjectStoreFigures {
  Bytes stored;
  Bandwidth throughput;  ///< capacity-proportional guidance, read and write alike
  int accounts_for_ingress = 0;   ///< default accounts whose ingress limits add up to the throughput
  int accounts_for_egress = 0;
  int accounts_for_capacity = 0;
  [[nodiscard]] int accounts() const;  ///< the largest of the three
};
[[nodiscard]] ObjectStoreFigures object_store_figures(const ObjectStoreModel& m, Bytes stored);

}  // namespace podsim
