#include "core/experiment/auto_choice_lines.h"

#include "core/learners/auto/auto_choice.h"
#include "core/learners/registry.h"

namespace metacf {

std::vector<std::string> auto_choice_lines(ExperimentStore& store, std::int64_t run_id) {
  std::vector<std::string> lines;
  for (const auto& stored : store.stored_parameters(run_id)) {
    if (!is_known_learner(stored.learner)) continue;  // a name no longer known
    const LearnerDescriptor& learner = describe_learner(stored.learner);
    const std::string which =
        " (seed " + std::to_string(stored.seed) + ", K=" + std::to_string(stored.k) + "): ";
    if (learner.fit_note) {
      const auto tensors = store.load_parameters(run_id, stored.learner, stored.seed, stored.k);
      if (const auto note = learner.fit_note(tensors))
        lines.push_back(stored.learner + which + *note);
      continue;
    }
    // The learners that choose among others (metacf_auto).
    if (learner.family != LearnerFamily::kEnsemble) continue;
    const auto tensors = store.load_parameters(run_id, stored.learner, stored.seed, stored.k);
    const auto choice = choice_from_tensors(tensors);
    if (!choice) continue;
    lines.push_back(stored.learner + which + choice->summary());
  }
  return lines;
}

}  // namespace metacf
