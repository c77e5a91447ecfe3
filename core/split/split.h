#pragma once
// The three disjoint user groups of the protocol and each task's support/query records.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/data/dataset.h"

namespace metacf {

struct SplitConfig {
  // Relative sizes of the pretraining, meta-training and meta-test groups (> 0 each; paper 1:2:1).
  double pretrain_ratio = 1.0;
  double meta_train_ratio = 2.0;
  double meta_test_ratio = 1.0;
  // Records selected per task: n ~ Uniform{min_selected .. min(max_selected, |R_u|)}, 2 <= min <=
  // max.
  int min_selected = 2;
  int max_selected = 10;
  std::uint64_t seed = 1;

  void validate() const;  // throws std::invalid_argument naming the field and its range
};
void to_json(nlohmann::json& j, const SplitConfig& c);
// Unknown keys are errors naming them; missing keys take their defaults.
void from_json(const nlohmann::json& j, SplitConfig& c);
template <class C>
class ConfigSchema;
// Its fields: keys, ranges, defaults and docs (core/config/config_schema.h).
const ConfigSchema<SplitConfig>& split_config_schema();

// One user as a task: support = the first floor(n/2) selected records, query = the rest.
struct Task {
  std::int32_t user = 0;
  std::vector<std::int32_t> support;
  std::vector<std::int32_t> query;
};

struct Split {
  std::vector<std::int32_t> pretrain_users;  // trained on their full histories
  std::vector<Task> meta_train;              // one task per meta-training user
  std::vector<Task> meta_test;               // one task per meta-test user
  std::int64_t dropped_users = 0;            // meta users with fewer than min_selected records
  // The tasks are a published split's, halved in its file order (often time order: a user's
  // support is what she clicked first). The protocol then has no other draw of a task:
  // meta-training and validation use the tasks as written, as the meta-test does, never a
  // reshuffled or redrawn halving, which would train and choose on a different task
  // distribution than the one the learners are tested on.
  bool published_tasks = false;
};
void to_json(nlohmann::json& j, const Split& s);
void from_json(const nlohmann::json& j, Split& s);

Split make_split(const Dataset& data, const SplitConfig& config);

// Items a meta-training/pretraining user is known to have rated: her records in the data set.
// Negatives are sampled outside these. At meta-test time only the support is known.

}  // namespace metacf
