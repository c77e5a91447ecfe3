#pragma once
// One experiment: the paper's Table 2 (learners at one K), Table 3 (a K sweep) and Fig. 2
// (support sizes), over one or more seeds. Ranges and one-line docs of every field are in
// experiment_config_schema() (experiment_config.cpp).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/eval/protocol.h"
#include "core/learners/registry.h"
#include "core/split/split.h"
#include "core/train/pretrain.h"

namespace metacf {

struct ExperimentConfig {
  SplitConfig split;        // its seed is replaced by each of `seeds`
  PretrainConfig pretrain;  // its seed too
  std::vector<std::string> learners = default_learner_names();  // the paper's, in table order
  // Local steps K, 0..20: K = 0 scores the initial (meta-learned) embedding without adapting.
  std::vector<int> ks{5};
  std::vector<int> support_sizes;  // Fig. 2: fixed meta-test support sizes; empty = natural
  std::vector<std::uint64_t> seeds{1};
  Protocol protocol = Protocol::kFull;
  int top_n = 10;               // the K of HR@K / NDCG@K
  int sampled_candidates = 99;  // negatives per query item in the sampled protocol
  // Share of meta-training users held out (never trained on) to draw validation curves and to
  // pick settings: model choices are never made on meta-test users.
  double validation_share = 0.1;
  int max_validation_users = 1000;  // each check ranks all items per user
  int validate_every = 5;
  // A meta-trained learner's validation point scores at most this many user-item pairs: on a
  // large catalogue its curve is drawn on fewer of the held-out users (an evenly spaced subset),
  // so that a learner that must score every item through an MLP (MeLU) does not spend more on
  // its curve than on its test. The held-out users themselves do not change.
  std::int64_t max_validation_scores = 20'000'000;
  // MiB the run's estimated peak memory may take (memory_estimate.h); 0: half of the
  // machine's physical memory. A run over it is refused before it starts.
  std::int64_t memory_budget_mib = 0;
  std::string baseline = default_reference_learner();         // paired differences are against it
  nlohmann::json learner_configs = nlohmann::json::object();  // learner name -> overrides

  // Throws std::invalid_argument naming the field and its range, a learner, seed, K or
  // support size listed twice (and that value), an unknown learner, or a name under
  // learner_configs that is not a learner.
  void validate() const;
};
void to_json(nlohmann::json& j, const ExperimentConfig& c);
// For what a user gives: unknown keys (here and in split/pretrain) are errors naming them.
void from_json(const nlohmann::json& j, ExperimentConfig& c);
// For a configuration stored by an older version: keys no longer known are skipped.
ExperimentConfig read_stored_experiment_config(const nlohmann::json& j);

template <class C>
class ConfigSchema;
const ConfigSchema<ExperimentConfig>& experiment_config_schema();

}  // namespace metacf
