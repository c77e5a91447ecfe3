#pragma once
// metacf_auto's cross-fitting: every candidate fitted once per fold. The fits are independent
// (each on its own copy of the split, reading the shared data set and item matrix), so they run
// side by side, `concurrency` at a time, each fit's own parallel loops then running on one
// thread: the many short parallel regions of meta-training (one per meta-batch) wait far less
// this way, and serial parts (an incomplete Cholesky factor) overlap. Every learner's results
// are independent of its thread count, so the fits are the same as one after another.
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "core/model/learner.h"

namespace metacf {

struct FoldFitPlan {
  int folds = 1;
  std::size_t candidates = 0;
  // Candidates whose fold-0 fit runs alone first, on every thread: their validation is shared
  // between folds (SharedValidation), so the other folds then find it done.
  std::vector<bool> first_fold_alone;
  int concurrency = 1;  // fits at once; 1: one after another in fold order
};

// Fits candidate `candidate` on fold `fold`, reporting through `job` (safe to call from any
// thread: reports are serialised).
using FitOne =
    std::function<std::unique_ptr<Learner>(int fold, std::size_t candidate, JobControl& job)>;
// Called after each fit, serialised like the reports.
using FitDone = std::function<void(int fold, std::size_t candidate, JobControl& job)>;

// fitted[fold][candidate]. Throws the first fit's exception (Cancelled when cancelled) once the
// fits under way have stopped.
std::vector<std::vector<std::unique_ptr<Learner>>> fit_every_fold(const FoldFitPlan& plan,
                                                                  const FitOne& fit,
                                                                  const FitDone& done,
                                                                  JobControl& job);

// Fits at once: the threads available, at most one per fit that can run side by side (one per
// fold, or per refitted candidate).
int fold_fit_concurrency(int fits);

}  // namespace metacf
