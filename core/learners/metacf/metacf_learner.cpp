#include "core/learners/metacf/metacf_learner.h"

#include <omp.h>

#include <algorithm>
#include <stdexcept>

#include "core/learners/item_gather.h"
#include "core/learners/meta_training.h"
#include "core/learners/metacf/cooccurrence_rows.h"
#include "core/learners/metacf/metacf_task.h"
#include "core/learners/tensor_io.h"
#include "core/learners/training_records.h"
#include "core/train/negatives.h"

namespace metacf {
namespace {

constexpr std::uint64_t kInitStream = 2;  // streams 0 and 1 belong to run_meta_training

// Scratch of one thread in meta-training.
struct TaskWorkspace {
  std::vector<float> support, query, support_labels, query_labels, cooc;
  std::vector<float> support_bias, query_bias;
  task_math::AdaptWorkspace<float> adapt;
};

// One task's item-bias gradients, kept per batch slot so they are added in task order.
struct BiasGradient {
  std::vector<float> support, query;
};

const float* gather_bias(const float* bias, std::span<const std::int32_t> items,
                         std::vector<float>& buffer) {
  if (!bias) return nullptr;
  float* out = task_math::scratch(buffer, std::max<Eigen::Index>(std::ssize(items), 1));
  for (std::size_t i = 0; i < items.size(); ++i) out[i] = bias[items[i]];
  return out;
}

void scatter_add(std::span<const std::int32_t> items, const std::vector<float>& values,
                 float* out) {
  for (std::size_t i = 0; i < items.size(); ++i) out[items[i]] += values[i];
}

}  // namespace

MetaCFLearner::MetaCFLearner(InitKind kind, MetaConfig config)
    : kind_(kind), config_(std::move(config)) {
  config_.validate();
  if (config_.cooccurrence && kind_ == InitKind::kGlobal) {
    throw std::invalid_argument(
        "metacf_g: the co-occurrence input needs a personalised initialiser (p_linear, p_neural)");
  }
  shape_.kind = kind_;
}

std::string MetaCFLearner::name() const {
  std::string base = "metacf";
  switch (kind_) {
    case InitKind::kGlobal:
      base = "metacf_g";
      break;
    case InitKind::kLinear:
      base = "metacf_p_linear";
      break;
    case InitKind::kNeural:
      base = "metacf_p_neural";
      break;
  }
  if (config_.item_bias) base += "+bias";
  if (config_.meta_sgd) base += "+msgd";
  if (config_.cooccurrence) base += "+cooc";
  return base;
}

nlohmann::json MetaCFLearner::config() const { return config_; }

void MetaCFLearner::set_items(ItemEmbeddings Q) {
  if (!Q || Q->rows() == 0 || Q->cols() == 0) {
    throw std::invalid_argument(name() + ": the item matrix Q is empty");
  }
  Q_ = std::move(Q);
  items_t_ = Q_->transpose();
  items_ = DotProductItems(*Q_, {}, ServingCopy::kInt8);
  bias_packed_ = false;
  shape_.dim = Q_->cols();
  shape_.hidden = kind_ == InitKind::kNeural ? config_.hidden : 0;
  shape_.input = config_.cooccurrence ? 2 * shape_.dim : shape_.dim;
}

task_math::StepSize<float> MetaCFLearner::step_size() const {
  return {static_cast<float>(config_.alpha),
          config_.meta_sgd ? phi_.data() + shape_.size() : nullptr};
}

const float* MetaCFLearner::item_bias() const {
  return config_.item_bias ? phi_.data() + shape_.size() + alpha_size() : nullptr;
}

void MetaCFLearner::pool_input(const Eigen::Ref<const Eigen::MatrixXf>& block,
                               std::span<const std::int32_t> positives, std::vector<float>& buffer,
                               Eigen::Ref<Eigen::VectorXf> x) const {
  const Eigen::Index d = shape_.dim;
  mean_of_columns(block, std::ssize(positives), x.head(d));
  if (config_.cooccurrence) {
    const auto rows = gather_items(cooc_t_, positives, buffer);
    mean_of_columns(rows, rows.cols(), x.tail(d));
  }
}

void MetaCFLearner::require_fitted(const char* what) const {
  if (!Q_ || phi_.size() != meta_size()) {
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
  Eigen::VectorXf start_bias;
  if (config_.item_bias || config_.cooccurrence) {
    const UserItemRows records = training_records(ctx);
    if (config_.item_bias) start_bias = log_popularity(records, Q_->rows());
    if (config_.cooccurrence) cooc_t_ = cooccurrence_rows(records, *Q_).transpose();
  }
  tuning_.reset();
  // Without validation users there is nothing to choose on: alpha and beta stay as given.
  if (config_.tune && ctx.validate) {
    tune_step_sizes(ctx, job, start_bias);
    const int trials = step_size_trials(config_.alpha, config_.beta, config_.meta_epochs);
    JobControl final_job = tuning_phase_job(job, trials, trials + 1, "");
    meta_train(ctx, final_job, start_bias);
  } else {
    meta_train(ctx, job, start_bias);
  }
  pack_bias();
}

void MetaCFLearner::tune_step_sizes(const TrainingContext& ctx, JobControl& job,
                                    const Eigen::VectorXf& start_bias) {
  const MetaConfig configured = config_;
  // The trials' own epochs are neither curve points nor validated: each trial is scored once, on
  // the redrawn validation tasks when the caller has them (their per-user HR guards the choice).
  TrainingContext quiet = ctx;
  quiet.validate = nullptr;
  const int trials = step_size_trials(configured.alpha, configured.beta, configured.meta_epochs);
  int done = 0;
  const StepSizeChoice choice = search_step_sizes(
      configured.alpha, configured.beta, configured.meta_epochs,
      [&](double alpha, double beta, int epochs) {
        config_.alpha = alpha;
        config_.beta = beta;
        config_.meta_epochs = epochs;
        const std::string what =
            "trying " + step_sizes_text(alpha, beta) + " (" + std::to_string(epochs) + " epochs)";
        JobControl trial_job = tuning_phase_job(job, done, trials + 1, what);
        ValidationScore score = kDivergedTrial;
        try {
          meta_train(quiet, trial_job, start_bias);
          score = ctx.validate_choice ? ctx.validate_choice(*this) : ctx.validate(*this);
        } catch (const Diverged&) {
          // A pair too large for this data is a bad choice, not a failed run.
        }
        report_trial(job, name(), ++done, trials, what, score);
        return score;
      });
  config_ = configured;
  config_.alpha = choice.alpha;
  config_.beta = choice.beta;
  tuning_ = choice;
}

void MetaCFLearner::meta_train(const TrainingContext& ctx, JobControl& job,
                               const Eigen::VectorXf& start_bias) {
  const Eigen::Index d = shape_.dim;
  const Eigen::Index h = shape_.cache_rows();
  const Eigen::Index in = shape_.input_dim();
  const Eigen::Index batch_size = config_.batch_size;
  const Eigen::Index init_size = shape_.size();

  Rng init_rng = Rng(config_.seed).fork(kInitStream);
  phi_.resize(meta_size());
  for (Eigen::Index i = 0; i < init_size; ++i) {
    phi_[i] = static_cast<float>(config_.init_std * init_rng.normal());
  }
  if (config_.meta_sgd) phi_.segment(init_size, d).setConstant(static_cast<float>(config_.alpha));
  if (config_.item_bias) phi_.tail(bias_size()) = start_bias;

  std::vector<TaskWorkspace> workspaces(static_cast<std::size_t>(omp_get_max_threads()));
  Eigen::MatrixXf X(in, batch_size), A(h, batch_size), P0(d, batch_size), G0(d, batch_size);
  Eigen::MatrixXf alpha_grads(alpha_size(), batch_size);
  std::vector<BiasGradient> bias_grads(static_cast<std::size_t>(batch_size));
  std::vector<double> losses(static_cast<std::size_t>(batch_size));
  const int steps = config_.steps;
  const bool exact = config_.exact();

  MetaTrainingHooks hooks;
  hooks.learner_name = name();
  hooks.batch_gradient = [&](MetaBatch& batch, Eigen::Ref<Eigen::VectorXf> grad) {
    const auto b_count = static_cast<Eigen::Index>(batch.size());
    const float* bias = item_bias();
    // One region a meta-batch: each thread samples and differentiates its tasks, then, past the
    // loop's barrier, takes its share of the initialiser's backward.
#pragma omp parallel
    {
      TaskWorkspace& ws = workspaces[static_cast<std::size_t>(omp_get_thread_num())];
#pragma omp for schedule(static)
      for (Eigen::Index b = 0; b < b_count; ++b) {
        const SampledTask& task = batch.sample(static_cast<std::size_t>(b));
        BiasGradient& bias_grad = bias_grads[static_cast<std::size_t>(b)];
        const auto support = gather_items(items_t_, task.support, ws.support);
        const auto query = gather_items(items_t_, task.query, ws.query);
        const auto support_labels =
            positive_first_labels(task.support_positives, support.cols(), ws.support_labels);
        const auto query_labels =
            positive_first_labels(task.query_positives, query.cols(), ws.query_labels);
        pool_input(support, std::span(task.support).first(task.support_positives), ws.cooc,
                   X.col(b));
        task_math::ExtraGradients<float> extra;
        if (bias) {
          bias_grad.support.resize(task.support.size());
          bias_grad.query.resize(task.query.size());
          extra.support_bias = bias_grad.support.data();
          extra.query_bias = bias_grad.query.data();
        }
        if (config_.meta_sgd) extra.alpha = alpha_grads.col(b).data();
        const task_math::TaskBias<float> task_bias{gather_bias(bias, task.support, ws.support_bias),
                                                   gather_bias(bias, task.query, ws.query_bias)};
        losses[static_cast<std::size_t>(b)] = metacf_task_gradient<float>(
            shape_, phi_.data(), X.col(b), A.col(b), P0.col(b), support, support_labels, query,
            query_labels, step_size(), steps, exact, task_bias, ws.adapt, G0.col(b), extra);
      }
      init_math::backward_in_team<float>(shape_, phi_.data(), X.leftCols(b_count),
                                         A.leftCols(b_count), G0.leftCols(b_count), grad.data());
    }
    if (config_.meta_sgd)
      grad.segment(init_size, d) = alpha_grads.leftCols(b_count).rowwise().sum();
    if (bias) {
      float* bias_grad = grad.data() + init_size + alpha_size();
      std::fill(bias_grad, bias_grad + bias_size(), 0.0f);
      for (Eigen::Index b = 0; b < b_count; ++b) {
        const SampledTask& task = batch[static_cast<std::size_t>(b)];
        scatter_add(task.support, bias_grads[static_cast<std::size_t>(b)].support, bias_grad);
        scatter_add(task.query, bias_grads[static_cast<std::size_t>(b)].query, bias_grad);
      }
    }
    return sum_batch_loss(losses, batch, b_count);
  };
  run_meta_training(ctx, job, config_, *this, hooks, phi_);
}

void MetaCFLearner::pack_bias() {
  if (!config_.item_bias) return;
  items_ = DotProductItems(*Q_, phi_.tail(bias_size()), ServingCopy::kInt8);
  bias_packed_ = true;
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
  Eigen::VectorXf x(shape_.input_dim()), p0(d);
  Eigen::MatrixXf a(shape_.cache_rows(), 1);
  std::vector<float> cooc_buffer, bias_buffer;
  pool_input(block, support, cooc_buffer, x);
  init_math::forward<float>(shape_, phi_.data(), x, a, p0);

  task_math::AdaptWorkspace<float> ws;
  const auto path = task_math::local_steps<float>(block, labels, p0, step_size(), steps, ws,
                                                  gather_bias(item_bias(), items, bias_buffer));
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
  // While Phi still moves (validation during fit) the bias is added here, not packed.
  if (config_.item_bias && !bias_packed_) out += phi_.tail(bias_size());
}

std::vector<NamedTensor> MetaCFLearner::parameters() const {
  if (phi_.size() == 0) return {};
  const Eigen::Index d = shape_.dim;
  const Eigen::Index h = shape_.hidden;
  const Eigen::Index in = shape_.input_dim();
  const float* p = phi_.data();
  std::vector<NamedTensor> tensors;
  switch (kind_) {
    case InitKind::kGlobal:
      tensors = {to_tensor("phi", p, d, 1)};
      break;
    case InitKind::kLinear:
      tensors = {to_tensor("W", p, d, in), to_tensor("b", p + d * in, d, 1)};
      break;
    case InitKind::kNeural:
      tensors = {to_tensor("W1", p, h, in), to_tensor("b1", p + h * in, h, 1),
                 to_tensor("W2", p + h * in + h, d, h),
                 to_tensor("b2", p + h * in + h + d * h, d, 1)};
      break;
  }
  if (config_.meta_sgd) tensors.push_back(to_tensor("alpha", step_size().per_dim, d, 1));
  if (config_.item_bias) tensors.push_back(to_tensor("item_bias", item_bias(), bias_size(), 1));
  // R is stored rather than recomputed so that serving needs neither the records nor the split.
  if (config_.cooccurrence)
    tensors.push_back(to_tensor("cooc_rows", cooc_t_.data(), d, cooc_t_.cols()));
  // The tuned alpha is what adapt() steps with, so serving needs it; the trials are for notes.
  if (tuning_) {
    for (auto& t : step_size_tensors(*tuning_)) tensors.push_back(std::move(t));
  }
  return tensors;
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
  const Eigen::Index in = shape_.input_dim();
  Eigen::VectorXf phi(meta_size());
  float* p = phi.data();
  switch (kind_) {
    case InitKind::kGlobal:
      from_tensor(name(), tensors, "phi", d, 1, p);
      break;
    case InitKind::kLinear:
      from_tensor(name(), tensors, "W", d, in, p);
      from_tensor(name(), tensors, "b", d, 1, p + d * in);
      break;
    case InitKind::kNeural:
      from_tensor(name(), tensors, "W1", h, in, p);
      from_tensor(name(), tensors, "b1", h, 1, p + h * in);
      from_tensor(name(), tensors, "W2", d, h, p + h * in + h);
      from_tensor(name(), tensors, "b2", d, 1, p + h * in + h + d * h);
      break;
  }
  p += shape_.size();
  if (config_.meta_sgd) from_tensor(name(), tensors, "alpha", d, 1, p);
  if (config_.item_bias)
    from_tensor(name(), tensors, "item_bias", bias_size(), 1, p + alpha_size());
  if (config_.cooccurrence) {
    cooc_t_.resize(d, Q_->rows());
    from_tensor(name(), tensors, "cooc_rows", d, Q_->rows(), cooc_t_.data());
  }
  phi_ = std::move(phi);
  tuning_ = step_size_choice_from_tensors(tensors);
  if (tuning_) {
    config_.alpha = tuning_->alpha;
    config_.beta = tuning_->beta;
  }
  pack_bias();
}

}  // namespace metacf
