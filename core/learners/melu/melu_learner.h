#pragma once
// MeLU without side information, the paper's meta-learning baseline: score = MLP([p_u ; q_v]),
// the MLP meta-learned with first-order MAML, adapted per user by K steps on its decision
// layers (see melu_math.h for which). p_u is a random embedding, N(0, init_std), drawn afresh
// for every task and, at adaptation, from the generator given to adapt(): MeLU's user
// embedding comes from side information, which a new user here does not have.
//
// Only the first-order meta-gradient is offered: the exact one would need second derivatives
// of the MLP with respect to its decision layers and, for the input layer, mixed ones.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/learners/melu/melu_item_scorer.h"
#include "core/learners/melu/melu_math.h"
#include "core/learners/meta_config.h"
#include "core/model/learner.h"

namespace metacf {

class MeluLearner final : public Learner {
 public:
  // Validates config; throws std::invalid_argument for meta_gradient "exact".
  explicit MeluLearner(MetaConfig config);

  [[nodiscard]] std::string name() const override { return "melu"; }
  [[nodiscard]] nlohmann::json config() const override { return config_; }
  [[nodiscard]] bool meta_trains() const override { return true; }
  [[nodiscard]] int local_steps() const override { return config_.steps; }

  void fit(const TrainingContext& ctx, JobControl& job) override;
  // UserState::params = [adapted decision layers (local_size) ; p_u (D)].
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override;
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override;
  [[nodiscard]] std::vector<NamedTensor> parameters() const override;
  void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) override;

  [[nodiscard]] const MeluShape& shape() const { return shape_; }
  [[nodiscard]] const Eigen::VectorXf& params() const { return params_; }

 private:
  void set_items(ItemEmbeddings Q);
  void refresh_item_cache();
  void require_fitted(const char* what) const;
  [[nodiscard]] MeluHead head_of(const UserState& state) const;

  MetaConfig config_;
  MeluShape shape_;
  ItemEmbeddings Q_;
  Eigen::MatrixXf items_t_;     // Q^T (D x N)
  Eigen::MatrixXf item_layer_;  // W1_q Q^T + b1 (H x N): the user-independent part of layer 1
  Eigen::VectorXf params_;
};

}  // namespace metacf
