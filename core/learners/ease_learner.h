#pragma once
// `ease`: EASE (Steck, WWW 2019), a closed-form item-item model over the training records.
// With X the binary user x item matrix, P = (X^T X + lambda I)^-1 and B = I - P diag(1/diag P)
// (so diag B = 0); a user with support S scores item v as sum over s in S of B[s, v]. Adapts
// nothing. The solve is dense in the number of items N (2 N^2 floats), so catalogues above
// kMaxItems are refused (unfit_reason) rather than attempted.
#include <cstdint>
#include <string>

#include "core/learners/learner.h"
#include "core/learners/training_records.h"

namespace metacf {

struct EaseConfig {
  // L2 weight lambda on B. (0, 1e7]. Large values make B close to the co-occurrence counts
  // over lambda; for new users with a few support items that ranked best on MovieLens 100K
  // (seeds 1-10: 300 < 1000 < 3000 < 10000 ~ 30000) and on the bundled sample.
  double lambda = 10000.0;

  void validate() const;  // throws std::invalid_argument naming the field and its range
};
void to_json(nlohmann::json& j, const EaseConfig& c);
void from_json(const nlohmann::json& j, EaseConfig& c);  // unknown keys are errors
template <class C>
class ConfigSchema;
const ConfigSchema<EaseConfig>& ease_config_schema();  // ranges and docs

class EaseLearner final : public Learner {
 public:
  // 8000 items: two 8000 x 8000 float matrices, 0.5 GB, and some seconds of Cholesky.
  static constexpr std::int32_t kMaxItems = 8000;

  explicit EaseLearner(EaseConfig config);  // validates it
  [[nodiscard]] std::string name() const override { return "ease"; }
  [[nodiscard]] nlohmann::json config() const override { return config_; }
  [[nodiscard]] std::string unfit_reason(const Dataset& data) const override;
  // Throws std::invalid_argument when unfit_reason(ctx.data) is not empty.
  void fit(const TrainingContext& ctx, JobControl& job) override;
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override;
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override;
  // The training records it was fitted on, not B: N^2 floats (11 MB on ML-100K) per stored
  // learner would dwarf the store, and B is recomputed from them in about a second.
  [[nodiscard]] std::vector<NamedTensor> parameters() const override;
  void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) override;

  // B from a user x item record list (exposed for tests): `rows` as training_records() builds.
  void fit_records(const UserItemRows& rows, std::int32_t num_items);
  [[nodiscard]] const Eigen::MatrixXf& weights_by_column() const { return b_t_; }

 private:
  EaseConfig config_;
  UserItemRows records_;  // what B was fitted on
  // B transposed, column-major: column s is row s of B, contiguous for scoring.
  Eigen::MatrixXf b_t_;
};

}  // namespace metacf
