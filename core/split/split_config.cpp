#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "core/split/split.h"
#include "core/util/json_value.h"

namespace metacf {

void SplitConfig::validate() const {
  auto positive = [](double v, const char* name) {
    if (!(v > 0.0)) throw std::invalid_argument(std::string("split: ") + name + " must be > 0");
  };
  positive(pretrain_ratio, "pretrain_ratio");
  positive(meta_train_ratio, "meta_train_ratio");
  positive(meta_test_ratio, "meta_test_ratio");
  if (min_selected < 2) throw std::invalid_argument("split: min_selected must be >= 2");
  if (max_selected < min_selected) {
    throw std::invalid_argument("split: max_selected must be >= min_selected");
  }
}

void to_json(nlohmann::json& j, const SplitConfig& c) {
  j = {{"pretrain_ratio", c.pretrain_ratio}, {"meta_train_ratio", c.meta_train_ratio},
       {"meta_test_ratio", c.meta_test_ratio}, {"min_selected", c.min_selected},
       {"max_selected", c.max_selected},       {"seed", c.seed}};
}

void from_json(const nlohmann::json& j, SplitConfig& c) {
  SplitConfig d;
  c.pretrain_ratio = json_value(j, "pretrain_ratio", d.pretrain_ratio);
  c.meta_train_ratio = json_value(j, "meta_train_ratio", d.meta_train_ratio);
  c.meta_test_ratio = json_value(j, "meta_test_ratio", d.meta_test_ratio);
  c.min_selected = json_value(j, "min_selected", d.min_selected);
  c.max_selected = json_value(j, "max_selected", d.max_selected);
  c.seed = json_value(j, "seed", d.seed);
}

}  // namespace metacf
