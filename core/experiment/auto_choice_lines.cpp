#include "core/experiment/auto_choice_lines.h"

#include "core/learners/auto_choice.h"
#include "core/learners/ease_learner.h"

namespace metacf {

std::vector<std::string> auto_choice_lines(ExperimentStore& store, std::int64_t run_id) {
  std::vector<std::string> lines;
  for (const auto& stored : store.stored_parameters(run_id)) {
    if (stored.learner == "ease") {
      const auto tensors = store.load_parameters(run_id, stored.learner, stored.seed, stored.k);
      if (const auto solve = ease_solve_from_tensors(tensors)) {
        lines.push_back("ease (seed " + std::to_string(stored.seed) + ", K=" + std::to_string(stored.k) +
                        "): " + solve->summary());
      }
      continue;
    }
    if (stored.learner != "metacf_auto") continue;
    const auto tensors = store.load_parameters(run_id, stored.learner, stored.seed, stored.k);
    const auto choice = choice_from_tensors(tensors);
    if (!choice) continue;
    lines.push_back("metacf_auto (seed " + std::to_string(stored.seed) + ", K=" +
                    std::to_string(stored.k) + "): " + choice->summary());
  }
  return lines;
}

}  // namespace metacf
