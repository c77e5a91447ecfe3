#include "core/learners/knn/itemknn_q_learner.h"

#include <stdexcept>

#include "core/learners/learner_descriptor.h"
#include "core/learners/training_records.h"

namespace metacf {

void ItemKnnQLearner::normalise(const Eigen::MatrixXf& Q) {
  unit_q_ = Q;
  for (Eigen::Index v = 0; v < unit_q_.rows(); ++v) {
    const float norm = unit_q_.row(v).norm();
    if (norm > 0) unit_q_.row(v) /= norm;
  }
}

void ItemKnnQLearner::fit(const TrainingContext& ctx, JobControl& job) {
  normalise(*ctx.Q);
  report_fitted(job, name());
}

std::vector<UserState> ItemKnnQLearner::adapt(std::span<const std::int32_t> support, int steps,
                                              Rng&) const {
  return unchanged_states(support, steps);
}

void ItemKnnQLearner::score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const {
  // sum_s cos(q_v, q_s) = unit_q_v . (sum_s unit_q_s): one GEMV.
  Eigen::VectorXf pooled = Eigen::VectorXf::Zero(unit_q_.cols());
  for (auto s : state.support) pooled += unit_q_.row(s).transpose();
  out.noalias() = unit_q_ * pooled;
}

void ItemKnnQLearner::load_parameters(std::span<const NamedTensor>, ItemEmbeddings Q) {
  if (!Q) throw std::runtime_error("itemknn_q needs the run's item matrix Q");
  normalise(*Q);
}

LearnerEntry itemknn_q_learner_entry() {
  return {
      LearnerDescriptor{.name = "itemknn_q",
                        .base = "itemknn_q",
                        .family = LearnerFamily::kCounting,
                        .origin = LearnerOrigin::kPaper,
                        .summary = "Item-based CF on the pretrained item embeddings Q",
                        .chart_rgb = 0x119788,
                        .quick_look = false,
                        .capabilities = {.meta_trains = false,
                                         .adapts = false,
                                         .dot_product_scores = false,
                                         .fit_independent_of_k = true,
                                         .max_items = 0},
                        .settings = std::make_shared<const SchemaInfo>(SchemaInfo{"itemknn_q", {}}),
                        .unread_settings = {},
                        .make = [](const nlohmann::json& config) -> std::unique_ptr<Learner> {
                          check_no_settings("itemknn_q", config);
                          return std::make_unique<ItemKnnQLearner>();
                        }},
      {},
      {}};
}

}  // namespace metacf
