#pragma once
// BPR_K, the paper's baseline: no meta-training; a new user's embedding starts as small
// Gaussian noise and takes K epochs of the pairwise BPR loss on her support set.
#include <Eigen/Core>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/model/dot_product_items.h"
#include "core/model/learner.h"

namespace metacf {

struct BprConfig {
  // Epochs K on the support set (adapt() is told its steps; this is the run's default). 0..1000.
  // The paper reports BPR_5 and BPR_Best (44-50 epochs).
  int steps = 5;
  // Step size of one epoch: a full gradient step on the BPR loss SUMMED over the epoch's pairs,
  // like MetaCF's alpha. Range (0, 1000]. 0.1 moves p by about half an item embedding per
  // positive per epoch at D = 32; it should be chosen per K on the meta-training users.
  double step_size = 0.1;
  // Pick step_size per K from a grid (0.01 .. 3) by HR@10 on held-out meta-training users,
  // when the run supplies them (never on meta-test users). Off: use step_size as given.
  bool select_step_size = true;
  // Standard deviation of the random initial embedding. Range [0, 1].
  double init_std = 0.01;
  // Negatives per support positive, resampled every epoch outside the support. Range 1..100.
  int negatives = 3;
  // Recorded with the run; every draw of adapt() comes from the generator it is given.
  std::uint64_t seed = 1;

  void validate() const;  // throws std::invalid_argument naming the field and its range
};
void to_json(nlohmann::json& j, const BprConfig& c);
void from_json(const nlohmann::json& j, BprConfig& c);  // unknown keys are errors
template <class C>
class ConfigSchema;
const ConfigSchema<BprConfig>& bpr_config_schema();  // ranges and docs

class BprLearner final : public Learner {
 public:
  explicit BprLearner(BprConfig config);

  [[nodiscard]] std::string name() const override { return "bpr"; }
  [[nodiscard]] nlohmann::json config() const override { return config_; }
  [[nodiscard]] int local_steps() const override { return config_.steps; }

  // Keeps Q and, when validation users are given, picks the step size for this K.
  void fit(const TrainingContext& ctx, JobControl& job) override;
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override;
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override;
  // The logit p . q_v, which ranks exactly as the sigmoid.
  [[nodiscard]] const DotProductItems* dot_product_items() const override {
    return Q_ ? &items_ : nullptr;
  }
  // The chosen step size (1 x 1 "step_size"); load_parameters takes it and Q.
  [[nodiscard]] std::vector<NamedTensor> parameters() const override;
  void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) override;

 private:
  void set_items(ItemEmbeddings Q);

  BprConfig config_;
  ItemEmbeddings Q_;
  DotProductItems items_;    // Q packed for scoring
  Eigen::MatrixXf items_t_;  // Q^T (D x N)
};

}  // namespace metacf
