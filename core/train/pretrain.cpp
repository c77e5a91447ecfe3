#include "core/train/pretrain.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/eval/blocked_ranking.h"
#include "core/eval/ranking.h"
#include "core/model/dot_product_items.h"
#include "core/train/adam.h"
#include "core/train/divergence.h"
#include "core/train/mf_loss.h"
#include "core/train/negatives.h"
#include "core/util/rng.h"

namespace metacf {

namespace {

struct PretrainUser {
  std::vector<std::int32_t> train_sorted;  // training records, ascending
  std::int32_t held_out = -1;              // validation record, or -1
};

void fill_normal(EmbeddingMatrix& m, double std, Rng& rng) {
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.normal() * std);
}

// HR@10 / NDCG@10 of the held-out records, each user ranking the whole catalogue outside her
// training records; blocks of users share one pass over the items.
// Every held-out user against every item: on a large catalogue this is seconds of work, so
// each block of users first checks for cancellation.
RankingMetrics validate_users(const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
                              const std::vector<PretrainUser>& users, const JobControl& job) {
  constexpr std::int64_t kUsersPerBlock = 64;
  std::vector<std::int32_t> validating;
  for (std::size_t u = 0; u < users.size(); ++u) {
    if (users[u].held_out >= 0) validating.push_back(static_cast<std::int32_t>(u));
  }
  const DotProductItems items(Q);
  const auto n = static_cast<std::int64_t>(validating.size());
  std::vector<RankingMetrics> per_user(validating.size());
  const std::int64_t blocks = (n + kUsersPerBlock - 1) / kUsersPerBlock;
  std::atomic<bool> stop{false};
#pragma omp parallel
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
        const auto u = validating[static_cast<std::size_t>(first + j)];
        block_users.col(j) = P.row(u).transpose();
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

// Batches between progress reports inside an epoch: 64 batches of 1,024 positives (the default)
// take about 0.2 s at D = 32, so a long epoch moves a progress bar several times a second and a
// short one reports only its end.
constexpr std::size_t kBatchesPerReport = 64;

// The distinct rows a batch touches, in first-touch order, for the lazy Adam steps.
class TouchedRows {
 public:
  explicit TouchedRows(Eigen::Index rows) : marked_(static_cast<std::size_t>(rows), 0) {}
  void add(std::int32_t row) {
    if (marked_[static_cast<std::size_t>(row)]) return;
    marked_[static_cast<std::size_t>(row)] = 1;
    rows_.push_back(row);
  }
  [[nodiscard]] std::span<const std::int32_t> rows() const { return rows_; }
  // Zeroes the touched rows of grad (so it is all zero again) and forgets them.
  void clear(EmbeddingMatrix& grad) {
    for (auto r : rows_) {
      grad.row(r).setZero();
      marked_[static_cast<std::size_t>(r)] = 0;
    }
    rows_.clear();
  }

 private:
  std::vector<char> marked_;
  std::vector<std::int32_t> rows_;
};

// The factorisation being trained: P and Q, their gradients (zero outside the rows of the
// current batch) and Adam on the rows a batch touches.
struct Factors {
  Factors(std::int32_t users, std::int32_t items, const PretrainConfig& config, Rng& init_rng)
      : P(users, config.dim),
        Q(items, config.dim),
        grad_p(EmbeddingMatrix::Zero(P.rows(), P.cols())),
        grad_q(EmbeddingMatrix::Zero(Q.rows(), Q.cols())),
        touched_p(P.rows()),
        touched_q(Q.rows()),
        adam_p(P.size(), AdamConfig{.lr = config.lr}),
        adam_q(Q.size(), AdamConfig{.lr = config.lr}) {
    fill_normal(P, config.init_std, init_rng);
    fill_normal(Q, config.init_std, init_rng);
  }

  // Lazy Adam: a batch of 1,024 positives touches a few thousand of the rows, and a dense
  // step over every row of P and Q was most of the pretraining time on large catalogues.
  void step(const std::vector<LabelledPair>& batch) {
    for (const auto& pair : batch) {
      touched_p.add(pair.user);
      touched_q.add(pair.item);
    }
    adam_p.step_rows(P.data(), grad_p.data(), P.cols(), touched_p.rows());
    adam_q.step_rows(Q.data(), grad_q.data(), Q.cols(), touched_q.rows());
    touched_p.clear(grad_p);
    touched_q.clear(grad_q);
  }

  EmbeddingMatrix P, Q;
  EmbeddingMatrix grad_p, grad_q;
  TouchedRows touched_p, touched_q;
  Adam adam_p, adam_q;
};

// The pretraining users' training records, sorted; each of the first max_validation_users
// who have two or more holds one out for validation. Every training record is a positive.
std::vector<PretrainUser> pretrain_users(const Dataset& data, const Split& split,
                                         const PretrainConfig& config, const Rng& rng,
                                         std::vector<LabelledPair>& positives) {
  const auto num_users = static_cast<std::int32_t>(split.pretrain_users.size());
  std::vector<PretrainUser> users(static_cast<std::size_t>(num_users));
  Rng holdout_rng = rng.fork(1);
  int validating = 0;
  for (std::int32_t u = 0; u < num_users; ++u) {
    const auto records = data.items_of(split.pretrain_users[static_cast<std::size_t>(u)]);
    auto& user = users[static_cast<std::size_t>(u)];
    user.train_sorted.assign(records.begin(), records.end());
    if (user.train_sorted.size() >= 2 && validating < config.max_validation_users) {
      ++validating;
      const auto pick = holdout_rng.uniform_index(user.train_sorted.size());
      user.held_out = user.train_sorted[pick];
      user.train_sorted.erase(user.train_sorted.begin() + static_cast<std::ptrdiff_t>(pick));
    }
    std::sort(user.train_sorted.begin(), user.train_sorted.end());
    for (auto v : user.train_sorted) positives.push_back({u, v, 1.0f});
  }
  return users;
}

// Positives [begin, end) of the shuffled list, each followed by its sampled negatives.
void fill_batch(std::vector<LabelledPair>& batch, const std::vector<LabelledPair>& positives,
                std::size_t begin, std::size_t end, int negatives, std::int32_t num_items,
                const std::vector<PretrainUser>& users, Rng& rng) {
  batch.clear();
  for (std::size_t i = begin; i < end; ++i) {
    const auto& pos = positives[i];
    batch.push_back(pos);
    for (int k = 0; k < negatives; ++k) {
      const auto v =
          sample_negative(rng, num_items, users[static_cast<std::size_t>(pos.user)].train_sorted);
      if (v >= 0) batch.push_back({pos.user, v, 0.0f});
    }
  }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// An epoch over tens of millions of ratings takes a while: say how far it is.
void report_within_epoch(JobControl& job, const PretrainConfig& config, int epoch,
                         std::size_t batches, std::size_t batches_per_epoch, double loss_sum,
                         std::chrono::steady_clock::time_point start) {
  Progress progress;
  progress.stage = Stage::kPretrain;
  progress.epoch = epoch;
  progress.epochs = config.max_epochs;
  progress.fraction =
      (epoch - 1 + static_cast<double>(batches) / static_cast<double>(batches_per_epoch)) /
      config.max_epochs;
  progress.loss = loss_sum / static_cast<double>(batches);
  progress.wall_seconds = seconds_since(start);
  job.report(progress);
}

void report_epoch(JobControl& job, const PretrainConfig& config, int epoch, double loss,
                  const RankingMetrics& val, std::chrono::steady_clock::time_point start) {
  Progress progress;
  progress.stage = Stage::kPretrain;
  progress.epoch = epoch;
  progress.epochs = config.max_epochs;
  progress.fraction = static_cast<double>(epoch) / config.max_epochs;
  progress.loss = loss;
  progress.val_hr = val.hr;
  progress.val_ndcg = val.ndcg;
  progress.epoch_done = true;
  progress.wall_seconds = seconds_since(start);
  job.report(progress);
}

// Stops on a mean loss per pair that is not finite or past kDivergedLossPerPair, or on
// embeddings that are not finite.
void check_epoch(int epoch, double loss, const Factors& f) {
  if (!std::isfinite(loss) || loss > kDivergedLossPerPair || !f.Q.allFinite() || !f.P.allFinite()) {
    throw Diverged("pretraining diverged at epoch " + std::to_string(epoch) + " (mean loss " +
                   std::to_string(loss) + " per pair is NaN/inf or past " +
                   std::to_string(kDivergedLossPerPair) + "): try a smaller lr");
  }
}

}  // namespace

PretrainResult pretrain(const Dataset& data, const Split& split, const PretrainConfig& config,
                        JobControl& job) {
  config.validate();
  if (split.pretrain_users.empty()) {
    throw std::invalid_argument("pretraining: the split has no pretraining users");
  }
  Rng rng(config.seed);
  const std::int32_t num_items = data.num_items();
  const auto num_users = static_cast<std::int32_t>(split.pretrain_users.size());

  std::vector<LabelledPair> positives;
  const std::vector<PretrainUser> users = pretrain_users(data, split, config, rng, positives);
  Rng init_rng = rng.fork(2);
  Factors f(num_users, num_items, config, init_rng);

  PretrainResult result;
  result.validation_users = std::count_if(users.begin(), users.end(),
                                          [](const PretrainUser& u) { return u.held_out >= 0; });
  EmbeddingMatrix best_q = f.Q;
  double best_hr = -1, best_ndcg = -1;
  int since_best = 0;
  const auto start = std::chrono::steady_clock::now();
  Rng epoch_rng = rng.fork(3);
  std::vector<LabelledPair> batch;
  const auto batch_size = static_cast<std::size_t>(config.batch_size);
  const std::size_t batches_per_epoch = (positives.size() + batch_size - 1) / batch_size;

  for (int epoch = 1; epoch <= config.max_epochs; ++epoch) {
    epoch_rng.shuffle(std::span<LabelledPair>(positives));
    double loss_sum = 0;
    std::size_t batches = 0;
    for (std::size_t begin = 0; begin < positives.size(); begin += batch_size) {
      job.check();
      fill_batch(batch, positives, begin, std::min(positives.size(), begin + batch_size),
                 config.negatives, num_items, users, epoch_rng);
      loss_sum += mf_loss_and_gradient(f.P, f.Q, batch, config.l2, f.grad_p, f.grad_q);
      ++batches;
      f.step(batch);
      if (batches % kBatchesPerReport == 0 && batches < batches_per_epoch) {
        report_within_epoch(job, config, epoch, batches, batches_per_epoch, loss_sum, start);
      }
    }
    const double loss = loss_sum / static_cast<double>(std::max<std::size_t>(batches, 1));
    check_epoch(epoch, loss, f);
    const RankingMetrics val = validate_users(f.P, f.Q, users, job);
    result.epochs_run = epoch;
    if (val.hr > best_hr || (val.hr == best_hr && val.ndcg > best_ndcg)) {
      best_hr = val.hr;
      best_ndcg = val.ndcg;
      best_q = f.Q;
      result.best_epoch = epoch;
      since_best = 0;
    } else {
      ++since_best;
    }
    report_epoch(job, config, epoch, loss, val, start);
    if (since_best >= config.patience) break;
  }
  result.Q = best_q;  // row-major -> column-major copy, the layout the learners use
  result.best_val_hr = best_hr;
  result.best_val_ndcg = best_ndcg;
  return result;
}

}  // namespace metacf
