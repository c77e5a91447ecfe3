#pragma once
// `ease`: EASE (Steck, WWW 2019), a closed-form item-item model over the training records.
// With X the binary user x item matrix, P = (X^T X + lambda I)^-1 and B = I - P diag(1/diag P)
// (so diag B = 0); a user with support S scores item v as sum over s in S of B[s, v]. Adapts
// nothing. B is exact (dense, core/learners/ease/ease_dense.h) while its n x n float matrix fits
// the memory budget, and approximated sparsely above it (core/learners/ease/ease_sparse.h); which
// one ran, and why, is reported and stored (EaseConfig, EaseSolve).
#include <cstdint>
#include <optional>
#include <string>

#include "core/learners/ease/ease_config.h"
#include "core/learners/ease/ease_sparse.h"
#include "core/learners/training_records.h"
#include "core/model/learner.h"

namespace metacf {

class EaseLearner final : public Learner {
 public:
  explicit EaseLearner(EaseConfig config);  // validates it
  [[nodiscard]] std::string name() const override { return "ease"; }
  [[nodiscard]] nlohmann::json config() const override { return config_; }
  void fit(const TrainingContext& ctx, JobControl& job) override;
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override;
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override;
  // The training records it was fitted on and the solve it used, not B: N^2 floats (11 MB on
  // ML-100K) per stored learner would dwarf the store, and B is recomputed from them in about
  // a second, with the same solve.
  [[nodiscard]] std::vector<NamedTensor> parameters() const override;
  void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) override;

  // B from a user x item record list (exposed for tests): `rows` as training_records() builds.
  void fit_records(const UserItemRows& rows, std::int32_t num_items);
  // The dense B transposed (column s = row s of B); empty after a sparse solve.
  [[nodiscard]] const Eigen::MatrixXf& weights_by_column() const { return b_t_; }
  // The solve of the last fit.
  [[nodiscard]] const EaseSolve& solve() const { return solve_; }

 private:
  void fit_with(const UserItemRows& rows, std::int32_t num_items, const EaseSolve& solve,
                const JobControl* job = nullptr);

  EaseConfig config_;
  EaseSolve solve_;
  UserItemRows records_;  // what B was fitted on
  // B transposed, column-major: column s is row s of B, contiguous for scoring (dense solve).
  Eigen::MatrixXf b_t_;
  SparseEase sparse_;  // the sparse solve
};

// Reads the solve back from stored ease parameters ("ease_solve"); nullopt when absent.
std::optional<EaseSolve> ease_solve_from_tensors(std::span<const NamedTensor> tensors);

}  // namespace metacf
