#include "core/train/pretrain_validation.h"

#include <algorithm>
#include <atomic>
#include <chrono>

#include "core/eval/blocked_ranking.h"
#include "core/model/dot_product_items.h"

namespace metacf {

namespace {

// Below this many user x item scores (MovieLens 100K: 236 x 1,682) one thread measures beside
// the training thread; above it (2,000 users x 57,750 items) both cores share the ranking.
constexpr double kParallelScores = 16.0 * 1024 * 1024;

// HR@10 / NDCG@10 of the held-out records, each user (row j of user_rows is validating[j])
// ranking the whole catalogue outside her training records; blocks of users share one pass
// over the items. On a large catalogue this is seconds of work, so each block of users first
// checks for cancellation.
RankingMetrics validate_users(const EmbeddingMatrix& user_rows, const EmbeddingMatrix& Q,
                              const std::vector<std::int32_t>& validating,
                              const std::vector<PretrainUser>& users, const JobControl& job) {
  constexpr std::int64_t kUsersPerBlock = 64;
  const DotProductItems items(Q);
  const auto n = static_cast<std::int64_t>(validating.size());
  std::vector<RankingMetrics> per_user(validating.size());
  const std::int64_t blocks = (n + kUsersPerBlock - 1) / kUsersPerBlock;
  const bool parallel = static_cast<double>(n) * static_cast<double>(Q.rows()) > kParallelScores;
  std::atomic<bool> stop{false};
#pragma omp parallel if (parallel)
  {
    Eigen::MatrixXf block_users(Q.cols(), kUsersPerBlock);
    std::vector<std::span<const std::int32_t>> excluded;
    std::vector<std::vector<std::int32_t>> tops;
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t block = 0; block < blocks; ++block) {
      if (stop.load(std::memory_order_relaxed) || job.cancelled()) {
        stop = true;  // no exception may leave an OpenMP region
        continue;
      }
      const std::int64_t first = block * kUsersPerBlock;
      const std::int64_t count = std::min(kUsersPerBlock, n - first);
      excluded.clear();
      for (std::int64_t j = 0; j < count; ++j) {
        block_users.col(j) = user_rows.row(first + j).transpose();
        const auto u = validating[static_cast<std::size_t>(first + j)];
        excluded.emplace_back(users[static_cast<std::size_t>(u)].train_sorted);
      }
      rank_users_blocked(items, block_users.leftCols(count), excluded, 10, tops);
      for (std::int64_t j = 0; j < count; ++j) {
        const auto& user =
            users[static_cast<std::size_t>(validating[static_cast<std::size_t>(first + j)])];
        per_user[static_cast<std::size_t>(first + j)] =
            ranking_metrics(tops[static_cast<std::size_t>(j)],
                            std::span<const std::int32_t>(&user.held_out, 1), 10);
      }
    }
  }
  if (stop) throw Cancelled();
  // Summed in user order so that the result does not depend on the thread count.
  RankingMetrics mean;
  for (const auto& m : per_user) {
    mean.hr += m.hr;
    mean.ndcg += m.ndcg;
  }
  if (n > 0) {
    mean.hr /= static_cast<double>(n);
    mean.ndcg /= static_cast<double>(n);
  }
  return mean;
}

}  // namespace

PretrainValidation::PretrainValidation(const std::vector<PretrainUser>& users) : users_(users) {
  for (std::size_t u = 0; u < users.size(); ++u) {
    if (users[u].held_out >= 0) validating_.push_back(static_cast<std::int32_t>(u));
  }
}

PretrainValidation::~PretrainValidation() {
  if (measuring_.valid()) measuring_.wait();
}

void PretrainValidation::start(int epoch, double loss, const EmbeddingMatrix& P,
                               const EmbeddingMatrix& Q, const JobControl& job) {
  if (measuring_.valid()) measuring_.wait();
  measured_.epoch = epoch;
  measured_.loss = loss;
  measured_.Q = Q;
  user_rows_.resize(static_cast<Eigen::Index>(validating_.size()), P.cols());
  for (std::size_t j = 0; j < validating_.size(); ++j) {
    user_rows_.row(static_cast<Eigen::Index>(j)) = P.row(validating_[j]);
  }
  measuring_ = std::async(std::launch::async, [this, &job] {
    measured_.val = validate_users(user_rows_, measured_.Q, validating_, users_, job);
  });
}

bool PretrainValidation::ready() const {
  return measuring_.valid() &&
         measuring_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

EpochVerdict PretrainValidation::take() {
  measuring_.get();
  return std::move(measured_);
}

}  // namespace metacf
