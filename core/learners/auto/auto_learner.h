#pragma once
// `metacf_auto`: cross-fits every candidate learner over folds of all its meta-training users
// (TrainingContext::all_meta_train: fitted without a fold's users, scored on them), then keeps
// the single candidate with the best HR@10 over all the scored users unless a blend of
// per-user standardised scores clears the margin of auto_margin.h. Meta-test users are never
// read. The chosen candidates are then refitted on ctx.split's meta-training users for
// serving, as every other learner is fitted (AutoConfig::folds, refit_counts).
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/eval/evaluator.h"
#include "core/learners/auto/auto_choice.h"
#include "core/learners/auto/auto_config.h"
#include "core/learners/auto/auto_folds.h"
#include "core/model/learner.h"

namespace metacf {

class SharedValidation;

class AutoLearner final : public Learner {
 public:
  explicit AutoLearner(AutoConfig config);  // validates it
  [[nodiscard]] std::string name() const override { return "metacf_auto"; }
  // The settings plus, once fitted, the choice: {"choice": {"summary", "weights", "validation"}}.
  [[nodiscard]] nlohmann::json config() const override;
  // False: it is not meta-trained itself (its components are, on its folds' fitting users).
  [[nodiscard]] bool meta_trains() const override { return false; }
  [[nodiscard]] int local_steps() const override { return config_.steps; }
  void fit(const TrainingContext& ctx, JobControl& job) override;
  // Each state's params: the chosen components' parameter counts, then their params in order.
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng& rng) const override;
  void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const override;
  // The choice tensors plus each chosen component's tensors prefixed "<name>/".
  [[nodiscard]] std::vector<NamedTensor> parameters() const override;
  void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) override;

  [[nodiscard]] const AutoChoice& choice() const { return choice_; }
  // On (the default): work the folds share is done once (see fit()). Off: every fold is
  // fitted and validated on its own, the reference the shared path must reproduce exactly.
  void set_share_fold_work(bool on) { share_fold_work_ = on; }

 private:
  struct Component {
    std::size_t candidate = 0;  // index in config_.candidates: its random stream
    double weight = 0;
    std::unique_ptr<Learner> learner;
  };
  [[nodiscard]] std::unique_ptr<Learner> make_candidate(const std::string& name) const;
  // How one candidate is fitted: on `split` (its meta-training users also rank bpr's step size
  // unless validation_users says otherwise), reporting as phase `phase` of `phases`.
  struct CandidateFit {
    const TrainingContext* ctx = nullptr;
    const Split* split = nullptr;
    std::span<const Task> validation_users;
    SharedValidation* shared = nullptr;
    JobControl* job = nullptr;
    int phase = 0;
    int phases = 1;
    std::string what;
  };
  [[nodiscard]] std::unique_ptr<Learner> fit_candidate(const std::string& name,
                                                       const CandidateFit& how) const;
  // The configured candidates that can fit `data`; the others are recorded in skipped_.
  std::vector<std::string> fittable_candidates(const Dataset& data, JobControl& job);
  // Scored users at most: max_validation_users, and max_validation_scores / items.
  [[nodiscard]] std::int64_t scored_user_cap(const Dataset& data) const;
  // fitted[fold][candidate]: every candidate fitted without each fold's users.
  [[nodiscard]] std::vector<std::vector<std::unique_ptr<Learner>>> fit_folds(
      const std::vector<std::string>& names, const std::vector<ValidationFold>& folds,
      const TrainingContext& ctx, SharedValidation* shared, JobControl& job) const;
  // Fills components_ with choice_'s candidates: refitted as `refit` says, or the first
  // fold's fit; releases the other fits first.
  void serve_chosen(const std::vector<std::string>& names,
                    std::vector<std::vector<std::unique_ptr<Learner>>>& fitted,
                    const CandidateFit& refit, JobControl& job);
  [[nodiscard]] EvaluationOptions validation_options(const Dataset& data) const;
  void require_fitted(const char* what) const;

  AutoConfig config_;
  AutoChoice choice_;
  std::vector<Component> components_;  // the chosen ones (weight > 0), in candidate order
  // Candidates left out of the last fit because they cannot fit its data set, with the reason.
  std::vector<std::pair<std::string, std::string>> skipped_;
  bool share_fold_work_ = true;
};

}  // namespace metacf
