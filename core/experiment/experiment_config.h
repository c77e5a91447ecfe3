#pragma once
// One experiment: the paper's Table 2 (learners at one K), Table 3 (a K sweep) and Fig. 2
// (support sizes), over one or more seeds.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/eval/protocol.h"
#include "core/split/split.h"
#include "core/train/pretrain.h"

namespace metacf {

struct ExperimentConfig {
  SplitConfig split;        // its seed is replaced by each of `seeds`
  PretrainConfig pretrain;  // its seed too
  std::vector<std::string> learners{"pop", "itemknn", "itemknn_q", "bpr", "melu",
                                    "metacf_g", "metacf_p_linear", "metacf_p_neural"};
  std::vector<int> ks{5};             // local steps K (1..20); Table 3 sweeps them
  std::vector<int> support_sizes;     // Fig. 2: fixed meta-test support sizes; empty = natural
  std::vector<std::uint64_t> seeds{1};
  Protocol protocol = Protocol::kFull;
  int top_n = 10;                     // the K of HR@K / NDCG@K (1..100)
  int sampled_candidates = 99;        // negatives per query item in the sampled protocol
  // Share of meta-training users held out (never trained on) to draw validation curves and to
  // pick settings: model choices are never made on meta-test users.
  double validation_share = 0.1;
  int max_validation_users = 1000;    // at most this many of them (>= 1): each check ranks all items
  int validate_every = 5;             // meta-epochs between validation points (>= 1)
  // A meta-trained learner's validation point scores at most this many user-item pairs: on a
  // large catalogue its curve is drawn on fewer of the held-out users (an evenly spaced subset),
  // so that a learner that must score every item through an MLP (MeLU) does not spend more on
  // its curve than on its test. The held-out users themselves do not change. >= 1.
  std::int64_t max_validation_scores = 20'000'000;
  std::string baseline = "pop";       // paired differences are taken against this learner
  nlohmann::json learner_configs = nlohmann::json::object();  // learner name -> overrides

  void validate() const;  // throws std::invalid_argument naming the field and its range
};
void to_json(nlohmann::json& j, const ExperimentConfig& c);
void from_json(const nlohmann::json& j, ExperimentConfig& c);

}  // namespace metacf
