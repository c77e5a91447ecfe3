#pragma once
// Pretraining's early stopping measures HR@10 of each validation user's held-out record after
// every epoch. The measurement reads a copy of the factors, so it runs on another thread while
// the next epoch trains; the verdict on epoch e is taken before epoch e + 1 may count, so the
// epochs run, the best epoch and its Q are those of measuring in line.
#include <future>
#include <vector>

#include "core/eval/ranking.h"
#include "core/train/mf_loss.h"
#include "core/train/pretrain_batches.h"
#include "core/util/job.h"

namespace metacf {

struct EpochVerdict {
  int epoch = 0;
  double loss = 0;  // mean training loss per pair of the epoch
  RankingMetrics val;
  EmbeddingMatrix Q;  // the item factors that were measured
};

class PretrainValidation {
 public:
  // `users` must outlive this object.
  explicit PretrainValidation(const std::vector<PretrainUser>& users);
  ~PretrainValidation();  // waits for a measurement in flight
  PretrainValidation(const PretrainValidation&) = delete;
  PretrainValidation& operator=(const PretrainValidation&) = delete;

  // Starts measuring P and Q as they are now (copied first); one measurement at a time.
  void start(int epoch, double loss, const EmbeddingMatrix& P, const EmbeddingMatrix& Q,
             const JobControl& job);
  [[nodiscard]] bool pending() const { return measuring_.valid(); }
  [[nodiscard]] bool ready() const;
  // Waits for the measurement; rethrows Cancelled when the job was cancelled during it.
  EpochVerdict take();

 private:
  const std::vector<PretrainUser>& users_;
  std::vector<std::int32_t> validating_;  // users with a held-out record, in order
  EpochVerdict measured_;
  EmbeddingMatrix user_rows_;  // P's rows of validating_, copied
  std::future<void> measuring_;
};

}  // namespace metacf
