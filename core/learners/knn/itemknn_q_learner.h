#pragma once
// `itemknn_q`: score(v) = sum over support items s of cos(q_v, q_s), on the pretrained Q.
// Shows how much of what the meta learners reach is already in Q's geometry.
#include "core/model/learner.h"

namespace metacf {

class ItemKnnQLearner final : public Learner {
 public:
  [[nodiscard]] std::string name() const override { return "itemknn_q"; }
  [[nodiscard]] nlohmann::json config() const override { return nlohmann::json::object(); }
  void fit(const TrainingContext& ctx, JobControl& job) override;
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override;
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override;
  [[nodiscard]] std::vector<NamedTensor> parameters() const override { return {}; }
  void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) override;

 private:
  void normalise(const Eigen::MatrixXf& Q);
  Eigen::MatrixXf unit_q_;  // rows of Q scaled to unit length (zero rows stay zero)
};

}  // namespace metacf
