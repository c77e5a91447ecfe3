#include "core/learners/meta_training.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "core/nn/optimizer.h"
#include "core/train/divergence.h"
#include "core/train/known_item_bits.h"
#include "core/train/negatives.h"
#include "core/util/all_finite.h"

namespace metacf {
namespace {

// Separate streams of the run's generator, so adding draws to one never shifts another.
constexpr std::uint64_t kTaskStreams = 0;
constexpr std::uint64_t kShuffleStreams = 1;

[[noreturn]] void throw_diverged(const std::string& learner, int epoch, const std::string& why) {
  throw Diverged("meta-training " + learner + " diverged at epoch " + std::to_string(epoch) + " (" +
                 why + "): try a smaller alpha or beta");
}

// Without the users' histories, a task's negatives avoid at least its own selected records:
// each task's support and query, sorted and distinct.
std::vector<std::vector<std::int32_t>> selected_records(const std::vector<Task>& tasks) {
  std::vector<std::vector<std::int32_t>> own_records(tasks.size());
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    auto& r = own_records[t];
    r.assign(tasks[t].support.begin(), tasks[t].support.end());
    r.insert(r.end(), tasks[t].query.begin(), tasks[t].query.end());
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
  }
  return own_records;
}

// A batch whose loss or gradient is not finite, or whose loss per query pair is past
// kDivergedLossPerPair, stops the training before it moves Phi.
void check_batch(const std::string& learner, int epoch, const BatchLoss& result,
                 const Eigen::VectorXf& grad) {
  if (!std::isfinite(result.loss_sum) || !all_finite(grad)) {
    throw_diverged(learner, epoch, "loss is NaN/inf");
  }
  if (result.pairs > 0 &&
      result.loss_sum / static_cast<double>(result.pairs) > kDivergedLossPerPair) {
    throw_diverged(learner, epoch,
                   "loss per query pair " +
                       std::to_string(result.loss_sum / static_cast<double>(result.pairs)) +
                       " is past " + std::to_string(kDivergedLossPerPair));
  }
}

// The end of an epoch: its mean loss, and a validation point every validate_every epochs and
// at the last.
void report_epoch(const TrainingContext& ctx, JobControl& job, const Learner& learner,
                  const MetaTrainingHooks& hooks, int epoch, int epochs, double loss_sum,
                  std::int64_t pairs, std::chrono::steady_clock::time_point start) {
  Progress progress;
  progress.stage = Stage::kMetaTrain;
  progress.learner = learner.name();
  progress.epoch = epoch;
  progress.epochs = epochs;
  progress.fraction = static_cast<double>(epoch) / epochs;
  // Mean BCE per query pair: 0.693 is a coin flip, whatever the support/query sizes.
  progress.loss = pairs > 0 ? loss_sum / static_cast<double>(pairs) : 0.0;
  if (ctx.validate && ctx.validate_every > 0 &&
      (epoch % ctx.validate_every == 0 || epoch == epochs)) {
    if (hooks.before_validation) hooks.before_validation();
    const ValidationScore score = ctx.validate(learner);
    progress.val_hr = score.hr;
    progress.val_ndcg = score.ndcg;
  }
  progress.epoch_done = true;
  progress.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  job.report(progress);
}

}  // namespace

void sample_task(const Task& task, int negatives, std::int32_t num_items,
                 std::span<const std::int32_t> known_sorted, Rng rng, SampledTask& out,
                 std::span<const std::uint64_t> known_bits) {
  const std::span<const std::int32_t> support = task.support;
  const std::span<const std::int32_t> query = task.query;
  out.support.assign(support.begin(), support.end());
  out.query.assign(query.begin(), query.end());
  out.support_positives = static_cast<int>(support.size());
  out.query_positives = static_cast<int>(query.size());
  sample_negatives(rng, num_items, known_sorted,
                   static_cast<std::int64_t>(negatives) * out.support_positives, out.support,
                   known_bits);
  sample_negatives(rng, num_items, known_sorted,
                   static_cast<std::int64_t>(negatives) * out.query_positives, out.query,
                   known_bits);
  out.rng = rng;
}

void run_meta_training(const TrainingContext& ctx, JobControl& job, const MetaConfig& config,
                       const Learner& learner, const MetaTrainingHooks& hooks,
                       Eigen::VectorXf& phi) {
  const auto start = std::chrono::steady_clock::now();
  const auto& tasks = ctx.split.meta_train;
  const auto num_tasks = static_cast<std::int64_t>(tasks.size());
  const auto num_items = static_cast<std::int32_t>(ctx.Q->rows());
  if (ctx.known_items &&
      static_cast<std::int64_t>(ctx.known_items->size()) < ctx.data.num_users()) {
    throw std::invalid_argument("meta-training " + hooks.learner_name +
                                ": known_items has fewer entries than the data set has users");
  }
  std::vector<std::vector<std::int32_t>> own_records;
  if (!ctx.known_items) own_records = selected_records(tasks);
  auto known_of = [&](std::int64_t t) -> std::span<const std::int32_t> {
    if (ctx.known_items) return (*ctx.known_items)[static_cast<std::size_t>(tasks[t].user)];
    return own_records[static_cast<std::size_t>(t)];
  };
  // Sampling was a fifth of a MovieLens 100K fit, most of it the binary searches.
  const KnownItemBits known_bits(num_tasks, num_items, known_of);

  const Rng root(config.seed);
  const Rng task_root = root.fork(kTaskStreams);
  const Rng shuffle_root = root.fork(kShuffleStreams);
  FlatOptimizer optimizer(config.optimizer, static_cast<float>(config.beta), phi.size());
  std::vector<std::int64_t> order(tasks.size());
  std::vector<SampledTask> slots(static_cast<std::size_t>(config.batch_size));
  Eigen::VectorXf grad(phi.size());
  Eigen::VectorXf previous(phi.size());

  const int epochs = config.meta_epochs;
  const std::int64_t batches_per_epoch = (num_tasks + config.batch_size - 1) / config.batch_size;
  const double total_updates = static_cast<double>(batches_per_epoch) * epochs;
  const bool linear_decay = config.beta_schedule == "linear";
  std::int64_t update = 0;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    std::iota(order.begin(), order.end(), 0);
    Rng shuffle_rng = shuffle_root.fork(static_cast<std::uint64_t>(epoch));
    shuffle_rng.shuffle(std::span<std::int64_t>(order));
    double loss_sum = 0;
    std::int64_t pairs = 0;
    for (std::int64_t first = 0; first < num_tasks; first += config.batch_size) {
      job.check();
      const auto batch =
          static_cast<std::int64_t>(std::min<std::int64_t>(config.batch_size, num_tasks - first));
      MetaBatch meta_batch(std::span<SampledTask>(slots.data(), static_cast<std::size_t>(batch)),
                           [&](std::size_t b, SampledTask& out) {
                             const std::int64_t t = order[static_cast<std::size_t>(first) + b];
                             const auto stream = static_cast<std::uint64_t>(epoch - 1) *
                                                     static_cast<std::uint64_t>(num_tasks) +
                                                 static_cast<std::uint64_t>(t);
                             sample_task(tasks[static_cast<std::size_t>(t)], config.negatives,
                                         num_items, known_of(t), task_root.fork(stream), out,
                                         known_bits.row(t));
                           });
      const BatchLoss result = hooks.batch_gradient(meta_batch, grad);
      check_batch(hooks.learner_name, epoch, result, grad);
      previous = phi;
      if (linear_decay) {
        optimizer.set_learning_rate(
            static_cast<float>(config.beta * (1.0 - static_cast<double>(update) / total_updates)));
      }
      ++update;
      optimizer.step(phi, grad);
      if (!all_finite(phi)) {
        phi = previous;
        throw_diverged(hooks.learner_name, epoch, "loss is NaN/inf");
      }
      loss_sum += result.loss_sum;
      pairs += result.pairs;
    }
    report_epoch(ctx, job, learner, hooks, epoch, epochs, loss_sum, pairs, start);
  }
}

}  // namespace metacf
