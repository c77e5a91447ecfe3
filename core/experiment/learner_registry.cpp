#include "core/experiment/learner_registry.h"

#include <algorithm>

#include "core/learners/learner_factory.h"

namespace metacf {

std::vector<std::string> known_learners() { return known_learner_names(); }

std::unique_ptr<Learner> create_learner(const std::string& name, const nlohmann::json& overrides,
                                        int k, std::uint64_t seed) {
  nlohmann::json config = overrides.is_object() ? overrides : nlohmann::json::object();
  const auto baselines = baseline_learner_names();
  if (std::find(baselines.begin(), baselines.end(), name) == baselines.end()) {
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
      (void)create_learner(name, overrides, k, 1);
    } catch (const std::exception& e) {
      problems.push_back(name + ": " + e.what());
    }
  }
  return problems;
}

}  // namespace metacf
