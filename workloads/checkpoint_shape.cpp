#include "workloads/checkpoint_shape.hpp"

#include <stdexcept>
#include <string>

namespace podsim {

Bytes ParallelModel::rank_bytes(long long r) const {
  const double model_parallel = double(tensor) * pipeline;
  const double weights = parameters * weight_bytes, optimizer = parameters * optimizer_bytes;
  const bool first_replica = (r / tensor) % data == 0;
  double b = 0;
  switch (zero) {
    case 0: b = first_replica ? (weights + optimizer) / model_parallel : 0; break;
    case 1:
    case 2: b = optimizer / (model_parallel * data) + (first_replica ? weights / model_parallel : 0); break;
    default: b = (weights + optimizer) / (model_parallel * data); break;
  }
  return Bytes::from_bytes(b);
}

WriterPlan place_ranks(const std::vector<double>& rank_bytes, const std::vector<int>& gpus_per_client, int first,
                       int count, int files_per_node) {
  WriterPlan plan;
  plan.on_client.assign(gpus_per_client.size(), 0);
  size_t r = 0;
  for (int c = first; c < first + count && r < rank_bytes.size(); ++c) {
    double node = 0;
    for (int g = 0; g < gpus_per_client[c] && r < rank_bytes.size(); ++g, ++r) {
      if (files_per_node > 0) {
        node += rank_bytes[r];
      } else if (rank_bytes[r] > 0) {
        ++plan.on_client[c];
        plan.bytes.push_back(rank_bytes[r]);
      }
    }
    if (files_per_node > 0 && node > 0) {
      plan.on_client[c] = files_per_node;
      plan.bytes.insert(plan.bytes.end(), files_per_node, node / files_per_node);
    }
  }
  if (r < rank_bytes.size())
    throw std::invalid_argument(std::to_string(rank_bytes.size()) + " ranks do not fit the " + std::to_string(r) +
                                " GPUs of the job's nodes");
  return plan;
}

}  // namespace podsim
