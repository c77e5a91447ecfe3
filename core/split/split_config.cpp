#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/config/config_schema.h"
#include "core/split/split.h"

namespace metacf {

const ConfigSchema<SplitConfig>& split_config_schema() {
  using C = SplitConfig;
  static const ConfigSchema<C> schema(
      "split", RangeMessages::kSentence,
      {field("pretrain_ratio", &C::pretrain_ratio, above_up_to(0, 1e6), "Pretraining share",
             "Relative size of the pretraining group: their full histories train Q (paper 1 of "
             "1:2:1)"),
       field("meta_train_ratio", &C::meta_train_ratio, above_up_to(0, 1e6), "Meta-training share",
             "Relative size of the meta-training group: each user is a task (paper 2 of 1:2:1)"),
       field("meta_test_ratio", &C::meta_test_ratio, above_up_to(0, 1e6), "Meta-test share",
             "Relative size of the meta-test group: the new users scored (paper 1 of 1:2:1)"),
       field("min_selected", &C::min_selected, between(2, 100000), "Fewest records per task",
             "Each task selects n ~ U{min_selected..min(max_selected, |R_u|)} of a user's "
             "records; the first half is the support"),
       field("max_selected", &C::max_selected, between(2, 100000), "Most records per task",
             "The largest n a task selects (>= min_selected)"),
       field("seed", &C::seed, at_least(0), "Seed", "Seed of the split")
           .set_by(FieldRole::kFromExperiment)});
  return schema;
}

void SplitConfig::validate() const {
  split_config_schema().validate(*this);
  if (max_selected < min_selected) {
    throw std::invalid_argument("split: max_selected must be >= min_selected");
  }
}

void to_json(nlohmann::json& j, const SplitConfig& c) { j = split_config_schema().write(c); }

void from_json(const nlohmann::json& j, SplitConfig& c) {
  split_config_schema().read(j, c, UnknownKeys::kReject);
}

}  // namespace metacf
