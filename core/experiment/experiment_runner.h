#pragma once
// Runs the three-stage protocol for every seed, learner and K of an experiment, and hands
// each curve point, fitted learner and result to an observer (the store, the UI) as it comes.
#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/eval/ranking.h"
#include "core/experiment/experiment_config.h"
#include "core/model/learner.h"
#include "core/store/curve_point.h"
#include "core/train/pretrain.h"
#include "core/util/job.h"

namespace metacf {

struct ResultRecord {
  std::string learner;
  int k = 0;
  std::optional<int> support_size;  // Fig. 2 rows; empty for the natural support
  std::uint64_t seed = 0;
  Protocol protocol = Protocol::kFull;
  double hr = 0;    // HR@top_n
  double ndcg = 0;  // NDCG@top_n
  std::int64_t users = 0;
  std::int64_t skipped_users = 0;     // Fig. 2: users with too few records for this support size
  double fit_seconds = 0;             // training wall time, validation excluded
  std::optional<double> tasks_per_s;  // meta-training tasks per second; none without meta-training
  double serve_us_median = 0;
  // Sampled protocol: users whose every unrated item was ranked (sampled_candidates reached
  // their number); 0 for full ranking.
  std::int64_t all_candidates_users = 0;
  std::vector<RankingMetrics> per_user;  // task order: pairs with other learners' rows
  std::vector<std::string> user_ids;     // per_user's users: the data set's own ids, as loaded
};

class ExperimentObserver {
 public:
  virtual ~ExperimentObserver() = default;
  virtual void on_split(std::uint64_t /*seed*/, const Split& /*split*/) {}
  virtual void on_item_embeddings(std::uint64_t /*seed*/, const Eigen::MatrixXf& /*Q*/) {}
  virtual void on_curve_point(const CurvePoint& /*point*/) {}
  virtual void on_learner_fitted(std::uint64_t /*seed*/, int /*k*/, const Learner& /*learner*/) {}
  virtual void on_result(const ResultRecord& /*result*/) {}
};

// Inputs that replace a stage: a published split instead of a random one, item embeddings
// trained elsewhere instead of pretraining.
struct ExperimentInputs {
  const Dataset& data;
  const Split* fixed_split = nullptr;
  const Eigen::MatrixXf* fixed_item_embeddings = nullptr;
};

std::vector<ResultRecord> run_experiment(const ExperimentInputs& inputs,
                                         const ExperimentConfig& config, JobControl& job,
                                         ExperimentObserver* observer = nullptr);

// Fig. 2: the same users and query items, with the support fixed to `size` records drawn from
// each user's records outside her query. Users without enough records are skipped and counted.
std::vector<Task> tasks_with_support_size(const Dataset& data, std::span<const Task> tasks,
                                          int size, std::uint64_t seed, std::int64_t& skipped);

// count tasks spread evenly over `tasks` (all of them when count >= their number; at least one
// when there is any).
std::vector<Task> evenly_spaced(std::span<const Task> tasks, std::int64_t count);

}  // namespace metacf
