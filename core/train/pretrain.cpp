#include "core/train/pretrain.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/train/adam.h"
#include "core/train/divergence.h"
#include "core/train/mf_loss.h"
#include "core/train/pretrain_batches.h"
#include "core/train/pretrain_validation.h"
#include "core/util/all_finite.h"
#include "core/util/rng.h"

namespace metacf {

namespace {

void fill_normal(EmbeddingMatrix& m, double std, Rng& rng) {
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.normal() * std);
}

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
  void step(std::span<const LabelledPair> batch) {
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

// Pretraining's progress reports. Epoch e's verdict arrives while epoch e + 1 trains, after
// that epoch's reports within it: the fraction shown never moves back.
class PretrainReports {
 public:
  PretrainReports(JobControl& job, const PretrainConfig& config)
      : job_(job), config_(config), start_(std::chrono::steady_clock::now()) {}

  // An epoch over tens of millions of ratings takes a while: say how far it is.
  void within_epoch(int epoch, std::size_t batches, std::size_t batches_per_epoch,
                    double loss_sum) {
    Progress progress = base(epoch);
    progress.fraction =
        shown((epoch - 1 + static_cast<double>(batches) / static_cast<double>(batches_per_epoch)) /
              config_.max_epochs);
    progress.loss = loss_sum / static_cast<double>(batches);
    job_.report(progress);
  }

  void epoch_done(int epoch, double loss, const RankingMetrics& val) {
    Progress progress = base(epoch);
    progress.fraction = shown(static_cast<double>(epoch) / config_.max_epochs);
    progress.loss = loss;
    progress.val_hr = val.hr;
    progress.val_ndcg = val.ndcg;
    progress.epoch_done = true;
    job_.report(progress);
  }

 private:
  Progress base(int epoch) const {
    Progress progress;
    progress.stage = Stage::kPretrain;
    progress.epoch = epoch;
    progress.epochs = config_.max_epochs;
    progress.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    return progress;
  }
  double shown(double fraction) { return shown_ = std::max(shown_, fraction); }

  JobControl& job_;
  const PretrainConfig& config_;
  std::chrono::steady_clock::time_point start_;
  double shown_ = 0;
};

// Stops on a mean loss per pair that is not finite or past kDivergedLossPerPair, or on
// embeddings that are not finite.
void check_epoch(int epoch, double loss, const Factors& f) {
  if (!std::isfinite(loss) || loss > kDivergedLossPerPair || !all_finite(f.Q) || !all_finite(f.P)) {
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
  PretrainReports reports(job, config);
  // Takes the verdict on an epoch; true when it ends the pretraining.
  const auto settle = [&](EpochVerdict verdict) {
    result.epochs_run = verdict.epoch;
    const RankingMetrics& val = verdict.val;
    if (val.hr > best_hr || (val.hr == best_hr && val.ndcg > best_ndcg)) {
      best_hr = val.hr;
      best_ndcg = val.ndcg;
      best_q = std::move(verdict.Q);
      result.best_epoch = verdict.epoch;
      since_best = 0;
    } else {
      ++since_best;
    }
    reports.epoch_done(verdict.epoch, verdict.loss, val);
    return since_best >= config.patience;
  };

  BatchDrawer drawer(std::move(positives), users, config.negatives, num_items,
                     static_cast<std::size_t>(config.batch_size), rng.fork(3));
  const std::size_t batches_per_epoch = drawer.batches_per_epoch();
  PretrainValidation validation(users);
  BatchesAhead batches(drawer);
  bool stopped = false;
  for (int epoch = 1; epoch <= config.max_epochs && !stopped; ++epoch) {
    double loss_sum = 0;
    std::size_t done = 0;
    for (bool epoch_over = false; !epoch_over && !stopped;) {
      const BatchChunk& chunk = batches.next();
      for (std::size_t b = 0; b < chunk.batches(); ++b) {
        job.check();
        const auto batch = chunk.batch(b);
        loss_sum += mf_loss_and_gradient(f.P, f.Q, batch, config.l2, f.grad_p, f.grad_q);
        f.step(batch);
        ++done;
      }
      epoch_over = chunk.ends_epoch;
      if (!epoch_over) {
        reports.within_epoch(epoch, done, batches_per_epoch, loss_sum);
        // A verdict that arrives mid-epoch ends a long epoch early rather than at its end.
        if (validation.ready()) stopped = settle(validation.take());
      }
    }
    if (stopped) break;
    // The previous epoch's verdict comes first: had it stopped the pretraining, this epoch
    // would not have counted, diverged or not.
    if (validation.pending() && settle(validation.take())) break;
    const double loss = loss_sum / static_cast<double>(std::max<std::size_t>(done, 1));
    check_epoch(epoch, loss, f);
    validation.start(epoch, loss, f.P, f.Q, job);
  }
  if (!stopped && validation.pending()) settle(validation.take());
  result.Q = best_q;  // row-major -> column-major copy, the layout the learners use
  result.best_val_hr = best_hr;
  result.best_val_ndcg = best_ndcg;
  return result;
}

}  // namespace metacf
