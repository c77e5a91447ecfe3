#include "core/experiment/auto_choice_lines.h"

#include "core/learners/auto_choice.h"
#include "core/learners/registry.h"

namespace metacf {

std::vector<std::string> auto_choice_lines(ExperimentStore& store, std::int64_t run_id) {
  std::vector<std::string> lines;
  for (const auto& stored : store.stored_parameters(run_id)) {
    // The learners that choose among others (metacf_auto); a name no longer known is skipped.
    if (!is_known_learner(stored.learner) ||
        describe_learner(stored.learner).family != LearnerFamily::kEnsemble) {
      continue;
    }
    const auto tensors = store.load_parameters(run_id, stored.learner, stored.seed, stored.k);
    const auto choice = choice_from_tensors(tensors);
    if (!choice) continue;
    lines.push_back(stored.learner + " (seed " + std::to_string(stored.seed) + ", K=" +
                    std::to_string(stored.k) + "): " + choice->summary());
  }
  return lines;
}

}  // namespace metacf
