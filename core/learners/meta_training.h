#pragma once
// Algorithm 1 of the paper, shared by every meta-trained learner: epochs over the shuffled
// meta-training tasks, fresh negatives per epoch, meta-batches of users, Phi updated by the
// learner's summed meta-gradient. The learner supplies only the batch gradient.
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/learners/meta_config.h"
#include "core/model/learner.h"

namespace metacf {

// One meta-training task as sampled for one epoch. Items are dense indices, positives first:
// support = [support positives | negatives], query likewise. The buffers keep their capacity
// from batch to batch, so sampling allocates nothing once warm.
struct SampledTask {
  std::vector<std::int32_t> support;
  std::vector<std::int32_t> query;
  int support_positives = 0;
  int query_positives = 0;
  Rng rng;  // the task's own stream after sampling, for learner-specific draws (MeLU's p_u)
};

struct BatchLoss {
  double loss_sum = 0;     // summed meta-loss of the batch
  std::int64_t pairs = 0;  // query pairs it was summed over
};

// The first `count` tasks' losses summed in task order (so the sum does not depend on the
// thread count), over their query pairs.
template <typename Losses, typename Batch>
BatchLoss sum_batch_loss(const Losses& losses, const Batch& batch, Eigen::Index count) {
  BatchLoss result;
  for (Eigen::Index b = 0; b < count; ++b) {
    result.loss_sum += losses[static_cast<std::size_t>(b)];
    result.pairs += static_cast<std::int64_t>(batch[static_cast<std::size_t>(b)].query.size());
  }
  return result;
}

// One meta-batch of tasks, each sampled by the thread that first needs it: the learner's own
// parallel loop over the batch calls sample(b), so drawing the negatives costs no parallel
// region of its own. A task's draws come from its own stream, so which thread samples it
// changes nothing.
class MetaBatch {
 public:
  using Sampler = std::function<void(std::size_t b, SampledTask& out)>;
  MetaBatch(std::span<SampledTask> slots, Sampler sampler)
      : slots_(slots), sampler_(std::move(sampler)) {}
  [[nodiscard]] std::size_t size() const { return slots_.size(); }
  // Draws task b into its slot. Once per b, from any thread; distinct b may run concurrently.
  const SampledTask& sample(std::size_t b) {
    sampler_(b, slots_[b]);
    return slots_[b];
  }
  // Task b as sample(b) left it (after a barrier when read on another thread).
  const SampledTask& operator[](std::size_t b) const { return slots_[b]; }

 private:
  std::span<SampledTask> slots_;
  Sampler sampler_;
};

// Samples every task of the batch (each once) and fills grad (Phi-sized) with the meta-gradient
// summed over the batch; returns the meta-loss. Must be deterministic whatever the number of
// OpenMP threads.
using BatchGradient = std::function<BatchLoss(MetaBatch& batch, Eigen::Ref<Eigen::VectorXf> grad)>;

// Draws the epoch's k negatives per positive, outside `known_sorted` (`known_bits`, when given:
// the same items one bit each, which draws the same negatives faster). Exposed for the tests.
void sample_task(const Task& task, int negatives, std::int32_t num_items,
                 std::span<const std::int32_t> known_sorted, Rng rng, SampledTask& out,
                 std::span<const std::uint64_t> known_bits = {});

struct MetaTrainingHooks {
  std::string learner_name;
  BatchGradient batch_gradient;
  // Called before each validation so the learner can refresh what it derives from Phi.
  std::function<void()> before_validation;
};

// Runs meta-training, updating phi in place. Reports one epoch_done Progress per epoch, checks
// cancellation before every meta-batch, throws Diverged (leaving phi finite) on a non-finite
// loss, gradient or update, or a mean BCE per query pair past 1e4 (see meta_training.cpp).
void run_meta_training(const TrainingContext& ctx, JobControl& job, const MetaConfig& config,
                       const Learner& learner, const MetaTrainingHooks& hooks,
                       Eigen::VectorXf& phi);

}  // namespace metacf
