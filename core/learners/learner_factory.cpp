#include "core/learners/learner_factory.h"

#include <stdexcept>

#include "core/learners/registry.h"
#include "core/util/json_text.h"

namespace metacf {
namespace {

std::vector<std::string> names_where(bool (*keep)(const LearnerDescriptor&)) {
  std::vector<std::string> out;
  for (const auto& name : learner_names()) {
    if (keep(describe_learner(name))) out.push_back(name);
  }
  return out;
}

}  // namespace

std::vector<std::string> baseline_learner_names() {
  return names_where(
      [](const LearnerDescriptor& d) { return d.family == LearnerFamily::kCounting; });
}

std::vector<std::string> trained_learner_names() {
  return names_where([](const LearnerDescriptor& d) {
    return d.family == LearnerFamily::kAdaptive || d.family == LearnerFamily::kMetaLearned;
  });
}

std::unique_ptr<Learner> make_learner(const std::string& name, const nlohmann::json& config) {
  const LearnerDescriptor learner = describe_learner(name);
  const nlohmann::json cfg = config.is_null() ? nlohmann::json::object() : config;
  if (!cfg.is_object()) {
    throw std::invalid_argument("learner " + name + ": config must be a JSON object, got " +
                                json_text(cfg));
  }
  // Keys it does not have are dropped: stored configurations carry results (metacf_auto's
  // choice), and one configuration may serve several learners. What a user typed is checked
  // for unknown keys before (make_learner with UnknownKeys::kReject).
  nlohmann::json own = nlohmann::json::object();
  for (auto it = cfg.begin(); it != cfg.end(); ++it) {
    if (learner.settings && learner.settings->find(it.key())) own[it.key()] = it.value();
  }
  try {
    return learner.make(own);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument("learner " + name + ": bad config field type: " + e.what());
  }
}

namespace {

// An ensemble's candidate_configs hold settings for other learners: each must name a learner
// it can use, and be settings that learner has (they were taken as they came, so a typo was
// silently ignored, and any JSON at all was kept there).
void check_candidate_settings(const nlohmann::json& config, int k, std::uint64_t seed) {
  // The candidates by name: a typo found here stops the run before anything is stored, not
  // after the learners before the ensemble have been fitted.
  if (const auto names = config.find("candidates"); names != config.end() && names->is_array()) {
    for (const auto& name : *names) {
      if (!name.is_string()) continue;  // the schema names a list that is not of names
      const std::string candidate = name.get<std::string>();
      if (!is_known_learner(candidate)) {
        throw std::invalid_argument("candidates: '" + candidate + "' is not a learner");
      }
      if (describe_learner(candidate).family == LearnerFamily::kEnsemble) {
        throw std::invalid_argument("candidates: '" + candidate + "' cannot be a candidate");
      }
    }
  }
  const auto found = config.find("candidate_configs");
  if (found == config.end() || !found->is_object()) return;  // the schema names a non-object
  for (auto it = found->begin(); it != found->end(); ++it) {
    const std::string where = "candidate_configs: ";
    if (!is_known_learner(it.key())) {
      throw std::invalid_argument(where + "settings for '" + it.key() +
                                  "', which is not a learner");
    }
    if (describe_learner(it.key()).family == LearnerFamily::kEnsemble) {
      throw std::invalid_argument(where + "'" + it.key() + "' cannot be a candidate");
    }
    if (!it.value().is_object()) {
      throw std::invalid_argument(where + "the settings of '" + it.key() +
                                  "' must be a JSON object");
    }
    try {
      (void)make_learner(it.key(), it.value(), k, seed, UnknownKeys::kReject);
    } catch (const std::exception& e) {
      throw std::invalid_argument(where + it.key() + ": " + e.what());
    }
  }
}

}  // namespace

std::unique_ptr<Learner> make_learner(const std::string& name, const nlohmann::json& overrides,
                                      int k, std::uint64_t seed, UnknownKeys unknown) {
  const LearnerDescriptor learner = describe_learner(name);
  nlohmann::json config = overrides.is_object() ? overrides : nlohmann::json::object();
  if (unknown == UnknownKeys::kReject) {
    const SchemaInfo none{learner.name, {}};
    const SchemaInfo& fields = learner.settings ? *learner.settings : none;
    for (auto it = config.begin(); it != config.end(); ++it) {
      if (!fields.find(it.key())) config_detail::fail_unknown_key(fields, it.key());
    }
    if (learner.family == LearnerFamily::kEnsemble) check_candidate_settings(config, k, seed);
  }
  if (learner.takes_steps_and_seed()) {
    config["steps"] = k;
    config["seed"] = seed;
  }
  return make_learner(name, config);
}

std::vector<std::string> learner_settings_problems(const std::vector<std::string>& names,
                                                   const nlohmann::json& overrides_by_name, int k) {
  std::vector<std::string> problems;
  for (const std::string& name : names) {
    try {
      const auto overrides = overrides_by_name.is_object()
                                 ? overrides_by_name.value(name, nlohmann::json::object())
                                 : nlohmann::json::object();
      (void)make_learner(name, overrides, k, 1, UnknownKeys::kReject);
    } catch (const std::exception& e) {
      // The schema's messages already start with the learner's name.
      const std::string what = e.what();
      problems.push_back(what.rfind(name + ": ", 0) == 0 ? what : name + ": " + what);
    }
  }
  return problems;
}

}  // namespace metacf
