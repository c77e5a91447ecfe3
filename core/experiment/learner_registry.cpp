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

}  // namespace metacf
