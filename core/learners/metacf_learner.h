#pragma once
// The three MetaCF learners (paper Section 3): a meta-learned initial user embedding
// p0 = g(S_u; Phi), adapted by K gradient steps on the support set, scored by
// sigmoid(p . q_v) against the frozen item matrix Q.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/learners/initializer.h"
#include "core/learners/dot_product_items.h"
#include "core/learners/learner.h"
#include "core/learners/meta_config.h"

namespace metacf {

class MetaCFLearner final : public Learner {
 public:
  // Validates config (std::invalid_argument on a bad field).
  MetaCFLearner(InitKind kind, MetaConfig config);

  [[nodiscard]] std::string name() const override;
  [[nodiscard]] nlohmann::json config() const override;
  [[nodiscard]] bool meta_trains() const override { return true; }
  [[nodiscard]] int local_steps() const override { return config_.steps; }

  void fit(const TrainingContext& ctx, JobControl& job) override;
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override;
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override;
  // The logit p . q_v, which ranks exactly as the sigmoid.
  [[nodiscard]] const DotProductItems* dot_product_items() const override {
    return Q_ ? &items_ : nullptr;
  }
  [[nodiscard]] std::vector<NamedTensor> parameters() const override;
  void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) override;

  // For the tests and benchmarks: the flat Phi and the shape that reads it.
  [[nodiscard]] const Eigen::VectorXf& phi() const { return phi_; }
  [[nodiscard]] const InitShape& shape() const { return shape_; }

 private:
  void set_items(ItemEmbeddings Q);
  void require_fitted(const char* what) const;

  InitKind kind_;
  MetaConfig config_;
  InitShape shape_;
  ItemEmbeddings Q_;
  DotProductItems items_;   // Q packed for scoring
  Eigen::MatrixXf items_t_;  // Q^T (D x N): item v is a contiguous column, for gathering
  Eigen::VectorXf phi_;
};

}  // namespace metacf
