#include "core/learners/auto/auto_selection.h"

#include "core/learners/auto/auto_margin.h"

namespace metacf {

AutoChoice choose_blend(std::span<const Learner* const> candidates,
                        const std::vector<std::string>& names, std::span<const Task> tasks,
                        const SelectionOptions& options, JobControl& job) {
  const ScoredFold fold{{candidates.begin(), candidates.end()}, tasks};
  return choose_blend(std::span<const ScoredFold>(&fold, 1), names, options, job);
}

AutoChoice choose_blend(std::span<const ScoredFold> folds, const std::vector<std::string>& names,
                        const SelectionOptions& options, JobControl& job) {
  PooledScoring scoring(folds, names, options, job);
  const Eigen::Index users = scoring.users();
  // The groups the out-of-fold gain is measured on: the folds, or (one fold) users dealt round.
  const int groups = folds.size() > 1 ? static_cast<int>(folds.size()) : kSelectionGroups;
  std::vector<int> group(static_cast<std::size_t>(users));
  for (Eigen::Index u = 0; u < users; ++u) {
    group[static_cast<std::size_t>(u)] =
        folds.size() > 1 ? scoring.fold_of_user(u) : static_cast<int>(u % kSelectionGroups);
  }
  const BlendMetrics blends = [&](const std::vector<Eigen::Index>& members) -> const UserMetrics& {
    return scoring.blends(members);
  };
  const UserMetrics& singles = scoring.singles();
  const BlendDecision decision =
      decide_blend(singles, blends, group, groups, options.blend_size, options.min_gain_se);

  AutoChoice choice;
  choice.validation_users = users;
  for (std::size_t c = 0; c < names.size(); ++c) {
    const auto i = static_cast<Eigen::Index>(c);
    choice.candidates.push_back({names[c], 0.0, users ? singles.hr.col(i).mean() : 0.0,
                                 users ? singles.ndcg.col(i).mean() : 0.0});
  }
  const BlendPick& best = decision.best;
  const auto single = static_cast<std::size_t>(best.members.front());
  BlendMargin margin;
  margin.weights.assign(names.size(), 0.0);
  margin.weights[single] = 1.0;
  if (best.point != 0) {
    const auto& weights = scoring.grid(best.members.size())[static_cast<std::size_t>(best.point)];
    margin.weights.assign(names.size(), 0.0);
    for (std::size_t j = 0; j < best.members.size(); ++j)
      margin.weights[static_cast<std::size_t>(best.members[j])] = weights[j];
  }
  margin.pooled_gain = decision.pooled.mean;
  margin.pooled_se = decision.pooled.se;
  margin.crossed_gain = decision.crossed.mean;
  margin.crossed_se = decision.crossed.se;
  margin.min_gain_se = options.min_gain_se;
  margin.measured = decision.measured;
  margin.blend = decision.blend;
  if (decision.blend) {
    const UserMetrics& chosen = scoring.blends(best.members);
    choice.hr = chosen.hr.col(best.point).mean();
    choice.ndcg = chosen.ndcg.col(best.point).mean();
    for (std::size_t c = 0; c < names.size(); ++c) choice.candidates[c].weight = margin.weights[c];
  } else {
    choice.hr = choice.candidates[single].hr;
    choice.ndcg = choice.candidates[single].ndcg;
    choice.candidates[single].weight = 1.0;
  }
  choice.margin = std::move(margin);
  return choice;
}

}  // namespace metacf
