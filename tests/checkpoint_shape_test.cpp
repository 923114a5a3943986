// Who writes how much: ZeRO stages and file layouts against hand-computed shard sizes.
#include <catch2/catch.hpp>

#include "workloads/checkpoint_shape.hpp"

using namespace podsim;

namespace {
// 8e9 parameters, 2 B weights + 12 B optimizer: W = 16 GB, O = 96 GB. TP 2 x PP 2 x DP 4 = 16 ranks.
ParallelModel model(int zero) { return {8e9, 2, 12, 2, 2, 4, zero}; }
double gb(Bytes b) { return b.bytes() / 1e9; }
}  // namespace

TEST_CASE("ZeRO 0: only the first data-parallel replica writes, (W + O) / (TP x PP) each", "[shape]") {
  auto m = model(0);
  REQUIRE(m.ranks() == 16);
  CHECK(gb(m.total()) == Approx(112.0));
  // Megatron order: tensor fastest, then data. Ranks 0, 1 (dp 0, stage 0) and 8, 9 (dp 0, stage 1).
  for (long long r : {0, 1, 8, 9}) CHECK(gb(m.rank_bytes(r)) == Approx(28.0));
  for (long long r : {2, 3, 7, 10, 15}) CHECK(gb(m.rank_bytes(r)) == Approx(0.0));
}

TEST_CASE("ZeRO 1 and 2: optimizer shards on every rank, weights on the first replica", "[shape]") {
  for (int zero : {1, 2}) {
    auto m = model(zero);
    // O / 16 = 6 GB everywhere; plus W / 4 = 4 GB on ranks 0, 1, 8, 9.
    CHECK(gb(m.rank_bytes(0)) == Approx(10.0));
    CHECK(gb(m.rank_bytes(9)) == Approx(10.0));
    CHECK(gb(m.rank_bytes(2)) == Approx(6.0));
    double sum = 0;
    for (long long r = 0; r < m.ranks(); ++r) sum += gb(m.rank_bytes(r));
    CHECK(sum == Approx(112.0));
  }
}

TEST_CASE("ZeRO 3: everything partitioned evenly", "[shape]") {
  auto m = model(3);
  for (long long r = 0; r < m.ranks(); ++r) CHECK(gb(m.rank_bytes(r)) == Approx(7.0));
}

TEST_CASE("ranks land on consecutive GPUs, zero-byte ranks do not write", "[shape]") {
  auto m = model(0);
  std::vector<double> bytes;
  for (long long r = 0; r < m.ranks(); ++r) bytes.push_back(m.rank_bytes(r).bytes());
  // 6 nodes of 4 GPUs, the job on nodes 1..4: ranks 0-3 on node 1, 4-7 node 2, 8-11 node 3, 12-15 node 4.
  auto plan = place_ranks(bytes, {4, 4, 4, 4, 4, 4}, 1, 4, 0);
  CHECK(plan.on_client == std::vector<int>{0, 2, 0, 2, 0, 0});
  CHECK(plan.bytes.size() == 4);
  // Two files per node share each node's bytes.
  auto files = place_ranks(bytes, {4, 4, 4, 4, 4, 4}, 1, 4, 2);
  CHECK(files.on_client == std::vector<int>{0, 2, 0, 2, 0, 0});
  CHECK(files.bytes.front() == Approx(28e9));
  CHECK_THROWS_AS(place_ranks(bytes, {4, 4, 4, 4, 4, 4}, 3, 3, 0), std::invalid_argument);
}
