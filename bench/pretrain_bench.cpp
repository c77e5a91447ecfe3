// Pretraining with a user who rated nearly the whole catalogue (99.5% of it): each of her
// negatives is one of the few items she did not rate. Sampling by rejection alone made such a
// user cost O(items) per negative, O(items^2) per epoch.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/train/negatives.h"
#include "core/train/pretrain.h"
#include "core/util/rng.h"

namespace metacf {
namespace {

constexpr int kSparseUsers = 500;
constexpr int kRecordsPerSparseUser = 20;

// The first user rated all but 0.5% of `items`; the others 20 items each.
struct DenseWorld {
  Dataset data;
  Split split;
  std::vector<std::int32_t> dense_known;  // sorted
};

DenseWorld make_dense_world(int items) {
  DenseWorld w;
  Rng rng(7);
  for (int v = 0; v < items; ++v) w.data.item_ids.push_back(std::to_string(v));
  // Every 200th item unrated: spread over the catalogue, as a real user's few gaps would be.
  for (int v = 0; v < items; ++v) {
    if (v % 200 != 199) w.dense_known.push_back(v);
  }
  w.data.user_ids.push_back("dense");
  w.data.user_items = w.dense_known;
  w.data.user_offsets.push_back(static_cast<std::int64_t>(w.data.user_items.size()));
  for (int u = 0; u < kSparseUsers; ++u) {
    w.data.user_ids.push_back(std::to_string(u));
    std::vector<std::int32_t> row;
    while (static_cast<int>(row.size()) < kRecordsPerSparseUser) {
      const auto v =
          static_cast<std::int32_t>(rng.uniform_index(static_cast<std::uint64_t>(items)));
      if (std::find(row.begin(), row.end(), v) == row.end()) row.push_back(v);
    }
    std::sort(row.begin(), row.end());
    w.data.user_items.insert(w.data.user_items.end(), row.begin(), row.end());
    w.data.user_offsets.push_back(static_cast<std::int64_t>(w.data.user_items.size()));
  }
  for (int u = 0; u <= kSparseUsers; ++u) w.split.pretrain_users.push_back(u);
  return w;
}

const DenseWorld& dense_world(int items) {
  static std::map<int, DenseWorld> worlds;
  auto it = worlds.find(items);
  if (it == worlds.end()) it = worlds.emplace(items, make_dense_world(items)).first;
  return it->second;
}

// Arg: catalogue size. The dense user's 3 negatives per rating, as one pretraining epoch draws.
void BM_NegativesOfANearCompleteUser(benchmark::State& state) {
  const DenseWorld& w = dense_world(static_cast<int>(state.range(0)));
  const auto items = static_cast<std::int32_t>(w.data.item_ids.size());
  Rng rng(1);
  std::vector<std::int32_t> out;
  for (auto _ : state) {
    out.clear();
    sample_negatives(rng, items, w.dense_known, 3 * static_cast<std::int64_t>(w.dense_known.size()),
                     out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(out.size()));
}
BENCHMARK(BM_NegativesOfANearCompleteUser)
    ->Arg(2000)
    ->Arg(20000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond);

// Arg: catalogue size. One pretraining epoch over the dense user and 500 sparse ones (one
// validation user, so that the epoch is mostly training).
void BM_PretrainEpochWithANearCompleteUser(benchmark::State& state) {
  const DenseWorld& w = dense_world(static_cast<int>(state.range(0)));
  PretrainConfig config;
  config.max_epochs = 1;
  config.max_validation_users = 1;
  for (auto _ : state) {
    JobControl job;
    benchmark::DoNotOptimize(pretrain(w.data, w.split, config, job).Q.data());
  }
}
BENCHMARK(BM_PretrainEpochWithANearCompleteUser)
    ->Arg(2000)
    ->Arg(20000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace metacf
