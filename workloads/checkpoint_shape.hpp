#pragma once
/**
 * @file checkpoint_shape.hpp
 * @brief Who writes how much of a checkpoint: a parallel training model (tensor / pipeline / data
 * parallelism and ZeRO stage) gives each rank's shard; a file layout turns ranks into writers.
 * Pure arithmetic, tested against hand-computed shard sizes (tests/checkpoint_shape_test.cpp).
 */
#include <vector>

#include "topology/units.hpp"

namespace podsim {

/**
 * @brief Model states of a data/tensor/pipeline-parallel job, per parameter.
 * Ranks are numbered as Megatron-LM does: tensor fastest, then data, then pipeline, so rank r has
 * tensor index r % T, data index (r / T) % D and pipeline stage r / (T * D).
 * ZeRO 0: the first data-parallel replica (T x P ranks) writes weights and optimizer states.
 * ZeRO 1 and 2: optimizer states are partitioned over all ranks; the first replica also writes the weights.
 * ZeRO 3: weights and optimizer states are partitioned over all ranks.
 */
struct ParallelModel {
  double parameters = 0;
  double weight_bytes = 0;     ///< per parameter (bf16 weights: 2)
  double optimizer_bytes = 0;  ///< per parameter (fp32 master + Adam moments: 12)
  int tensor = 1;
  int pipeline = 1;
  int data = 1;
  int zero = 0;  ///< ZeRO stage, 0..3
  [[nodiscard]] long long ranks() const { return 1LL * tensor * pipeline * data; }
  [[nodiscard]] Bytes total() const { return Bytes::from_bytes(parameters * (weight_bytes + optimizer_bytes)); }
  /** Bytes rank r writes (0 when it writes nothing). */
  [[nodiscard]] Bytes rank_bytes(long long r) const;
};

/** @brief Writers per client node and the bytes of each writer, numbered client by client. */
struct WriterPlan {
  std::vector<int> on_client;
  std::vector<double> bytes;  ///< B, one per writer
};

/**
 * @brief Places ranks on consecutive GPUs of clients [first, first + count) (rank r on GPU r) and
 * makes their writers: one per rank that has bytes (files_per_node 0), or files_per_node writers per
 * node sharing the node's bytes evenly. on_client has `total_clients` entries. Throws
 * std::invalid_argument when the ranks do not fit the GPUs.
 */
[[nodiscard]] WriterPlan place_ranks(const std::vector<double>& rank_bytes, const std::vector<int>& gpus_per_client,
                                     int first, int count, int files_per_node);

}  // namespace podsim
