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

std::vector<std::string> known_learner_names() { return learner_names(); }

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
  // for unknown keys before (create_learner with UnknownKeys::kReject).
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

}  // namespace metacf
