#pragma once
// `metacf_ease`: ease's item-item scores for a new user, mixed with a popularity prior by a
// weight that depends on how many items she has clicked, meta-learned across the meta-training
// users (support_gate.h). Each meta-training user is a task scored exactly as a new user would
// be: ease's solve with her records removed (ease_without_user.h), so the mixes learn how far
// ease's warm-user statistics carry to a new user's next clicks, one click differing from five.
// One dense solve, as ease's; serving costs ease's plus one multiply-add per item. Adapts nothing.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/learners/metaease/metacf_ease_config.h"
#include "core/learners/metaease/support_gate.h"
#include "core/learners/training_records.h"
#include "core/model/learner.h"

namespace metacf {

inline constexpr const char* kGateTensor = "metacf_ease_gate";

// "popularity mix by clicks 1: 0.5, 2: 0.2, ..., 5+: 0 (0: ease alone)"
std::string gate_summary(const Eigen::VectorXf& mix);

class MetaEaseLearner final : public Learner {
 public:
  explicit MetaEaseLearner(MetaEaseConfig config);  // validates it
  [[nodiscard]] std::string name() const override { return "metacf_ease"; }
  [[nodiscard]] nlohmann::json config() const override { return config_; }
  [[nodiscard]] bool meta_trains() const override { return true; }
  void fit(const TrainingContext& ctx, JobControl& job) override;
  [[nodiscard]] std::string unfit_reason(const Dataset& data) const override;
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override;
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override;
  // The training records, the mixes and the score scale; B is solved again on load.
  [[nodiscard]] std::vector<NamedTensor> parameters() const override;
  void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) override;

  [[nodiscard]] const SupportGate& gate() const { return gate_; }
  // What each support size's choice saw, after fit() (empty after a load).
  [[nodiscard]] const std::vector<GateChoice>& choices() const { return choices_; }

 private:
  // The popularity feature from the records: standardised log(1 + count).
  void count_popularity(const UserItemRows& rows, std::int32_t num_items);
  [[nodiscard]] float popularity_of(std::int64_t count) const;
  // The meta-training users the gate is fitted on, scored by ease without them.
  [[nodiscard]] std::vector<GateTask> gate_tasks(const TrainingContext& ctx,
                                                 const Eigen::MatrixXf& inverse,
                                                 const std::vector<std::int64_t>& counts) const;

  MetaEaseConfig config_;
  UserItemRows records_;
  std::vector<std::int64_t> counts_;  // per item, over records_
  float log_mean_ = 0, log_scale_ = 1;
  Eigen::VectorXf popularity_;
  float ease_scale_ = 1;  // 1 / mean |ease score| over the tasks' unclicked items
  SupportGate gate_;
  std::vector<GateChoice> choices_;
  Eigen::MatrixXf b_t_;  // B transposed, as ease holds it
};

}  // namespace metacf
