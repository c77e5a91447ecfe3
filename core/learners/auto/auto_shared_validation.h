#pragma once
// metacf_auto's validation of candidates that tune on the meta-training users they are fitted
// with (bpr's step size): every fold asks for the same learner state scored on a different
// subset of the same users, and a user's metrics depend only on the learner's state, her task
// and her own random stream (core/eval/evaluator.h). So each state is ranked once on every
// meta-training user and a fold's score is the mean over its users, summed in the same order
// as evaluate() sums them: the same number, without ranking a user once per fold.
#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/eval/evaluator.h"
#include "core/model/learner.h"

namespace metacf {

class SharedValidation {
 public:
  // `users`: every meta-training user's task; the folds' users are subsets of them, in order.
  SharedValidation(std::span<const Task> users, EvaluationOptions options);

  // HR and NDCG of `learner` on `tasks`, as evaluate(learner, tasks, options) computes them.
  // A learner state is known by its name, configuration and parameters (what restores it,
  // with the run's item matrix); tasks not among `users` are ranked directly. Thread-safe.
  ValidationScore score(const Learner& learner, std::span<const Task> tasks, JobControl& job);

  // Learner states ranked so far (each on every user once).
  [[nodiscard]] std::size_t states_ranked() const;

 private:
  const std::vector<RankingMetrics>& per_user(const Learner& learner, JobControl& job);

  std::span<const Task> users_;
  EvaluationOptions options_;
  std::unordered_map<std::int32_t, std::size_t> position_of_user_;
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<RankingMetrics>> by_state_;
};

}  // namespace metacf
