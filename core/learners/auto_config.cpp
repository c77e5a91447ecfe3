#include "core/learners/auto_config.h"

#include <algorithm>
#include <stdexcept>

#include "core/util/json_value.h"

namespace metacf {
namespace {

template <typename T>
void check_range(const char* field, T value, T lo, T hi) {
  if (!(value >= lo && value <= hi)) {
    throw std::invalid_argument("metacf_auto config: " + std::string(field) + " = " +
                                std::to_string(value) + " is out of range; expected [" +
                                std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
}

}  // namespace

void AutoConfig::validate() const {
  if (candidates.empty()) throw std::invalid_argument("metacf_auto config: candidates is empty");
  for (const auto& name : candidates) {
    if (name == "metacf_auto") {
      throw std::invalid_argument("metacf_auto config: candidates cannot include metacf_auto");
    }
    if (std::count(candidates.begin(), candidates.end(), name) > 1) {
      throw std::invalid_argument("metacf_auto config: candidate " + name + " is listed twice");
    }
  }
  if (!(validation_share > 0.0 && validation_share <= 0.5)) {
    throw std::invalid_argument("metacf_auto config: validation_share = " +
                                std::to_string(validation_share) +
                                " is out of range; expected (0, 0.5]");
  }
  check_range("folds", folds, 1, 10);
  check_range("max_validation_users", max_validation_users, 1, 1000000);
  check_range("validation_draws", validation_draws, 1, 20);
  check_range("blend_size", blend_size, 1, 8);
  check_range("grid_steps", grid_steps, 1, 20);
  check_range("min_gain_se", min_gain_se, 0.0, 10.0);
  check_range("steps", steps, 0, 20);
  if (!candidate_configs.is_object()) {
    throw std::invalid_argument("metacf_auto config: candidate_configs must be an object");
  }
}

void to_json(nlohmann::json& j, const AutoConfig& c) {
  j = {{"candidates", c.candidates},
       {"candidate_configs", c.candidate_configs},
       {"folds", c.folds},
       {"validation_share", c.validation_share},
       {"max_validation_users", c.max_validation_users},
       {"validation_draws", c.validation_draws},
       {"blend_size", c.blend_size},
       {"grid_steps", c.grid_steps},
       {"min_gain_se", c.min_gain_se},
       {"refit_counts", c.refit_counts},
       {"steps", c.steps},
       {"seed", c.seed}};
}

void from_json(const nlohmann::json& j, AutoConfig& c) {
  const AutoConfig d;
  c.candidates = json_value(j, "candidates", d.candidates);
  c.candidate_configs = json_value(j, "candidate_configs", d.candidate_configs);
  c.folds = json_value(j, "folds", d.folds);
  c.validation_share = json_value(j, "validation_share", d.validation_share);
  c.max_validation_users = json_value(j, "max_validation_users", d.max_validation_users);
  c.validation_draws = json_value(j, "validation_draws", d.validation_draws);
  c.blend_size = json_value(j, "blend_size", d.blend_size);
  c.grid_steps = json_value(j, "grid_steps", d.grid_steps);
  c.min_gain_se = json_value(j, "min_gain_se", d.min_gain_se);
  c.refit_counts = json_value(j, "refit_counts", d.refit_counts);
  c.steps = json_value(j, "steps", d.steps);
  c.seed = json_value(j, "seed", d.seed);
}

}  // namespace metacf
