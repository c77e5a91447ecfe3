#pragma once
// Settings of metacf_auto: which learners it may use and how it chooses among them.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace metacf {

struct AutoConfig {
  // Learners it fits and may blend, by factory name. Any learner but metacf_auto itself.
  // A candidate that cannot take the data set is left out with its reason (none does today).
  std::vector<std::string> candidates{
      "pop",      "itemknn",         "ease",           "metacf_ease", "bpr",
      "metacf_g", "metacf_p_linear", "metacf_p_neural"};
  // Per-candidate overrides (name -> its config); K and the seed are set from this config.
  nlohmann::json candidate_configs = nlohmann::json::object();
  // Cross-fitting: its meta-training users are dealt into this many folds; each candidate is
  // fitted once per fold without that fold's users and scored on them, so every meta-training
  // user takes part in the choice. 1: no cross-fitting, a single held-out slice of
  // validation_share. 1..10.
  int folds = 5;
  // With folds = 1: share of its meta-training users held out to choose on. (0, 0.5].
  double validation_share = 0.2;
  // Scored users, over all folds: at most max_validation_users, and at most
  // max_validation_scores / items (each user's draws rank the whole catalogue under every
  // candidate and every blend). Every meta-training user is scored on MovieLens 100K and 1M;
  // on a 57,750-item catalogue about 1,000 are (a seeded share of each fold).
  int max_validation_users = 1000000;
  std::int64_t max_validation_scores = 60'000'000;
  // Tasks drawn per validation user: her task, plus redraws of her records into a support and
  // a query of the same sizes. More tasks, less noise in the choice. 1..20.
  int validation_draws = 5;  // >= 1: every check ranks the whole catalogue per user
  // The best this many single candidates (by validation HR@10) are blended. 1..8.
  int blend_size = 3;
  // Blend weights are multiples of 1 / grid_steps on the simplex. 1..20.
  int grid_steps = 10;
  // The best blend replaces the best single candidate only when its paired per-user HR@10 gain
  // over it exceeds this many standard errors both on the pooled users and out of fold, with
  // its weights chosen on the other folds (auto_margin.h). 0: no margin, the best blend on the
  // pooled users. [0, 10].
  double min_gain_se = 1.0;
  // Refit the chosen count-based candidates (pop, itemknn, ...) on every meta-training user
  // once chosen: cheap, and their scores are standardised, so the weights still apply.
  // Chosen meta-trained candidates are refitted on every meta-training user when folds >= 2
  // (no fold's fit saw them all; one more fit each); with folds = 1 they keep the fitting
  // part's fit.
  bool refit_counts = true;
  int steps = 5;  // local steps K, passed to every candidate. 0..20.
  std::uint64_t seed = 1;

  void validate() const;  // throws std::invalid_argument naming the field and its range
};
void to_json(nlohmann::json& j, const AutoConfig& c);
void from_json(const nlohmann::json& j, AutoConfig& c);  // unknown keys are errors
template <class C>
class ConfigSchema;
const ConfigSchema<AutoConfig>& auto_config_schema();  // ranges and docs

}  // namespace metacf
