#include "core/learners/auto/auto_shared_validation.h"

#include <cstring>

#include "core/util/json_text.h"

namespace metacf {
namespace {

// Everything that restores the learner beside the run's item matrix, as one byte string.
std::string state_key(const Learner& learner) {
  std::string key = learner.name();
  key += '\n';
  key += json_text(learner.config());
  for (const auto& t : learner.parameters()) {
    key += '\n';
    key += t.name;
    key += ' ' + std::to_string(t.rows) + ' ' + std::to_string(t.cols) + ' ';
    const std::size_t at = key.size();
    key.resize(at + t.values.size() * sizeof(float));
    std::memcpy(key.data() + at, t.values.data(), t.values.size() * sizeof(float));
  }
  return key;
}

bool same_task(const Task& a, const Task& b) {
  return a.user == b.user && a.support == b.support && a.query == b.query;
}

}  // namespace

SharedValidation::SharedValidation(std::span<const Task> users, EvaluationOptions options)
    : users_(users), options_(options) {
  for (std::size_t i = 0; i < users_.size(); ++i) position_of_user_.emplace(users_[i].user, i);
}

std::size_t SharedValidation::states_ranked() const {
  const std::lock_guard lock(mutex_);
  return by_state_.size();
}

const std::vector<RankingMetrics>& SharedValidation::per_user(const Learner& learner,
                                                              JobControl& job) {
  const std::string key = state_key(learner);
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = by_state_.find(key); it != by_state_.end()) return it->second;
  }
  // Ranked outside the lock: two folds asking for one state at once both rank it, and agree.
  auto metrics = evaluate(learner, users_, options_, &job).per_user;
  const std::lock_guard lock(mutex_);
  return by_state_.emplace(key, std::move(metrics)).first->second;
}

ValidationScore SharedValidation::score(const Learner& learner, std::span<const Task> tasks,
                                        JobControl& job) {
  for (const Task& task : tasks) {
    const auto it = position_of_user_.find(task.user);
    if (it == position_of_user_.end() || !same_task(users_[it->second], task)) {
      const Evaluation e = evaluate(learner, tasks, options_, &job);
      return {e.hr, e.ndcg};
    }
  }
  const auto& metrics = per_user(learner, job);
  // The sums and the division of evaluate(), in task order.
  ValidationScore out;
  for (const Task& task : tasks) {
    const RankingMetrics& m = metrics[position_of_user_.at(task.user)];
    out.hr += m.hr;
    out.ndcg += m.ndcg;
  }
  if (!tasks.empty()) {
    out.hr /= static_cast<double>(tasks.size());
    out.ndcg /= static_cast<double>(tasks.size());
  }
  return out;
}

}  // namespace metacf
