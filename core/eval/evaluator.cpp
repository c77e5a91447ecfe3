#include "core/eval/evaluator.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "core/eval/blocked_ranking.h"
#include "core/eval/sampled_ranking.h"
#include "core/eval/serve_top_n.h"
#include "core/model/dot_product_items.h"

namespace metacf {
namespace {

using Clock = std::chrono::steady_clock;
double micros_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

constexpr std::int64_t kUsersPerBlock = 64;
// Users whose single-user serving is timed (and checked against the blocked lists) when the
// blocked path ranks the rest.
constexpr std::int64_t kServingSample = 64;

void average(Evaluation& result) {
  for (const auto& m : result.per_user) {
    result.hr += m.hr;
    result.ndcg += m.ndcg;
  }
  if (!result.per_user.empty()) {
    result.hr /= static_cast<double>(result.per_user.size());
    result.ndcg /= static_cast<double>(result.per_user.size());
  }
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

// Full ranking for a dot-product learner: blocks of up to kUsersPerBlock users are adapted,
// stacked and ranked in one pass over the items (see blocked_ranking.h). Every user adapts from
// the same generator stream as in the per-user path, so both give the same lists. A block per
// thread at least: a validation point ranks about 50 users, and one block of 64 left the other
// thread idle; a user's scores, and so her list, do not depend on the block she is ranked in.
Evaluation evaluate_blocked(const Learner& learner, const DotProductItems& items,
                            std::span<const Task> tasks, const EvaluationOptions& options,
                            JobControl* job) {
  Evaluation result;
  const auto n = static_cast<std::int64_t>(tasks.size());
  result.per_user.resize(tasks.size());
  std::vector<std::vector<std::int32_t>> tops(tasks.size());
  const Rng base(options.seed);
  std::atomic<bool> stop{false};
  const std::int64_t threads = std::max(1, omp_get_max_threads());
  const std::int64_t per_block =
      std::clamp<std::int64_t>((n + threads - 1) / threads, 1, kUsersPerBlock);
  const std::int64_t blocks = (n + per_block - 1) / per_block;

#pragma omp parallel
  {
    Eigen::MatrixXf users(items.dim(), per_block);
    std::vector<std::vector<std::int32_t>> excluded(static_cast<std::size_t>(per_block));
    std::vector<std::span<const std::int32_t>> excluded_spans;
    std::vector<std::vector<std::int32_t>> block_tops;
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t block = 0; block < blocks; ++block) {
      if (stop.load(std::memory_order_relaxed)) continue;
      if (job && job->cancelled()) {
        stop = true;
        continue;
      }
      const std::int64_t first = block * per_block;
      const std::int64_t count = std::min(per_block, n - first);
      excluded_spans.clear();
      for (std::int64_t j = 0; j < count; ++j) {
        const Task& task = tasks[static_cast<std::size_t>(first + j)];
        Rng rng = base.fork(static_cast<std::uint64_t>(task.user));
        users.col(j) = learner.adapt(task.support, options.steps, rng).back().params;
        auto& skip = excluded[static_cast<std::size_t>(j)];
        skip.assign(task.support.begin(), task.support.end());
        std::sort(skip.begin(), skip.end());
        excluded_spans.emplace_back(skip);
      }
      rank_users_blocked(items, users.leftCols(count), excluded_spans, options.top_n, block_tops);
      for (std::int64_t j = 0; j < count; ++j) {
        const auto i = static_cast<std::size_t>(first + j);
        result.per_user[i] =
            ranking_metrics(block_tops[static_cast<std::size_t>(j)], tasks[i].query, options.top_n);
        tops[i] = std::move(block_tops[static_cast<std::size_t>(j)]);
      }
    }
  }
  if (stop) throw Cancelled();
  average(result);

  // serve_us_median keeps its per-user meaning: one user served alone (adapt + top-N as a
  // server gives it, serve_top_n), timed on a sample of the users, one at a time. Their lists
  // double as checks that the served list is the blocked one and that the learner's score()
  // is the inner product it declares.
  if (!options.serving_sample) return result;
  std::vector<double> serve_us;
  Eigen::VectorXf scores(items.num_items());
  const std::int64_t stride = std::max<std::int64_t>(1, n / kServingSample);
  for (std::int64_t i = 0; i < n; i += stride) {
    const Task& task = tasks[static_cast<std::size_t>(i)];
    Rng rng = base.fork(static_cast<std::uint64_t>(task.user));
    const auto start = Clock::now();
    const auto states = learner.adapt(task.support, options.steps, rng);
    const auto served = serve_top_n(learner, states.back(), options.top_n, task.support, scores);
    serve_us.push_back(micros_since(start));
    const auto& blocked = tops[static_cast<std::size_t>(i)];
    const bool same = std::equal(served.begin(), served.end(), blocked.begin(), blocked.end(),
                                 [](const ScoredItem& s, std::int32_t v) { return s.item == v; });
    if (!same) throw std::logic_error(learner.name() + ": a served list differs from its ranking");
    learner.score(states.back(), scores);
    if (top_k(scores, options.top_n, task.support) != blocked) {
      throw std::logic_error(learner.name() +
                             ": score() disagrees with its declared dot-product scores");
    }
  }
  result.serve_us_median = median(std::move(serve_us));
  return result;
}

}  // namespace

Evaluation evaluate(const Learner& learner, std::span<const Task> tasks,
                    const EvaluationOptions& options, JobControl* job) {
  if (options.num_items <= 0) throw std::invalid_argument("evaluation needs the catalogue size");
  if (options.protocol == Protocol::kSampled && options.data == nullptr) {
    throw std::invalid_argument("the sampled protocol needs the data set to draw candidates");
  }
  if (const DotProductItems* items = learner.dot_product_items();
      items != nullptr && options.protocol == Protocol::kFull) {
    return evaluate_blocked(learner, *items, tasks, options, job);
  }
  Evaluation result;
  const auto n = static_cast<std::int64_t>(tasks.size());
  result.per_user.resize(tasks.size());
  std::vector<double> serve_us(tasks.size(), 0.0);
  std::vector<char> all_ranked(tasks.size(), 0);
  const Rng base(options.seed);
  std::atomic<bool> stop{false};

#pragma omp parallel
  {
    Eigen::VectorXf scores(options.num_items);
#pragma omp for schedule(dynamic, 8)
    for (std::int64_t i = 0; i < n; ++i) {
      if (stop.load(std::memory_order_relaxed)) continue;
      if (job && job->cancelled()) {
        stop = true;
        continue;
      }
      const Task& task = tasks[static_cast<std::size_t>(i)];
      Rng rng = base.fork(static_cast<std::uint64_t>(task.user));
      const auto start = Clock::now();
      const auto states = learner.adapt(task.support, options.steps, rng);
      learner.score(states.back(), scores);
      if (options.protocol == Protocol::kFull) {
        const auto top = top_k(scores, options.top_n, task.support);
        serve_us[static_cast<std::size_t>(i)] = micros_since(start);
        result.per_user[static_cast<std::size_t>(i)] =
            ranking_metrics(top, task.query, options.top_n);
      } else {
        serve_us[static_cast<std::size_t>(i)] = micros_since(start);
        Rng candidate_rng = rng.fork(0xca4d1da7e);
        const auto records = options.data->items_of(task.user);
        std::vector<std::int32_t> known(records.begin(), records.end());
        std::sort(known.begin(), known.end());
        SampledUserMetrics sampled;
        if (!sampled_user_metrics(scores, task.query, known, options.sampled_candidates,
                                  options.top_n, candidate_rng, job, sampled)) {
          stop = true;
        }
        result.per_user[static_cast<std::size_t>(i)] = sampled.metrics;
        all_ranked[static_cast<std::size_t>(i)] = sampled.all_ranked ? 1 : 0;
      }
    }
  }
  if (stop) throw Cancelled();
  average(result);
  result.all_candidates_users = std::count(all_ranked.begin(), all_ranked.end(), 1);
  result.serve_us_median = median(std::move(serve_us));
  return result;
}

}  // namespace metacf
