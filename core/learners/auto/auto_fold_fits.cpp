#include "core/learners/auto/auto_fold_fits.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <utility>

namespace metacf {

int fold_fit_concurrency(int fits) { return std::max(1, std::min(omp_get_max_threads(), fits)); }

std::vector<std::vector<std::unique_ptr<Learner>>> fit_every_fold(const FoldFitPlan& plan,
                                                                  const FitOne& fit,
                                                                  const FitDone& done,
                                                                  JobControl& job) {
  std::vector<std::vector<std::unique_ptr<Learner>>> fitted(static_cast<std::size_t>(plan.folds));
  for (auto& row : fitted) row.resize(plan.candidates);
  std::mutex reporting;
  auto run = [&](int fold, std::size_t candidate) {
    // A fit's reports reach `job` one at a time, whichever thread makes them.
    JobControl own(
        [&](const Progress& p) {
          const std::lock_guard lock(reporting);
          job.check();  // once stopped, no fit reports again
          job.report(p);
          return true;
        },
        job.cancel_flag());
    auto learner = fit(fold, candidate, own);
    {
      const std::lock_guard lock(reporting);
      job.check();
      done(fold, candidate, job);
    }
    fitted[static_cast<std::size_t>(fold)][candidate] = std::move(learner);
  };

  struct Pair {
    int fold;
    std::size_t candidate;
  };
  std::vector<Pair> later;
  for (std::size_t c = 0; c < plan.candidates; ++c) {
    const bool alone = c < plan.first_fold_alone.size() && plan.first_fold_alone[c];
    for (int f = 0; f < plan.folds; ++f) {
      if (alone && f == 0 && plan.concurrency > 1) {
        run(0, c);
      } else {
        later.push_back({f, c});
      }
    }
  }
  if (plan.concurrency <= 1) {
    // In fold order, as a plain loop over folds and candidates would fit them.
    std::stable_sort(later.begin(), later.end(),
                     [](const Pair& a, const Pair& b) { return a.fold < b.fold; });
    for (const auto& p : later) run(p.fold, p.candidate);
    return fitted;
  }

  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  const auto count = static_cast<std::int64_t>(later.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(plan.concurrency)
  for (std::int64_t i = 0; i < count; ++i) {
    if (stop.load(std::memory_order_relaxed)) continue;
    try {
      run(later[static_cast<std::size_t>(i)].fold, later[static_cast<std::size_t>(i)].candidate);
    } catch (...) {
      const std::lock_guard lock(reporting);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
  }
  if (failure) std::rethrow_exception(failure);
  job.check();
  return fitted;
}

}  // namespace metacf
