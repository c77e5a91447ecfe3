#include "core/simulate/learner_preselection.h"

#include "core/experiment/learner_registry.h"

namespace metacf {
namespace {

const std::vector<std::string> kPreferredMain{"metacf_p_neural", "metacf_p_linear", "metacf_g",
                                              "melu", "bpr"};
const std::vector<std::string> kPreferredCompare{"bpr", "pop", "itemknn", "itemknn_q", "melu"};

std::optional<std::size_t> first_named(const std::vector<StoredLearnerKey>& stored,
                                       const std::vector<std::string>& names,
                                       const std::string& avoid) {
  for (const auto& name : names) {
    if (name == avoid) continue;
    for (std::size_t i = 0; i < stored.size(); ++i) {
      if (stored[i].name == name) return i;
    }
  }
  return std::nullopt;
}

// Whether the learner meta-learns its start (MetaCF and its variants, MeLU): asked of the
// learner itself, so names the lists above do not know (variants) still sort sensibly.
bool meta_trains(const StoredLearnerKey& key) {
  try {
    return create_learner(key.name, nlohmann::json::object(), key.k, key.seed)->meta_trains();
  } catch (const std::exception&) {
    return false;  // a name this build does not know: no preference
  }
}

std::optional<std::size_t> first_where(const std::vector<StoredLearnerKey>& stored, bool meta,
                                       const std::string& avoid) {
  for (std::size_t i = 0; i < stored.size(); ++i) {
    if (stored[i].name != avoid && meta_trains(stored[i]) == meta) return i;
  }
  return std::nullopt;
}

}  // namespace

std::array<std::optional<std::size_t>, 2> preselect_simulator_learners(
    const std::vector<StoredLearnerKey>& stored, const std::string& remembered) {
  std::array<std::optional<std::size_t>, 2> out;
  if (stored.empty()) return out;
  out[0] = first_named(stored, kPreferredMain, {});
  if (!out[0]) out[0] = first_where(stored, true, {});
  if (!out[0]) out[0] = 0;
  const std::string& main = stored[*out[0]].name;
  if (!remembered.empty()) out[1] = first_named(stored, {remembered}, main);
  if (!out[1]) out[1] = first_named(stored, kPreferredCompare, main);
  if (!out[1]) out[1] = first_where(stored, false, main);
  for (std::size_t i = 0; !out[1] && i < stored.size(); ++i) {
    if (stored[i].name != main) out[1] = i;
  }
  return out;
}

}  // namespace metacf
