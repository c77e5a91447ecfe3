#include "core/learners/metacf_learner.h"

#include <algorithm>
#include <stdexcept>

#include <omp.h>

#include "core/learners/item_gather.h"
#include "core/learners/meta_training.h"
#include "core/learners/metacf_task.h"
#include "core/learners/tensor_io.h"
#include "core/train/negatives.h"

namespace metacf {
namespace {

constexpr std::uint64_t kInitStream = 2;  // streams 0 and 1 belong to run_meta_training

// Scratch of one thread in meta-training.
struct TaskWorkspace {
  std::vector<float> support, query, support_labels, query_labels;
  task_math::AdaptWorkspace<float> adapt;
};

}  // namespace

MetaCFLearner::MetaCFLearner(InitKind kind, MetaConfig config)
    : kind_(kind), config_(std::move(config)) {
  config_.validate();
  shape_.kind = kind_;
}

std::string MetaCFLearner::name() const {
  switch (kind_) {
    case InitKind::kGlobal: return "metacf_g";
    case InitKind::kLinear: return "metacf_p_linear";
    case InitKind::kNeural: return "metacf_p_neural";
  }
  return "metacf";
}

nlohmann::json MetaCFLearner::config() const { return config_; }

void MetaCFLearner::set_items(ItemEmbeddings Q) {
  if (!Q || Q->rows() == 0 || Q->cols() == 0) {
    throw std::invalid_argument(name() + ": the item matrix Q is empty");
  }
  Q_ = std::move(Q);
  items_t_ = Q_->transpose();
  items_ = DotProductItems(*Q_);
  shape_.dim = Q_->cols();
  shape_.hidden = kind_ == InitKind::kNeural ? config_.hidden : 0;
}

void MetaCFLearner::require_fitted(const char* what) const {
  if (!Q_ || phi_.size() != shape_.size()) {
    throw std::logic_error(name() + ": " + what + "() called before fit() or load_parameters()");
  }
}

void MetaCFLearner::fit(const TrainingContext& ctx, JobControl& job) {
  if (ctx.Q && ctx.Q->rows() != ctx.data.num_items()) {
    throw std::invalid_argument(name() + ": Q has " + std::to_string(ctx.Q->rows()) +
                                " rows but the data set has " +
                                std::to_string(ctx.data.num_items()) + " items");
  }
  set_items(ctx.Q);
  const Eigen::Index d = shape_.dim;
  const Eigen::Index h = shape_.cache_rows();
  const Eigen::Index batch_size = config_.batch_size;

  Rng init_rng = Rng(config_.seed).fork(kInitStream);
  phi_.resize(shape_.size());
  for (Eigen::Index i = 0; i < phi_.size(); ++i) {
    phi_[i] = static_cast<float>(config_.init_std * init_rng.normal());
  }

  std::vector<TaskWorkspace> workspaces(static_cast<std::size_t>(omp_get_max_threads()));
  Eigen::MatrixXf X(d, batch_size), A(h, batch_size), P0(d, batch_size), G0(d, batch_size);
  std::vector<double> losses(static_cast<std::size_t>(batch_size));
  const auto alpha = static_cast<float>(config_.alpha);
  const int steps = config_.steps;
  const bool exact = config_.exact();

  MetaTrainingHooks hooks;
  hooks.learner_name = name();
  hooks.batch_gradient = [&](std::span<const SampledTask> batch,
                             Eigen::Ref<Eigen::VectorXf> grad) {
    const auto b_count = static_cast<Eigen::Index>(batch.size());
#pragma omp parallel for schedule(static)
    for (Eigen::Index b = 0; b < b_count; ++b) {
      TaskWorkspace& ws = workspaces[static_cast<std::size_t>(omp_get_thread_num())];
      const SampledTask& task = batch[static_cast<std::size_t>(b)];
      const auto support = gather_items(items_t_, task.support, ws.support);
      const auto query = gather_items(items_t_, task.query, ws.query);
      const auto support_labels =
          positive_first_labels(task.support_positives, support.cols(), ws.support_labels);
      const auto query_labels =
          positive_first_labels(task.query_positives, query.cols(), ws.query_labels);
      mean_of_columns(support, task.support_positives, X.col(b));
      losses[static_cast<std::size_t>(b)] = metacf_task_gradient<float>(
          shape_, phi_.data(), X.col(b), A.col(b), P0.col(b), support, support_labels, query,
          query_labels, alpha, steps, exact, ws.adapt, G0.col(b));
    }
    init_math::backward<float>(shape_, phi_.data(), X.leftCols(b_count), A.leftCols(b_count),
                               G0.leftCols(b_count), grad.data());
    return sum_batch_loss(losses, batch, b_count);
  };
  run_meta_training(ctx, job, config_, *this, hooks, phi_);
}

std::vector<UserState> MetaCFLearner::adapt(std::span<const std::int32_t> support, int steps,
                                            Rng& rng) const {
  require_fitted("adapt");
  check_support(name(), support, items_t_.cols(), steps);
  const Eigen::Index d = shape_.dim;
  const auto items = support_with_negatives(support, config_.negatives,
                                            static_cast<std::int32_t>(items_t_.cols()), rng);

  std::vector<float> block_buffer, label_buffer;
  const auto block = gather_items(items_t_, items, block_buffer);
  const auto labels =
      positive_first_labels(static_cast<Eigen::Index>(support.size()), block.cols(), label_buffer);
  Eigen::VectorXf x(d), p0(d);
  Eigen::MatrixXf a(shape_.cache_rows(), 1);
  mean_of_columns(block, static_cast<Eigen::Index>(support.size()), x);
  init_math::forward<float>(shape_, phi_.data(), x, a, p0);

  task_math::AdaptWorkspace<float> ws;
  const auto path = task_math::local_steps<float>(block, labels, p0,
                                                  static_cast<float>(config_.alpha), steps, ws);
  std::vector<UserState> states(static_cast<std::size_t>(steps) + 1);
  for (int k = 0; k <= steps; ++k) {
    states[static_cast<std::size_t>(k)].params = path.col(k);
    states[static_cast<std::size_t>(k)].support.assign(support.begin(), support.end());
  }
  return states;
}

void MetaCFLearner::score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const {
  require_fitted("score");
  if (state.params.size() != shape_.dim || out.size() != Q_->rows()) {
    throw std::invalid_argument(name() + ": score() needs a " + std::to_string(shape_.dim) +
                                "-dim state and " + std::to_string(Q_->rows()) + " outputs");
  }
  // The logit p . q_v ranks exactly as sigmoid(p . q_v) and costs no exp per item.
  items_.score(state.params, out);
}

std::vector<NamedTensor> MetaCFLearner::parameters() const {
  if (phi_.size() == 0) return {};
  const Eigen::Index d = shape_.dim;
  const Eigen::Index h = shape_.hidden;
  const float* p = phi_.data();
  switch (kind_) {
    case InitKind::kGlobal: return {to_tensor("phi", p, d, 1)};
    case InitKind::kLinear: return {to_tensor("W", p, d, d), to_tensor("b", p + d * d, d, 1)};
    case InitKind::kNeural:
      return {to_tensor("W1", p, h, d), to_tensor("b1", p + h * d, h, 1),
              to_tensor("W2", p + h * d + h, d, h), to_tensor("b2", p + h * d + h + d * h, d, 1)};
  }
  return {};
}

void MetaCFLearner::load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) {
  if (kind_ == InitKind::kNeural) {
    // The stored hidden width wins over the configured one: it is what the run trained.
    config_.hidden = static_cast<int>(find_tensor(name(), tensors, "W1").rows);
    config_.validate();
  }
  set_items(std::move(Q));
  const Eigen::Index d = shape_.dim;
  const Eigen::Index h = shape_.hidden;
  Eigen::VectorXf phi(shape_.size());
  float* p = phi.data();
  switch (kind_) {
    case InitKind::kGlobal: from_tensor(name(), tensors, "phi", d, 1, p); break;
    case InitKind::kLinear:
      from_tensor(name(), tensors, "W", d, d, p);
      from_tensor(name(), tensors, "b", d, 1, p + d * d);
      break;
    case InitKind::kNeural:
      from_tensor(name(), tensors, "W1", h, d, p);
      from_tensor(name(), tensors, "b1", h, 1, p + h * d);
      from_tensor(name(), tensors, "W2", d, h, p + h * d + h);
      from_tensor(name(), tensors, "b2", d, 1, p + h * d + h + d * h);
      break;
  }
  phi_ = std::move(phi);
}

}  // namespace metacf
