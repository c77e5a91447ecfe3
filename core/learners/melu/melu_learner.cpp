#include "core/learners/melu/melu_learner.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/config/config_schema.h"
#include "core/learners/item_gather.h"
#include "core/learners/learner_descriptor.h"
#include "core/learners/meta_training.h"
#include "core/learners/meta_training_memory.h"
#include "core/learners/tensor_io.h"
#include "core/train/negatives.h"

namespace metacf {
namespace {

constexpr std::uint64_t kInitStream = 2;  // streams 0 and 1 belong to run_meta_training

struct TaskScratch {
  std::vector<float> support, query, support_labels, query_labels;
  melu_math::TaskWorkspace<float> math;
};

Eigen::VectorXf random_user(Rng& rng, Eigen::Index d, double std) {
  Eigen::VectorXf p(d);
  for (Eigen::Index i = 0; i < d; ++i) p[i] = static_cast<float>(std * rng.normal());
  return p;
}

}  // namespace

MeluLearner::MeluLearner(MetaConfig config) : config_(std::move(config)) {
  config_.validate();
  if (config_.exact()) {
    throw std::invalid_argument(
        "melu: meta_gradient \"exact\" is not supported (MeLU is meta-trained with first-order "
        "MAML); use \"first-order\"");
  }
  if (config_.tune) {
    throw std::invalid_argument(
        "melu: tune is not supported (only the MetaCF learners choose their alpha and beta); "
        "set alpha and beta instead");
  }
}

void MeluLearner::set_items(ItemEmbeddings Q) {
  if (!Q || Q->rows() == 0 || Q->cols() == 0) {
    throw std::invalid_argument("melu: the item matrix Q is empty");
  }
  Q_ = std::move(Q);
  items_t_ = Q_->transpose();
  shape_.dim = Q_->cols();
  shape_.hidden = config_.hidden;
}

void MeluLearner::refresh_item_cache() {
  const Eigen::Index d = shape_.dim, h = shape_.hidden;
  Eigen::Map<const Eigen::MatrixXf> W1(params_.data(), h, 2 * d);
  Eigen::Map<const Eigen::VectorXf> b1(params_.data() + h * 2 * d, h);
  item_layer_.noalias() = W1.rightCols(d) * items_t_;
  item_layer_.colwise() += b1;
}

void MeluLearner::require_fitted(const char* what) const {
  if (!Q_ || params_.size() != shape_.size()) {
    throw std::logic_error(std::string("melu: ") + what +
                           "() called before fit() or load_parameters()");
  }
}

void MeluLearner::fit(const TrainingContext& ctx, JobControl& job) {
  if (ctx.Q && ctx.Q->rows() != ctx.data.num_items()) {
    throw std::invalid_argument("melu: Q has " + std::to_string(ctx.Q->rows()) +
                                " rows but the data set has " +
                                std::to_string(ctx.data.num_items()) + " items");
  }
  set_items(ctx.Q);
  const Eigen::Index d = shape_.dim, h = shape_.hidden;
  // He initialisation for the ReLU layers: at init_std = 0.01 a three-layer MLP's output and
  // gradients would start ~1e-6 and MAML would crawl.
  Rng init_rng = Rng(config_.seed).fork(kInitStream);
  params_ = Eigen::VectorXf::Zero(shape_.size());
  auto fill = [&](float* p, Eigen::Index n, double std) {
    for (Eigen::Index i = 0; i < n; ++i) p[i] = static_cast<float>(std * init_rng.normal());
  };
  float* p = params_.data();
  fill(p, h * 2 * d, std::sqrt(2.0 / static_cast<double>(2 * d)));
  float* local = p + shape_.global_size();
  fill(local, h * h, std::sqrt(2.0 / static_cast<double>(h)));
  fill(local + h * h + h, h, std::sqrt(1.0 / static_cast<double>(h)));

  const auto batch_size = static_cast<Eigen::Index>(config_.batch_size);
  std::vector<TaskScratch> scratch(static_cast<std::size_t>(omp_get_max_threads()));
  Eigen::MatrixXf task_grads(shape_.size(), batch_size);
  std::vector<double> losses(static_cast<std::size_t>(batch_size));
  const auto alpha = static_cast<float>(config_.alpha);

  MetaTrainingHooks hooks;
  hooks.learner_name = name();
  hooks.before_validation = [this] { refresh_item_cache(); };
  hooks.batch_gradient = [&](MetaBatch& batch, Eigen::Ref<Eigen::VectorXf> grad) {
    const auto b_count = static_cast<Eigen::Index>(batch.size());
#pragma omp parallel for schedule(static)
    for (Eigen::Index b = 0; b < b_count; ++b) {
      TaskScratch& ws = scratch[static_cast<std::size_t>(omp_get_thread_num())];
      const SampledTask& task = batch.sample(static_cast<std::size_t>(b));
      Rng rng = task.rng;
      const Eigen::VectorXf p_u = random_user(rng, d, config_.init_std);
      const auto support = gather_items(items_t_, task.support, ws.support);
      const auto query = gather_items(items_t_, task.query, ws.query);
      const auto sy =
          positive_first_labels(task.support_positives, support.cols(), ws.support_labels);
      const auto qy = positive_first_labels(task.query_positives, query.cols(), ws.query_labels);
      losses[static_cast<std::size_t>(b)] = melu_math::task_gradient_first_order<float>(
          shape_, params_.data(), p_u, support, sy, query, qy, alpha, config_.steps, ws.math,
          task_grads.col(b).data());
    }
    grad = task_grads.leftCols(b_count).rowwise().sum();
    return sum_batch_loss(losses, batch, b_count);
  };
  run_meta_training(ctx, job, config_, *this, hooks, params_);
  refresh_item_cache();
}

std::vector<UserState> MeluLearner::adapt(std::span<const std::int32_t> support, int steps,
                                          Rng& rng) const {
  require_fitted("adapt");
  check_support(name(), support, items_t_.cols(), steps);
  const Eigen::Index d = shape_.dim, h = shape_.hidden, ls = shape_.local_size();
  const Eigen::VectorXf p_u = random_user(rng, d, config_.init_std);
  const auto items = support_with_negatives(support, config_.negatives,
                                            static_cast<std::int32_t>(items_t_.cols()), rng);
  std::vector<float> block_buffer, label_buffer;
  const auto block = gather_items(items_t_, items, block_buffer);
  const auto labels =
      positive_first_labels(static_cast<Eigen::Index>(support.size()), block.cols(), label_buffer);
  Eigen::MatrixXf h1(h, block.cols());
  melu_math::first_layer<float>(shape_, params_.data(), p_u, block, h1);

  Eigen::VectorXf local = params_.tail(ls), grad(ls);
  melu_math::HeadWorkspace<float> ws;
  std::vector<UserState> states(static_cast<std::size_t>(steps) + 1);
  for (int k = 0; k <= steps; ++k) {
    if (k > 0) {
      melu_math::head_loss_gradient<float>(shape_, local.data(), h1, labels, grad.data(), nullptr,
                                           ws);
      local -= static_cast<float>(config_.alpha) * grad;
    }
    auto& state = states[static_cast<std::size_t>(k)];
    state.params.resize(ls + d);
    state.params << local, p_u;
    state.support.assign(support.begin(), support.end());
  }
  return states;
}

MeluHead MeluLearner::head_of(const UserState& state) const {
  require_fitted("score");
  const Eigen::Index d = shape_.dim, h = shape_.hidden, ls = shape_.local_size();
  if (state.params.size() != ls + d) {
    throw std::invalid_argument("melu: a user state needs " + std::to_string(ls + d) + " values");
  }
  Eigen::Map<const Eigen::MatrixXf> W1(params_.data(), h, 2 * d);
  const Eigen::VectorXf user_part = W1.leftCols(d) * state.params.tail(d);
  return MeluHead(h, state.params.data(), user_part);
}

void MeluLearner::score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const {
  const MeluHead head = head_of(state);
  if (out.size() != items_t_.cols()) {
    throw std::invalid_argument("melu: score() needs " + std::to_string(items_t_.cols()) +
                                " outputs");
  }
  // The logit ranks exactly as the sigmoid output.
  melu_score_range(head, item_layer_, 0,
                   std::span<float>(out.data(), static_cast<std::size_t>(out.size())));
}

std::vector<NamedTensor> MeluLearner::parameters() const {
  if (params_.size() == 0) return {};
  const Eigen::Index d = shape_.dim, h = shape_.hidden;
  const float* p = params_.data();
  const float* local = p + shape_.global_size();
  return {to_tensor("W1", p, h, 2 * d),
          to_tensor("b1", p + h * 2 * d, h, 1),
          to_tensor("W2", local, h, h),
          to_tensor("b2", local + h * h, h, 1),
          to_tensor("w3", local + h * h + h, h, 1),
          to_tensor("b3", local + h * h + 2 * h, 1, 1)};
}

void MeluLearner::load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) {
  config_.hidden = static_cast<int>(find_tensor(name(), tensors, "W1").rows);
  config_.validate();
  set_items(std::move(Q));
  const Eigen::Index d = shape_.dim, h = shape_.hidden;
  Eigen::VectorXf params(shape_.size());
  float* p = params.data();
  float* local = p + shape_.global_size();
  from_tensor(name(), tensors, "W1", h, 2 * d, p);
  from_tensor(name(), tensors, "b1", h, 1, p + h * 2 * d);
  from_tensor(name(), tensors, "W2", h, h, local);
  from_tensor(name(), tensors, "b2", h, 1, local + h * h);
  from_tensor(name(), tensors, "w3", h, 1, local + h * h + h);
  from_tensor(name(), tensors, "b3", 1, 1, local + h * h + 2 * h);
  params_ = std::move(params);
  refresh_item_cache();
}

namespace {

// Φ is W1 (H x 2D), b1 and the decision layers (H^2 + 2H + 1). First-order MAML keeps each
// task's whole gradient (a meta-batch of them: 2 GiB at hidden 4096 and batch 32). A thread's
// task scratch is about 15 H x m (both layers' outputs and gradients on support and query)
// and the m x m Gram blocks; an evaluated user holds her K + 1 adapted decision layers, the
// step's gradient and the scoring kernel's padded copy (K + 4 of H^2). The fitted learner keeps
// Q^T and every item's first-layer half (items x (D + H)).
LearnerMemory melu_memory(const nlohmann::json& config, const MemoryShape& shape) {
  const auto c = read_meta_config(config);
  if (!c) return {};
  const double d = shape.dim, h = c->hidden, m = task_pairs(*c, shape);
  // The run sets K; a shape without one (a test of the model alone) takes the configured steps.
  const double k = shape.steps > 0 ? shape.steps : c->steps;
  const double local = h * h + 2 * h + 1;
  MetaFloats f;
  f.params = h * 2 * d + h + local;
  f.per_task = f.params;
  f.per_thread = 2 * d * m + 15 * h * m + 2 * m * m + (k + 4) * (local + d);
  f.fitted = shape.items * (d + h);
  return meta_training_memory(*c, shape, f, "batch_size, negatives or hidden",
                              "((7 + batch_size) x Φ + threads x (K + 4) x hidden^2 + items x (D "
                              "+ hidden)) x 4 B, Φ = hidden x (2D + hidden + 3)");
}

}  // namespace

LearnerEntry melu_learner_entry() {
  // First-order only, so its meta_gradient is not offered (a value other than first-order is
  // refused with the fix); it does not tune its steps either (tune: true is refused).
  return {
      LearnerDescriptor{.name = "melu",
                        .base = "melu",
                        .family = LearnerFamily::kMetaLearned,
                        .origin = LearnerOrigin::kPaper,
                        .summary = "MeLU without side information: a meta-learned MLP scorer",
                        .chart_rgb = 0xF27428,
                        .quick_look = false,
                        .capabilities = {.meta_trains = true,
                                         .adapts = true,
                                         .dot_product_scores = false,
                                         .fit_independent_of_k = false,
                                         .max_items = 0},
                        .settings = std::make_shared<const SchemaInfo>(meta_config_schema().info()),
                        .unread_settings = {"meta_gradient", "tune"},
                        .make = [](const nlohmann::json& config) -> std::unique_ptr<Learner> {
                          return std::make_unique<MeluLearner>(config.get<MetaConfig>());
                        },
                        .memory = melu_memory},
      {},
      {}};
}

}  // namespace metacf
