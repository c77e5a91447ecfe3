#include "core/learners/learner_factory.h"

#include <stdexcept>

#include "core/learners/auto_learner.h"
#include "core/learners/bpr_learner.h"
#include "core/learners/ease_learner.h"
#include "core/learners/itemknn_learner.h"
#include "core/learners/itemknn_q_learner.h"
#include "core/learners/pop_learner.h"
#include "core/learners/melu_learner.h"
#include "core/learners/metacf_variants.h"

namespace metacf {
namespace {

// The other count-based baselines have no settings.
std::unique_ptr<Learner> make_baseline(const std::string& name, const nlohmann::json& /*config*/) {
  if (name == "pop") return std::make_unique<PopLearner>();
  if (name == "itemknn") return std::make_unique<ItemKnnLearner>();
  if (name == "itemknn_q") return std::make_unique<ItemKnnQLearner>();
  return nullptr;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

std::vector<std::string> baseline_learner_names() {
  return {"pop", "itemknn", "itemknn_q", "ease"};
}

std::vector<std::string> known_learner_names() {
  std::vector<std::string> names = baseline_learner_names();
  for (auto& n : trained_learner_names()) names.push_back(std::move(n));
  names.push_back("metacf_auto");
  return names;
}

std::vector<std::string> trained_learner_names() {
  std::vector<std::string> names{"metacf_g", "metacf_p_linear", "metacf_p_neural", "bpr", "melu"};
  for (auto& n : metacf_variant_names()) names.push_back(std::move(n));
  return names;
}

std::unique_ptr<Learner> make_learner(const std::string& name, const nlohmann::json& config) {
  const nlohmann::json cfg = config.is_null() ? nlohmann::json::object() : config;
  if (!cfg.is_object()) {
    throw std::invalid_argument("learner " + name + ": config must be a JSON object, got " +
                                cfg.dump());
  }
  try {
    if (auto metacf = make_metacf_learner(name, cfg)) return metacf;
    if (name == "melu") return std::make_unique<MeluLearner>(cfg.get<MetaConfig>());
    if (name == "bpr") return std::make_unique<BprLearner>(cfg.get<BprConfig>());
    if (name == "metacf_auto") return std::make_unique<AutoLearner>(cfg.get<AutoConfig>());
    if (name == "ease") return std::make_unique<EaseLearner>(cfg.get<EaseConfig>());
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument("learner " + name + ": bad config field type: " + e.what());
  }
  if (auto baseline = make_baseline(name, cfg)) return baseline;
  throw std::invalid_argument("unknown learner \"" + name + "\"; known learners: " +
                              joined(known_learner_names()));
}

}  // namespace metacf
