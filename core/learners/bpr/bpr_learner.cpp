#include "core/learners/bpr/bpr_learner.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "core/config/config_schema.h"
#include "core/learners/item_gather.h"
#include "core/learners/learner_descriptor.h"
#include "core/learners/task_math.h"
#include "core/train/negatives.h"

namespace metacf {
const ConfigSchema<BprConfig>& bpr_config_schema() {
  using C = BprConfig;
  static const ConfigSchema<C> schema(
      "bpr config", RangeMessages::kInterval,
      {field("steps", &C::steps, between(0, 1000), "Epochs K",
             "Epochs K on the support set (adapt() is told its steps; this is the default)")
           .set_by(FieldRole::kFromExperiment),
       field("step_size", &C::step_size, above_up_to(0, 1000), "Step size",
             "Step of each BPR epoch on the support set (summed over pairs); best chosen per K "
             "on the meta-training users"),
       field("init_std", &C::init_std, between(0, 1), "Init std",
             "Standard deviation of the random initial embedding"),
       field("negatives", &C::negatives, between(1, 100), "Negatives per positive",
             "Negatives per support positive, resampled every epoch"),
       field("seed", &C::seed, at_least(0), "Seed", "Recorded with the run")
           .set_by(FieldRole::kFromExperiment),
       field("select_step_size", &C::select_step_size, "Choose step per K",
             "Pick the step size for each K from a grid by HR on held-out meta-training users "
             "(never on test users); off: use the step above")});
  return schema;
}

void BprConfig::validate() const { bpr_config_schema().validate(*this); }

void to_json(nlohmann::json& j, const BprConfig& c) { j = bpr_config_schema().write(c); }

void from_json(const nlohmann::json& j, BprConfig& c) {
  bpr_config_schema().read(j, c, UnknownKeys::kReject);
}

BprLearner::BprLearner(BprConfig config) : config_(std::move(config)) { config_.validate(); }

void BprLearner::set_items(ItemEmbeddings Q) {
  if (!Q || Q->rows() == 0 || Q->cols() == 0) {
    throw std::invalid_argument("bpr: the item matrix Q is empty");
  }
  Q_ = std::move(Q);
  items_t_ = Q_->transpose();
  items_ = DotProductItems(*Q_, {}, ServingCopy::kInt8);
}

void BprLearner::fit(const TrainingContext& ctx, JobControl& job) {
  set_items(ctx.Q);
  Progress progress;
  progress.stage = Stage::kMetaTrain;
  progress.learner = name();
  if (!config_.select_step_size || !ctx.validate) {
    progress.fraction = 1.0;
    progress.message = "bpr has no meta-training";
    job.report(progress);
    return;
  }
  // The paper tunes BPR per K; a step that suits K = 1 overshoots at K = 50.
  static constexpr double kGrid[] = {0.01, 0.03, 0.1, 0.3, 1.0, 3.0};
  constexpr int kCandidates = static_cast<int>(std::size(kGrid));
  double best_step = config_.step_size;
  ValidationScore best{-1.0, -1.0};
  for (int i = 0; i < kCandidates; ++i) {
    // float-representable, so the stored value restores exactly the same learner
    config_.step_size = static_cast<float>(kGrid[i]);
    const ValidationScore v = ctx.validate(*this);
    if (v.hr > best.hr || (v.hr == best.hr && v.ndcg > best.ndcg)) {
      best = v;
      best_step = config_.step_size;
    }
    progress.fraction = static_cast<double>(i + 1) / kCandidates;
    progress.message =
        "step size " + std::to_string(kGrid[i]) + ": validation HR@10 " + std::to_string(v.hr);
    job.report(progress);
  }
  config_.step_size = best_step;
}

std::vector<NamedTensor> BprLearner::parameters() const {
  return {{"step_size", 1, 1, {static_cast<float>(config_.step_size)}}};
}

void BprLearner::load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) {
  for (const auto& t : tensors) {
    if (t.name == "step_size" && t.values.size() == 1) config_.step_size = t.values[0];
  }
  set_items(std::move(Q));
}

std::vector<UserState> BprLearner::adapt(std::span<const std::int32_t> support, int steps,
                                         Rng& rng) const {
  if (!Q_) throw std::logic_error("bpr: adapt() called before fit() or load_parameters()");
  check_support(name(), support, items_t_.cols(), steps);
  const Eigen::Index d = items_t_.rows();
  std::vector<std::int32_t> known(support.begin(), support.end());
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());

  Eigen::VectorXf p(d), grad(d);
  for (Eigen::Index i = 0; i < d; ++i) p[i] = static_cast<float>(config_.init_std * rng.normal());
  std::vector<float> pos_buffer, neg_buffer;
  std::vector<std::int32_t> negatives;
  const auto positives = gather_items(items_t_, support, pos_buffer);

  std::vector<UserState> states(static_cast<std::size_t>(steps) + 1);
  states[0].params = p;
  for (int k = 1; k <= steps; ++k) {
    negatives.clear();
    sample_negatives(
        rng, static_cast<std::int32_t>(items_t_.cols()), known,
        static_cast<std::int64_t>(config_.negatives) * static_cast<std::int64_t>(support.size()),
        negatives);
    const auto neg = gather_items(items_t_, negatives, neg_buffer);
    task_math::bpr_gradient<float>(positives, neg, config_.negatives, p, grad);
    p -= static_cast<float>(config_.step_size) * grad;
    states[static_cast<std::size_t>(k)].params = p;
  }
  for (auto& s : states) s.support.assign(support.begin(), support.end());
  return states;
}

void BprLearner::score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const {
  if (!Q_) throw std::logic_error("bpr: score() called before fit() or load_parameters()");
  if (state.params.size() != Q_->cols() || out.size() != Q_->rows()) {
    throw std::invalid_argument("bpr: score() needs a " + std::to_string(Q_->cols()) +
                                "-dim state and " + std::to_string(Q_->rows()) + " outputs");
  }
  items_.score(state.params, out);
}

LearnerEntry bpr_learner_entry() {
  return {
      LearnerDescriptor{.name = "bpr",
                        .base = "bpr",
                        .family = LearnerFamily::kAdaptive,
                        .origin = LearnerOrigin::kPaper,
                        .summary = "BPR_K: K epochs of BPR on the clicks from a random start",
                        .chart_rgb = 0x05A4D8,
                        .quick_look = true,
                        .capabilities = {.meta_trains = false,
                                         .adapts = true,
                                         .dot_product_scores = true,
                                         .fit_independent_of_k = false,
                                         .max_items = 0},
                        .settings = std::make_shared<const SchemaInfo>(bpr_config_schema().info()),
                        .unread_settings = {},
                        .make = [](const nlohmann::json& config) -> std::unique_ptr<Learner> {
                          return std::make_unique<BprLearner>(config.get<BprConfig>());
                        }},
      {},
      {}};
}

}  // namespace metacf
