#include "core/experiment/learner_registry.h"

#include <stdexcept>

#include "core/learners/itemknn_learner.h"
#include "core/learners/itemknn_q_learner.h"
#include "core/learners/pop_learner.h"

namespace metacf {

std::vector<std::string> known_learners() {
  return {"pop", "itemknn", "itemknn_q"};
}

std::unique_ptr<Learner> create_learner(const std::string& name, const nlohmann::json& overrides,
                                        int k, std::uint64_t seed) {
  (void)overrides;
  (void)k;
  (void)seed;
  if (name == "pop") return std::make_unique<PopLearner>();
  if (name == "itemknn") return std::make_unique<ItemKnnLearner>();
  if (name == "itemknn_q") return std::make_unique<ItemKnnQLearner>();
  std::string known;
  for (const auto& n : known_learners()) known += (known.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown learner '" + name + "' (known: " + known + ")");
}

}  // namespace metacf
