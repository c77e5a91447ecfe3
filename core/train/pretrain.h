#pragma once
// Stage 1: matrix factorisation on the pretraining users' histories; its item matrix Q is
// frozen for every later stage.
#include <Eigen/Core>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/data/dataset.h"
#include "core/split/split.h"
#include "core/util/job.h"

namespace metacf {

struct PretrainConfig {
  // Ranges and docs: pretrain_config.cpp.
  int dim = 32;
  double lr = 5e-3;
  double l2 = 1e-2;
  int batch_size = 1024;
  int negatives = 3;
  int max_epochs = 200;
  int patience = 10;
  double init_std = 0.1;
  // Each validation ranks the whole catalogue per user: on Amazon-sized data 2,000 users
  // measure HR@10 as well as 18,000 at a ninth of the cost; the others train on all records.
  int max_validation_users = 2000;
  std::uint64_t seed = 1;

  void validate() const;  // throws std::invalid_argument naming the field and its range
};
void to_json(nlohmann::json& j, const PretrainConfig& c);
// Unknown keys are errors naming them; missing keys take their defaults.
void from_json(const nlohmann::json& j, PretrainConfig& c);
template <class C>
class ConfigSchema;
// Its fields: keys, ranges, defaults and docs (core/config/config_schema.h).
const ConfigSchema<PretrainConfig>& pretrain_config_schema();

struct PretrainResult {
  Eigen::MatrixXf Q;  // N x D, the item matrix at the best validation epoch
  int best_epoch = 0;
  int epochs_run = 0;
  double best_val_hr = 0;
  double best_val_ndcg = 0;
  std::int64_t validation_users = 0;
};

// Holds out one record per pretraining user (with >= 2 records) for validation and early
// stopping. Negatives are drawn outside each user's *training* records only: excluding the
// held-out item too would leak it and inflate validation HR. Reports one epoch_done Progress per
// epoch, and within an epoch of many batches one every 64 batches (epoch_done false).
PretrainResult pretrain(const Dataset& data, const Split& split, const PretrainConfig& config,
                        JobControl& job);

}  // namespace metacf
