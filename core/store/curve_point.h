#pragma once
// One finished epoch of one stage: the same series feeds the live charts and the store.
#include <cmath>
#include <cstdint>
#include <string>

#include "core/util/job.h"

namespace metacf {

// NaN means "not measured this epoch" (as in Progress) and is stored as NULL.
struct CurvePoint {
  Stage stage = Stage::kOther;  // pretraining, tuning or meta-training
  std::string learner;          // empty for pretraining
  int epoch = 0;
  double loss = std::nan("");
  double val_hr = std::nan("");
  double val_ndcg = std::nan("");
  double wall_seconds = 0;
  std::uint64_t seed = 0;
  int k = 0;  // the learner's local steps; 0 for pretraining
};

// The curve point an epoch_done progress report stands for.
CurvePoint curve_point(const Progress& progress);

}  // namespace metacf
