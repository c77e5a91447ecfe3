#include "core/simulate/learner_preselection.h"

#include "core/learners/registry.h"

namespace metacf {
namespace {

std::optional<std::size_t> index_of(const std::vector<StoredLearnerKey>& stored,
                                    const std::string& name) {
  if (name.empty()) return std::nullopt;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    if (stored[i].name == name) return i;
  }
  return std::nullopt;
}

}  // namespace

std::array<std::optional<std::size_t>, 2> preselect_simulator_learners(
    const std::vector<StoredLearnerKey>& stored, const std::string& remembered) {
  std::array<std::optional<std::size_t>, 2> out;
  if (stored.empty()) return out;
  std::vector<std::string> names;
  for (const auto& key : stored) names.push_back(key.name);
  out[0] = index_of(stored, preferred_simulator_learner(names));
  if (!out[0]) out[0] = 0;
  const std::string& main = stored[*out[0]].name;
  if (remembered != main) out[1] = index_of(stored, remembered);
  if (!out[1]) out[1] = index_of(stored, preferred_comparison_learner(names, main));
  for (std::size_t i = 0; !out[1] && i < stored.size(); ++i) {
    if (stored[i].name != main) out[1] = i;
  }
  return out;
}

}  // namespace metacf
