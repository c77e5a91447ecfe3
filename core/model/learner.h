#pragma once
// One interface for every learner: fit on the training users, adapt to a new user's
// support set step by step, score every item. A new learner is a new pair of files here
// plus one line in builtin_learners.cpp (its registry entry: learner_descriptor.h).
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/split/split.h"
#include "core/util/job.h"
#include "core/util/rng.h"

namespace metacf {

// A trained parameter, stored as a blob with its shape (row-major values).
struct NamedTensor {
  std::string name;
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::vector<float> values;
};

// Frozen item embeddings, N x D, row v = item v. Shared: every learner of a run scores with it.
using ItemEmbeddings = std::shared_ptr<const Eigen::MatrixXf>;

class Learner;
class DotProductItems;

// HR@10 and NDCG@10 of a learner on held-out meta-training users (never meta-test users).
struct ValidationScore {
  double hr = 0;
  double ndcg = 0;
  // HR@10 of each validation user, in a fixed user order (for paired comparisons between two
  // learners scored by the same validator); empty when the validator gives means only.
  std::vector<double> user_hr = {};
};
using Validator = std::function<ValidationScore(const Learner&)>;

// Everything a learner may train on.
struct TrainingContext {
  const Dataset& data;
  const Split& split;  // fit() uses split.meta_train (and, for baselines, pretrain users)
  ItemEmbeddings Q;
  // Users' known items, sorted ascending (negatives are drawn outside them): user -> items.
  // Built once per run from the data set; for a meta-test user only her support is known.
  const std::vector<std::vector<std::int32_t>>* known_items = nullptr;
  // Optional: called at the end of an epoch (every validate_every epochs) to fill
  // Progress::val_hr / val_ndcg. Null when the caller wants no validation.
  Validator validate;
  int validate_every = 1;
  // Optional: scores a learner for a choice made once (`tune`), on several redraws of each
  // validation user's task, with ValidationScore::user_hr filled. Null: `validate` is used.
  Validator validate_choice = nullptr;
  // Every meta-training user, the validation share the runner held out of split.meta_train
  // included, in split order; null: split.meta_train is all of them. A learner that chooses
  // among others by cross-fitting (metacf_auto) scores them all (and fits its folds on them);
  // what it serves is fitted on split.meta_train, as every other learner is. Never meta-test
  // users.
  const std::vector<Task>* all_meta_train = nullptr;
};

// A new user after some adaptation steps. `params` is the user's embedding p (D) for the
// MetaCF learners and BPR, and the flattened local parameters for MeLU; empty for
// learners that do not adapt (pop, itemknn).
struct UserState {
  Eigen::VectorXf params;
  std::vector<std::int32_t> support;
};

class Learner {
 public:
  Learner() = default;
  Learner(const Learner&) = delete;
  Learner& operator=(const Learner&) = delete;
  virtual ~Learner() = default;

  [[nodiscard]] virtual std::string name() const = 0;
  // Its hyperparameters, as stored with the run.
  [[nodiscard]] virtual nlohmann::json config() const = 0;
  // Whether fit() meta-trains (its tasks/s is then reported).
  [[nodiscard]] virtual bool meta_trains() const { return false; }
  // The number of local steps K its configuration asks adapt() for (0 for learners that do
  // not adapt), so an evaluator need not parse config().
  [[nodiscard]] virtual int local_steps() const { return 0; }

  // Meta-trains (or counts, for the baselines). Reports one epoch_done Progress per epoch
  // (loss = mean meta-loss; val_hr/val_ndcg on held-out meta-training users when computed),
  // checks job.cancelled() often enough to stop within 200 ms, and throws Diverged on NaN.
  virtual void fit(const TrainingContext& ctx, JobControl& job) = 0;
  // Empty when fit() can handle `data`; otherwise why it cannot (a dense item x item solve
  // on too large a catalogue), so a caller can leave the learner out and say why.
  [[nodiscard]] virtual std::string unfit_reason(const Dataset& /*data*/) const { return {}; }

  // The states after 0..steps local steps on `support` (steps + 1 entries). Negatives for
  // the support loss are drawn from rng, outside the support items only.
  [[nodiscard]] virtual std::vector<UserState> adapt(std::span<const std::int32_t> support,
                                                     int steps, Rng& rng) const = 0;

  // Scores every item for one state; out has one entry per item. Higher is better.
  virtual void score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const = 0;

  // Non-null when score(state) is exactly dot_product_items()->score(state.params): an inner
  // product of the user's vector with the item matrix (plus a per-item bias, if the items carry
  // one). The evaluator then ranks blocks of users in one pass over the items. Null (the
  // default): every user is scored alone through score().
  [[nodiscard]] virtual const DotProductItems* dot_product_items() const { return nullptr; }

  // Trained parameters, so the simulator can use a stored run without retraining.
  [[nodiscard]] virtual std::vector<NamedTensor> parameters() const = 0;
  // Restores a fitted learner from parameters(); Q is the run's stored item matrix.
  virtual void load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) = 0;
};

}  // namespace metacf
