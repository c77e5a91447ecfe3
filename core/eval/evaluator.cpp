#include "core/eval/evaluator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "core/eval/blocked_ranking.h"
#include "core/learners/dot_product_items.h"
#include "core/train/negatives.h"

namespace metacf {
namespace {

// Negatives are drawn and counted in chunks of this many, checking for cancellation between
// chunks (about 10 ms of work each), so a large candidate count neither holds memory nor up a
// stop request.
constexpr std::int64_t kCandidateChunk = std::int64_t{1} << 20;

// The sampled protocol's metrics for one user: each query item against `count` negatives drawn
// for it (with replacement, outside the user's records). Draws the same stream, item after
// item, as drawing every candidate list first, so the numbers are those of sampled_metrics();
// only no list is kept. Returns false when `job` was cancelled.
bool sampled_user_metrics(const Eigen::VectorXf& scores, const Task& task, const Dataset& data,
                          std::int64_t count, int top_n, Rng& rng, const JobControl* job,
                          RankingMetrics& m) {
  const auto records = data.items_of(task.user);
  std::vector<std::int32_t> known(records.begin(), records.end());
  std::sort(known.begin(), known.end());
  m = RankingMetrics{};
  if (task.query.empty()) return true;
  std::vector<std::int32_t> chunk;
  for (const auto positive : task.query) {
    const TopK::Candidate pos{scores[positive], positive};
    std::int64_t rank = 0;  // negatives ranked before the positive
    for (std::int64_t drawn = 0; drawn < count;) {
      if (job && job->cancelled()) return false;
      const std::int64_t want = std::min(kCandidateChunk, count - drawn);
      chunk.clear();
      sample_negatives(rng, data.num_items(), known, want, chunk);
      for (auto v : chunk) rank += TopK::ranks_before({scores[v], v}, pos) ? 1 : 0;
      if (static_cast<std::int64_t>(chunk.size()) < want) break;  // no item left to draw
      drawn += want;
    }
    if (rank < top_n) {
      m.hr += 1.0;
      m.ndcg += 1.0 / std::log2(static_cast<double>(rank) + 2.0);
    }
  }
  m.hr /= static_cast<double>(task.query.size());
  m.ndcg /= static_cast<double>(task.query.size());
  return true;
}

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

// Full ranking for a dot-product learner: blocks of kUsersPerBlock users are adapted, stacked
// and ranked in one pass over the items (see blocked_ranking.h). Every user adapts from the
// same generator stream as in the per-user path, so both give the same lists.
Evaluation evaluate_blocked(const Learner& learner, const DotProductItems& items,
                            std::span<const Task> tasks, const EvaluationOptions& options,
                            JobControl* job) {
  Evaluation result;
  const auto n = static_cast<std::int64_t>(tasks.size());
  result.per_user.resize(tasks.size());
  std::vector<std::vector<std::int32_t>> tops(tasks.size());
  const Rng base(options.seed);
  std::atomic<bool> stop{false};
  const std::int64_t blocks = (n + kUsersPerBlock - 1) / kUsersPerBlock;

#pragma omp parallel
  {
    Eigen::MatrixXf users(items.dim(), kUsersPerBlock);
    std::vector<std::vector<std::int32_t>> excluded(static_cast<std::size_t>(kUsersPerBlock));
    std::vector<std::span<const std::int32_t>> excluded_spans;
    std::vector<std::vector<std::int32_t>> block_tops;
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t block = 0; block < blocks; ++block) {
      if (stop.load(std::memory_order_relaxed)) continue;
      if (job && job->cancelled()) {
        stop = true;
        continue;
      }
      const std::int64_t first = block * kUsersPerBlock;
      const std::int64_t count = std::min(kUsersPerBlock, n - first);
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

  // serve_us_median keeps its per-user meaning: one user served alone (adapt + score every
  // item + top-N), timed on a sample of the users, one at a time. Their lists double as a
  // check that the learner's score() is the inner product it declares.
  std::vector<double> serve_us;
  Eigen::VectorXf scores(items.num_items());
  const std::int64_t stride = std::max<std::int64_t>(1, n / kServingSample);
  for (std::int64_t i = 0; i < n; i += stride) {
    const Task& task = tasks[static_cast<std::size_t>(i)];
    Rng rng = base.fork(static_cast<std::uint64_t>(task.user));
    const auto start = Clock::now();
    const auto states = learner.adapt(task.support, options.steps, rng);
    learner.score(states.back(), scores);
    const auto top = top_k(scores, options.top_n, task.support);
    serve_us.push_back(micros_since(start));
    if (top != tops[static_cast<std::size_t>(i)]) {
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
        if (!sampled_user_metrics(scores, task, *options.data, options.sampled_candidates,
                                  options.top_n, candidate_rng, job,
                                  result.per_user[static_cast<std::size_t>(i)])) {
          stop = true;
        }
      }
    }
  }
  if (stop) throw Cancelled();
  average(result);
  result.serve_us_median = median(std::move(serve_us));
  return result;
}

}  // namespace metacf
