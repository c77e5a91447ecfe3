#include "core/learners/auto/auto_config.h"

#include <algorithm>
#include <stdexcept>

#include "core/config/config_schema.h"

namespace metacf {
const ConfigSchema<AutoConfig>& auto_config_schema() {
  using C = AutoConfig;
  static const ConfigSchema<C> schema(
      "metacf_auto config", RangeMessages::kInterval,
      {field("candidates", &C::candidates, "Candidates",
             "Learners it fits and may blend, by name; any learner but metacf_auto itself")
           .each("candidate")
           .required(),
       field("candidate_configs", &C::candidate_configs, "Candidate settings",
             "Per-candidate overrides (name -> its settings); K and the seed come from here"),
       field("folds", &C::folds, between(1, 10), "Folds",
             "Meta-training users dealt into this many folds for cross-fitting (1: one "
             "held-out slice)"),
       field("validation_share", &C::validation_share, above_up_to(0, 0.5), "Held-out share",
             "With folds = 1: share of its meta-training users held out to choose on"),
       field("max_validation_users", &C::max_validation_users, between(1, 1000000),
             "Validation users", "Users scored to choose, over all folds (at most)"),
       field("max_validation_scores", &C::max_validation_scores, between(1, 2e9),
             "Validation scores",
             "Scored users x items at most: on large catalogues a seeded share of each fold "
             "is scored"),
       field("validation_draws", &C::validation_draws, between(1, 20), "Draws per user",
             "Tasks drawn per validation user: more tasks, less noise in the choice"),
       field("blend_size", &C::blend_size, between(1, 8), "Blend size",
             "The best this many single candidates are blended"),
       field("grid_steps", &C::grid_steps, between(1, 20), "Weight grid",
             "Blend weights are multiples of 1 / grid_steps"),
       field("min_gain_se", &C::min_gain_se, between(0, 10), "Blend margin (SE)",
             "A blend replaces the best single candidate only when its paired HR@10 gain "
             "exceeds this many standard errors, on all scored users and with its weights "
             "chosen on the other folds (0: no margin)"),
       field("refit_counts", &C::refit_counts, "Refit counts",
             "Refit the chosen count-based candidates on every meta-training user"),
       field("steps", &C::steps, between(0, 20), "Local steps K",
             "Local steps K, passed to every candidate")
           .set_by(FieldRole::kFromExperiment),
       field("seed", &C::seed, at_least(0), "Seed", "Seed passed to every candidate")
           .set_by(FieldRole::kFromExperiment)});
  return schema;
}

void AutoConfig::validate() const {
  auto_config_schema().validate(*this);
  for (const auto& name : candidates) {
    if (name == "metacf_auto") {
      throw std::invalid_argument("metacf_auto config: candidates cannot include metacf_auto");
    }
    if (std::count(candidates.begin(), candidates.end(), name) > 1) {
      throw std::invalid_argument("metacf_auto config: candidate " + name + " is listed twice");
    }
  }
  if (!candidate_configs.is_object()) {
    throw std::invalid_argument("metacf_auto config: candidate_configs must be an object");
  }
}

void to_json(nlohmann::json& j, const AutoConfig& c) { j = auto_config_schema().write(c); }

void from_json(const nlohmann::json& j, AutoConfig& c) {
  auto_config_schema().read(j, c, UnknownKeys::kReject);
}

}  // namespace metacf
