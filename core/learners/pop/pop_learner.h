#pragma once
// `pop`: the most popular items among the training records. Adapts nothing.
#include <vector>

#include "core/model/learner.h"

namespace metacf {

class PopLearner final : public Learner {
 public:
  [[nodiscard]] std::string name() const override { return "pop"; }
  [[nodiscard]] nlohmann::json config() const override { return nlohmann::json::object(); }
  void fit(const TrainingContext& ctx, JobControl& job) override;
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override;
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override;
  [[nodiscard]] std::vector<NamedTensor> parameters() const override;
  void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) override;

 private:
  Eigen::VectorXf counts_;
};

}  // namespace metacf
