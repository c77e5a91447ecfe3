#pragma once
// `itemknn`: classic item-based CF. score(v) = sum over support items s of the cosine between
// the binary user columns of v and s, counted over the training records. Adapts nothing.
#include <vector>

#include "core/learners/training_records.h"
#include "core/model/learner.h"

namespace metacf {

class ItemKnnLearner final : public Learner {
 public:
  [[nodiscard]] std::string name() const override { return "itemknn"; }
  [[nodiscard]] nlohmann::json config() const override { return nlohmann::json::object(); }
  void fit(const TrainingContext& ctx, JobControl& job) override;
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override;
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override;
  [[nodiscard]] std::vector<NamedTensor> parameters() const override;
  void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) override;

 private:
  void index(std::int32_t num_items);

  UserItemRows user_items_;  // training users' records
  UserItemRows item_users_;  // the same, by item
  Eigen::VectorXf inv_sqrt_degree_;
};

}  // namespace metacf
