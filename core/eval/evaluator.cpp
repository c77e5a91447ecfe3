#include "core/eval/evaluator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>

#include "core/train/negatives.h"

namespace metacf {
namespace {

std::vector<std::vector<std::int32_t>> sample_candidates(const Task& task, const Dataset& data,
                                                         int count, Rng& rng) {
  const auto records = data.items_of(task.user);
  std::vector<std::int32_t> known(records.begin(), records.end());
  std::sort(known.begin(), known.end());
  std::vector<std::vector<std::int32_t>> out(task.query.size());
  for (auto& negatives : out) sample_negatives(rng, data.num_items(), known, count, negatives);
  return out;
}

}  // namespace

Evaluation evaluate(const Learner& learner, std::span<const Task> tasks,
                    const EvaluationOptions& options, JobControl* job) {
  if (options.num_items <= 0) throw std::invalid_argument("evaluation needs the catalogue size");
  if (options.protocol == Protocol::kSampled && options.data == nullptr) {
    throw std::invalid_argument("the sampled protocol needs the data set to draw candidates");
  }
  Evaluation result;
  const auto n = static_cast<std::int64_t>(tasks.size());
  result.per_user.resize(tasks.size());
  std::vector<double> serve_us(tasks.size(), 0.0);
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
      const auto start = std::chrono::steady_clock::now();
      const auto states = learner.adapt(task.support, options.steps, rng);
      learner.score(states.back(), scores);
      if (options.protocol == Protocol::kFull) {
        const auto top = top_k(scores, options.top_n, task.support);
        serve_us[static_cast<std::size_t>(i)] =
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
        result.per_user[static_cast<std::size_t>(i)] = ranking_metrics(top, task.query, options.top_n);
      } else {
        serve_us[static_cast<std::size_t>(i)] =
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
        Rng candidate_rng = rng.fork(0xca4d1da7e);
        const auto candidates = sample_candidates(task, *options.data, options.sampled_candidates, candidate_rng);
        result.per_user[static_cast<std::size_t>(i)] =
            sampled_metrics(scores, task.query, candidates, options.top_n);
      }
    }
  }
  if (stop) throw Cancelled();
  for (const auto& m : result.per_user) {
    result.hr += m.hr;
    result.ndcg += m.ndcg;
  }
  if (n > 0) {
    result.hr /= static_cast<double>(n);
    result.ndcg /= static_cast<double>(n);
    auto middle = serve_us.begin() + static_cast<std::ptrdiff_t>(serve_us.size() / 2);
    std::nth_element(serve_us.begin(), middle, serve_us.end());
    result.serve_us_median = *middle;
  }
  return result;
}

}  // namespace metacf
