#pragma once
// The three MetaCF learners (paper Section 3): a meta-learned initial user embedding
// p0 = g(S_u; Phi), adapted by K gradient steps on the support set, scored by
// sigmoid(p . q_v) against the frozen item matrix Q; and their variants (MetaConfig::item_bias,
// meta_sgd, cooccurrence) that add an item bias b_v to the score, a meta-learned per-dimension
// step, or the support items' co-occurrence rows to the initialiser's input.
#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "core/learners/meta_config.h"
#include "core/learners/metacf/initializer.h"
#include "core/learners/metacf/step_size_search.h"
#include "core/model/dot_product_items.h"
#include "core/model/learner.h"

namespace metacf {

class MetaCFLearner final : public Learner {
 public:
  // Validates config (std::invalid_argument on a bad field).
  MetaCFLearner(InitKind kind, MetaConfig config);

  [[nodiscard]] std::string name() const override;
  [[nodiscard]] nlohmann::json config() const override;
  [[nodiscard]] bool meta_trains() const override { return true; }
  [[nodiscard]] int local_steps() const override { return config_.steps; }

  // With config.tune and a validator, first chooses alpha and beta on the validator's users
  // (step_size_search.h), then meta-trains with them as with any configured pair.
  void fit(const TrainingContext& ctx, JobControl& job) override;
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override;
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override;
  // The logit p . q_v (+ b_v), which ranks exactly as the sigmoid. With an item bias, only
  // once the bias is final and packed with Q.
  [[nodiscard]] const DotProductItems* dot_product_items() const override {
    return Q_ && (!config_.item_bias || bias_packed_) ? &items_ : nullptr;
  }
  [[nodiscard]] std::vector<NamedTensor> parameters() const override;
  void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) override;

  // For the tests and benchmarks: the flat meta-parameters [Phi | alpha (Meta-SGD) | b (item
  // bias)] and the shape that reads the Phi part.
  [[nodiscard]] const Eigen::VectorXf& phi() const { return phi_; }
  [[nodiscard]] const InitShape& shape() const { return shape_; }
  // The tuned alpha and beta and every trial, when fit() tuned (or the stored run had).
  [[nodiscard]] const std::optional<StepSizeChoice>& step_size_choice() const { return tuning_; }

 private:
  void set_items(ItemEmbeddings Q);
  // Phi from its seeded initialisation, meta-trained with the current config_.
  void meta_train(const TrainingContext& ctx, JobControl& job, const Eigen::VectorXf& start_bias);
  // Sets config_.alpha and beta to the best of the grid on ctx.validate's users.
  void tune_step_sizes(const TrainingContext& ctx, JobControl& job,
                       const Eigen::VectorXf& start_bias);
  // Packs the final item bias into items_, for the blocked ranking.
  void pack_bias();
  void require_fitted(const char* what) const;
  [[nodiscard]] Eigen::Index alpha_size() const { return config_.meta_sgd ? shape_.dim : 0; }
  [[nodiscard]] Eigen::Index bias_size() const { return config_.item_bias ? Q_->rows() : 0; }
  [[nodiscard]] Eigen::Index meta_size() const {
    return shape_.size() + alpha_size() + bias_size();
  }
  [[nodiscard]] task_math::StepSize<float> step_size() const;
  [[nodiscard]] const float* item_bias() const;
  // x = the mean Q column of the support positives (block's first columns), followed with the
  // co-occurrence input by the mean of their R columns.
  void pool_input(const Eigen::Ref<const Eigen::MatrixXf>& block,
                  std::span<const std::int32_t> positives, std::vector<float>& buffer,
                  Eigen::Ref<Eigen::VectorXf> x) const;

  InitKind kind_;
  MetaConfig config_;
  InitShape shape_;
  ItemEmbeddings Q_;
  DotProductItems items_;  // Q packed for scoring (with the item bias once bias_packed_)
  bool bias_packed_ = false;
  Eigen::MatrixXf items_t_;  // Q^T (D x N): item v is a contiguous column, for gathering
  Eigen::MatrixXf cooc_t_;   // R^T (D x N), co-occurrence variant only
  Eigen::VectorXf phi_;
  std::optional<StepSizeChoice> tuning_;
};

}  // namespace metacf
