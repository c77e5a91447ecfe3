// Meta-training throughput (tasks/s) and serving latency (adapt + score + top-10) of the
// trained learners on synthetic data shaped like MovieLens 100K: 1,682 items, D = 32, 500
// meta-training tasks with the protocol's support/query sizes (n ~ U{2..10}, support n/2).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "core/eval/blocked_ranking.h"
#include "core/eval/ranking.h"
#include "core/eval/serve_top_n.h"
#include "core/learners/learner_factory.h"
#include "core/learners/melu/melu_item_scorer.h"
#include "core/model/dot_product_items.h"
#include "core/model/exact_top_n.h"

namespace metacf {
namespace {

constexpr int kDim = 32;
constexpr int kTasks = 500;
constexpr int kRecordsPerUser = 60;

struct BenchWorld {
  Dataset data;
  Split split;
  ItemEmbeddings Q;
  std::vector<std::vector<std::int32_t>> known;
};

BenchWorld make_world(int kItems) {
  BenchWorld b;
  Rng rng(42);
  auto Q = std::make_shared<Eigen::MatrixXf>(kItems, kDim);
  for (Eigen::Index i = 0; i < Q->size(); ++i)
    Q->data()[i] = static_cast<float>(0.3 * rng.normal());
  b.Q = Q;
  for (int v = 0; v < kItems; ++v) b.data.item_ids.push_back(std::to_string(v));
  std::vector<std::int32_t> all(kItems);
  std::iota(all.begin(), all.end(), 0);
  for (int u = 0; u < kTasks; ++u) {
    b.data.user_ids.push_back(std::to_string(u));
    rng.shuffle(std::span<std::int32_t>(all));
    std::vector<std::int32_t> records(all.begin(), all.begin() + kRecordsPerUser);
    b.data.user_items.insert(b.data.user_items.end(), records.begin(), records.end());
    b.data.user_offsets.push_back(static_cast<std::int64_t>(b.data.user_items.size()));
    const auto n = rng.uniform_int(2, 10);
    Task t;
    t.user = u;
    t.support.assign(records.begin(), records.begin() + n / 2);
    t.query.assign(records.begin() + n / 2, records.begin() + n);
    b.split.meta_train.push_back(t);
    std::sort(records.begin(), records.end());
    b.known.push_back(records);
  }
  return b;
}

// MovieLens 100K has 1,682 items, MovieLens 1M 3,952, Amazon CDs 57,750.
const BenchWorld& world(int items = 1682) {
  static std::map<int, BenchWorld> worlds;
  auto it = worlds.find(items);
  if (it == worlds.end()) it = worlds.emplace(items, make_world(items)).first;
  return it->second;
}

const char* learner_name(int64_t i) {
  static const char* names[] = {"metacf_g", "metacf_p_linear", "metacf_p_neural", "melu", "bpr"};
  return names[i];
}

// Args: learner index, K, exact (0/1).
void BM_MetaTraining(benchmark::State& state) {
  const BenchWorld& w = world();
  const std::string name = learner_name(state.range(0));
  const int epochs = name == "melu" ? 2 : 20;
  const nlohmann::json config = {{"steps", state.range(1)},
                                 {"meta_epochs", epochs},
                                 {"meta_gradient", state.range(2) ? "exact" : "first-order"}};
  state.SetLabel(name + " K=" + std::to_string(state.range(1)) +
                 (state.range(2) ? " exact" : " first-order"));
  for (auto _ : state) {
    auto learner = make_learner(name, config);
    TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
    JobControl job;
    learner->fit(ctx, job);
    benchmark::DoNotOptimize(learner->parameters());
  }
  // "items" are meta-training tasks: items_per_second is tasks/s.
  state.SetItemsProcessed(state.iterations() * epochs * kTasks);
}
BENCHMARK(BM_MetaTraining)
    ->ArgsProduct({{0, 1, 2}, {1, 5}, {0, 1}})
    ->Args({3, 1, 0})
    ->Args({3, 5, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// One new user: adapt K = 5 steps on 1-5 support items, then the top 10 as a server gives it
// (serve_top_n: the 8-bit first pass and exact float rescoring for the dot-product learners,
// every item scored for MeLU). Args: learner index, items.
void BM_AdaptScoreTop10(benchmark::State& state) {
  const int items = static_cast<int>(state.range(1));
  const BenchWorld& w = world(items);
  const std::string name = learner_name(state.range(0));
  auto learner = make_learner(name, {{"steps", 5}, {"meta_epochs", 1}});
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  JobControl job;
  learner->fit(ctx, job);
  const bool avx512 = name == "melu" && melu_kernel_is_avx512();
  const bool int8 = learner->dot_product_items() != nullptr;
  state.SetLabel(name + " K=5, " + std::to_string(items) + " items" +
                 (avx512 ? ", AVX-512 kernel" : "") +
                 (int8 ? std::string(", int8 first pass (") +
                             quantized_kernel_name(best_quantized_kernel()) + ")"
                       : ""));
  Rng rng(7);
  Eigen::VectorXf scores(items);
  std::size_t u = 0;
  for (auto _ : state) {
    const auto& support = w.split.meta_train[u++ % kTasks].query;  // 1..5 items
    const auto states = learner->adapt(support, 5, rng);
    benchmark::DoNotOptimize(serve_top_n(*learner, states.back(), 10, support, scores));
  }
}
BENCHMARK(BM_AdaptScoreTop10)
    ->ArgsProduct({{0, 1, 2, 3, 4}, {1682, 3952, 57750}})
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

// The same with every item scored in float and top_k, as before the 8-bit first pass (and as
// the evaluator's per-user path still ranks). Args: learner index, items.
void BM_AdaptScoreAllTop10(benchmark::State& state) {
  const int items = static_cast<int>(state.range(1));
  const BenchWorld& w = world(items);
  const std::string name = learner_name(state.range(0));
  auto learner = make_learner(name, {{"steps", 5}, {"meta_epochs", 1}});
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  JobControl job;
  learner->fit(ctx, job);
  state.SetLabel(name + " K=5, " + std::to_string(items) + " items, every item in float");
  Rng rng(7);
  Eigen::VectorXf scores(items);
  std::size_t u = 0;
  for (auto _ : state) {
    const auto& support = w.split.meta_train[u++ % kTasks].query;
    const auto states = learner->adapt(support, 5, rng);
    learner->score(states.back(), scores);
    benchmark::DoNotOptimize(top_k(scores, 10, support));
  }
}
BENCHMARK(BM_AdaptScoreAllTop10)
    ->ArgsProduct({{0, 1, 2, 4}, {1682, 57750}})
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

// The top 10 alone (no adaptation) for metacf_p_linear's adapted users, by first-pass kernel:
// arg 0 scores every item in float (score + top_k), 1 portable, 2 AVX2, 3 AVX-512 VNNI.
// "candidates" is the mean number of items rescored in float. Args: kernel, items.
void BM_Top10ByKernel(benchmark::State& state) {
  const int items = static_cast<int>(state.range(1));
  const BenchWorld& w = world(items);
  auto learner = make_learner("metacf_p_linear", {{"steps", 5}, {"meta_epochs", 1}});
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  JobControl job;
  learner->fit(ctx, job);
  std::vector<Eigen::VectorXf> users;
  Rng rng(7);
  for (const Task& t : w.split.meta_train)
    users.push_back(learner->adapt(t.query, 5, rng).back().params);
  const DotProductItems& packed = *learner->dot_product_items();
  const int arg = static_cast<int>(state.range(0));
  const auto kernel = static_cast<QuantizedKernel>(std::max(0, arg - 1));
  if (arg > 0 && !quantized_kernel_available(kernel)) {
    state.SkipWithError("this CPU lacks the kernel");
    return;
  }
  state.SetLabel(std::to_string(items) + " items, " +
                 (arg == 0 ? std::string("every item in float") : quantized_kernel_name(kernel)));
  Eigen::VectorXf scores(items);
  std::size_t u = 0;
  double candidates = 0;
  for (auto _ : state) {
    const auto i = u++ % users.size();
    const auto& support = w.split.meta_train[i].query;
    if (arg == 0) {
      packed.score(users[i], scores);
      benchmark::DoNotOptimize(top_k(scores, 10, support));
    } else {
      TopNStats stats;
      benchmark::DoNotOptimize(exact_top_n(packed, users[i], 10, support, kernel, &stats));
      candidates += static_cast<double>(stats.candidates);
    }
  }
  state.counters["candidates"] = candidates / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Top10ByKernel)
    ->ArgsProduct({{0, 1, 2, 3}, {1682, 57750}})
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

// Full ranking of 64 users (D = 32) on the Amazon-sized catalogue, top 10 outside 5 support
// items each, on one thread: arg 0 scores and selects user by user (what the evaluator does
// for learners that are not inner products), arg 1 ranks the 64 as one block. users/s.
void BM_FullRanking64Users(benchmark::State& state) {
  constexpr int kItems = 57750;
  constexpr int kUsers = 64;
  const BenchWorld& w = world(kItems);
  const DotProductItems items(*w.Q);
  Rng rng(3);
  Eigen::MatrixXf users(kDim, kUsers);
  for (Eigen::Index i = 0; i < users.size(); ++i)
    users.data()[i] = static_cast<float>(rng.normal());
  std::vector<std::vector<std::int32_t>> excluded(kUsers);
  std::vector<std::span<const std::int32_t>> spans;
  for (auto& e : excluded) {
    for (int i = 0; i < 5; ++i) e.push_back(static_cast<std::int32_t>(rng.uniform_index(kItems)));
    std::sort(e.begin(), e.end());
    spans.emplace_back(e);
  }
  const bool blocked = state.range(0) == 1;
  state.SetLabel(blocked ? "blocked (64 users x 2,048 items)" : "user by user");
  Eigen::VectorXf scores(kItems);
  std::vector<std::vector<std::int32_t>> top(kUsers);
  for (auto _ : state) {
    if (blocked) {
      rank_users_blocked(items, users, spans, 10, top);
    } else {
      for (int b = 0; b < kUsers; ++b) {
        items.score(users.col(b), scores);
        top[static_cast<std::size_t>(b)] = top_k(scores, 10, excluded[static_cast<std::size_t>(b)]);
      }
    }
    benchmark::DoNotOptimize(top.data());
  }
  state.SetItemsProcessed(state.iterations() * kUsers);
}
BENCHMARK(BM_FullRanking64Users)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// ease against metacf_ease (ease's one dense solve plus the meta-learned mix): fitting on the
// world's training users, and serving one new user (score all items, top 10). Args: learner
// (0 ease, 1 metacf_ease), items, what (0 fit, 1 serve).
void BM_EaseAndMetaEase(benchmark::State& state) {
  const int items = static_cast<int>(state.range(1));
  const BenchWorld& w = world(items);
  const std::string name = state.range(0) == 0 ? "ease" : "metacf_ease";
  const bool serve = state.range(2) == 1;
  state.SetLabel(name + (serve ? " serve, " : " fit, ") + std::to_string(items) + " items");
  TrainingContext ctx{w.data, w.split, w.Q, &w.known, nullptr, 1};
  JobControl job;
  auto learner = make_learner(name, nlohmann::json::object());
  if (!serve) {
    for (auto _ : state) {
      learner = make_learner(name, nlohmann::json::object());
      learner->fit(ctx, job);
    }
    return;
  }
  learner->fit(ctx, job);
  Rng rng(7);
  Eigen::VectorXf scores(items);
  std::size_t u = 0;
  for (auto _ : state) {
    const auto& support = w.split.meta_train[u++ % kTasks].query;  // 1..5 items
    const auto states = learner->adapt(support, 0, rng);
    learner->score(states.back(), scores);
    benchmark::DoNotOptimize(top_k(scores, 10, support));
  }
}
BENCHMARK(BM_EaseAndMetaEase)
    ->ArgsProduct({{0, 1}, {1682, 3952}, {0, 1}})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace
}  // namespace metacf
