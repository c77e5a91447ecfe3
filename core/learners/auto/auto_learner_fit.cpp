#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "core/eval/evaluator.h"
#include "core/learners/auto/auto_fold_fits.h"
#include "core/learners/auto/auto_folds.h"
#include "core/learners/auto/auto_learner.h"
#include "core/learners/auto/auto_selection.h"
#include "core/learners/auto/auto_shared_validation.h"
#include "core/learners/registry.h"
#include "core/split/task_redraws.h"

// metacf_auto's fit: the folds' fits, the choice, and the refits of what it serves.

namespace metacf {
namespace {

// Its own validation slice must not coincide with the runner's held-out share.
constexpr std::uint64_t kSliceStream = 0xa0705e1ec7;
constexpr std::uint64_t kSelectionStream = 0x5e1ec7;
constexpr int kTopN = 10;

// Forwards one phase of fit() (a candidate's training) as part of metacf_auto's progress.
JobControl phase_job(JobControl& job, int phase, int phases, const std::string& what,
                     const std::string& candidate) {
  return JobControl(
      [&job, phase, phases, what, candidate](const Progress& p) {
        Progress q = p;
        q.learner = "metacf_auto";
        // `what` names the candidate already; its own message may start with its name too.
        std::string own = p.message;
        if (own.starts_with(candidate + ": ")) own.erase(0, candidate.size() + 2);
        q.message = what + (own.empty() ? "" : ": " + own);
        q.fraction = (phase + std::clamp(p.fraction, 0.0, 1.0)) / phases;
        q.epoch_done = false;  // a candidate's epochs are not points of metacf_auto's curve
        job.report(q);
        return true;
      },
      job.cancel_flag());
}

void report_phase(JobControl& job, int phase, int phases, const std::string& message,
                  double val_hr = std::nan(""), double val_ndcg = std::nan("")) {
  Progress p;
  p.stage = Stage::kFit;
  p.learner = "metacf_auto";
  p.epoch = phase + 1;
  p.epochs = phases;
  p.fraction = static_cast<double>(phase + 1) / phases;
  p.message = message;
  p.val_hr = val_hr;
  p.val_ndcg = val_ndcg;
  p.epoch_done = true;
  job.report(p);
}

}  // namespace

EvaluationOptions AutoLearner::validation_options(const Dataset& data) const {
  EvaluationOptions o;
  o.num_items = data.num_items();
  o.steps = config_.steps;
  o.top_n = kTopN;
  o.seed = config_.seed ^ 0x9a11d;
  o.serving_sample = false;  // the choice reads HR and NDCG only
  return o;
}

std::unique_ptr<Learner> AutoLearner::fit_candidate(const std::string& name,
                                                    const CandidateFit& how) const {
  auto candidate = make_candidate(name);
  // Learners that are not meta-trained (bpr) tune on the meta-training users they are given,
  // which none of them trains on; held-out users stay for the choice alone.
  Validator validate;
  if (!candidate->meta_trains()) {
    validate = [&how, this](const Learner& l) {
      if (how.shared) return how.shared->score(l, how.validation_users, *how.job);
      const Evaluation e =
          evaluate(l, how.validation_users, validation_options(how.ctx->data), how.job);
      return ValidationScore{e.hr, e.ndcg};
    };
  }
  const TrainingContext& ctx = *how.ctx;
  TrainingContext sub{ctx.data, *how.split, ctx.Q, ctx.known_items, validate, ctx.validate_every};
  JobControl child = phase_job(*how.job, how.phase, how.phases, how.what + " " + name, name);
  candidate->fit(sub, child);
  return candidate;
}

std::vector<std::string> AutoLearner::fittable_candidates(const Dataset& data, JobControl& job) {
  // Candidates that cannot fit this data set (a dense solve over too many items) are left out.
  std::vector<std::string> names;
  for (const auto& name : config_.candidates) {
    const std::string reason = make_candidate(name)->unfit_reason(data);
    if (reason.empty()) {
      names.push_back(name);
    } else {
      skipped_.emplace_back(name, reason);
      Progress note;  // a message, not a point of the learning curve
      note.stage = Stage::kFit;
      note.learner = "metacf_auto";
      note.message = "left out " + name + ": " + reason;
      job.report(note);
    }
  }
  if (names.empty()) throw std::invalid_argument("metacf_auto: no candidate can fit this data set");
  return names;
}

std::int64_t AutoLearner::scored_user_cap(const Dataset& data) const {
  const std::int64_t items = std::max<std::int64_t>(1, data.num_items());
  return std::max<std::int64_t>(1, std::min<std::int64_t>(config_.max_validation_users,
                                                          config_.max_validation_scores / items));
}

void AutoLearner::fit(const TrainingContext& ctx, JobControl& job) {
  components_.clear();
  choice_ = {};
  skipped_.clear();
  // Every meta-training user takes part in the choice, the runner's held-out validation share
  // included: each is scored by fits that never saw her.
  Split pooled = ctx.split;
  if (ctx.all_meta_train) pooled.meta_train = *ctx.all_meta_train;
  const auto folds = validation_folds(pooled, config_.folds, config_.validation_share,
                                      scored_user_cap(ctx.data), config_.seed ^ kSliceStream);
  for (const auto& fold : folds) {
    if (fold.held.empty() || fold.fitting.meta_train.empty()) {
      throw std::invalid_argument("metacf_auto: " + std::to_string(pooled.meta_train.size()) +
                                  " meta-training users are too few to cross-fit in " +
                                  std::to_string(config_.folds) + " fold(s) (validation share " +
                                  std::to_string(config_.validation_share) + ")");
    }
  }
  const std::vector<std::string> names = fittable_candidates(ctx.data, job);

  // The reference path (share_fold_work off) validates each fold's fits on their own.
  std::optional<SharedValidation> shared;
  if (share_fold_work_) shared.emplace(pooled.meta_train, validation_options(ctx.data));
  SharedValidation* shared_validation = shared ? &*shared : nullptr;

  const int fold_count = static_cast<int>(folds.size());
  const int phases = fold_count * static_cast<int>(names.size()) + 1;
  auto fitted = fit_folds(names, folds, ctx, shared_validation, job);
  std::vector<std::vector<Task>> tasks(folds.size());
  std::vector<ScoredFold> scored(folds.size());
  for (std::size_t f = 0; f < folds.size(); ++f) {
    for (const auto& learner : fitted[f]) scored[f].candidates.push_back(learner.get());
    tasks[f] =
        with_redraws(ctx.data, ctx.split, folds[f].held, config_.validation_draws, config_.seed);
    scored[f].tasks = tasks[f];
  }
  SelectionOptions options;
  options.num_items = ctx.data.num_items();
  options.steps = config_.steps;
  options.top_n = kTopN;
  options.seed = config_.seed ^ kSelectionStream;
  options.blend_size = config_.blend_size;
  options.grid_steps = config_.grid_steps;
  options.min_gain_se = config_.min_gain_se;
  choice_ = choose_blend(scored, names, options, job);
  // As stored (float tensors), so that the fitted learner says what a stored one will.
  std::vector<NamedTensor> stored;
  append_choice_tensors(choice_, stored);
  choice_ = *choice_from_tensors(stored);

  // What it serves is fitted on ctx.split, as every other learner of the run is; bpr's step
  // size is ranked on every meta-training user, as the runner ranks it for bpr alone.
  CandidateFit refit{&ctx,       &ctx.split, pooled.meta_train, shared_validation, nullptr,
                     phases - 1, phases,     "refitting"};
  serve_chosen(names, fitted, refit, job);
  report_phase(job, phases - 1, phases, choice_.summary(), choice_.hr, choice_.ndcg);
}

std::vector<std::vector<std::unique_ptr<Learner>>> AutoLearner::fit_folds(
    const std::vector<std::string>& names, const std::vector<ValidationFold>& folds,
    const TrainingContext& ctx, SharedValidation* shared, JobControl& job) const {
  const int fold_count = static_cast<int>(folds.size());
  const int phases = fold_count * static_cast<int>(names.size()) + 1;
  FoldFitPlan plan;
  plan.folds = fold_count;
  plan.candidates = names.size();
  plan.concurrency = share_fold_work_ ? fold_fit_concurrency(fold_count) : 1;
  for (const auto& name : names) {
    const auto& descriptor = describe_learner(name);
    plan.first_fold_alone.push_back(descriptor.family != LearnerFamily::kCounting &&
                                    !descriptor.capabilities.meta_trains);
  }
  return fit_every_fold(
      plan,
      [&](int f, std::size_t i, JobControl& fit_job) {
        const std::string what = fold_count > 1 ? "fold " + std::to_string(f + 1) + "/" +
                                                      std::to_string(fold_count) + ": fitting"
                                                : "fitting";
        const Split& fitting = folds[static_cast<std::size_t>(f)].fitting;
        const CandidateFit how{
            &ctx,   &fitting, fitting.meta_train,
            shared, &fit_job, f * static_cast<int>(names.size()) + static_cast<int>(i),
            phases, what};
        return fit_candidate(names[i], how);
      },
      [&](int f, std::size_t i, JobControl& fit_job) {
        report_phase(fit_job, f * static_cast<int>(names.size()) + static_cast<int>(i), phases,
                     "fitted " + names[i]);
      },
      job);
}

void AutoLearner::serve_chosen(const std::vector<std::string>& names,
                               std::vector<std::vector<std::unique_ptr<Learner>>>& fitted,
                               const CandidateFit& refit, JobControl& job) {
  // Serving: the chosen candidates, refitted on every meta-training user of ctx.split where
  // that is the rule (AutoConfig::refit_counts), else the first fold's fit. The refits are
  // independent, so they run side by side like the folds' fits.
  const bool folded = fitted.size() > 1;
  std::vector<std::size_t> refits;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (choice_.candidates[i].weight <= 0) continue;
    const bool counts = describe_learner(names[i]).family == LearnerFamily::kCounting;
    if (counts ? config_.refit_counts : folded) refits.push_back(i);
  }
  // The folds' fits have scored their users; only the first fold's kept components stay.
  for (std::size_t f = 0; f < fitted.size(); ++f) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      const bool kept = f == 0 && choice_.candidates[i].weight > 0 &&
                        std::find(refits.begin(), refits.end(), i) == refits.end();
      if (!kept) fitted[f][i].reset();
    }
  }
  FoldFitPlan plan;
  plan.candidates = refits.size();
  plan.concurrency = share_fold_work_ ? fold_fit_concurrency(static_cast<int>(refits.size())) : 1;
  auto refitted = fit_every_fold(
      plan,
      [&](int, std::size_t r, JobControl& fit_job) {
        CandidateFit how = refit;
        how.job = &fit_job;
        return fit_candidate(names[refits[r]], how);
      },
      [](int, std::size_t, JobControl&) {}, job);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const double w = choice_.candidates[i].weight;
    if (w <= 0) continue;
    const auto r = std::find(refits.begin(), refits.end(), i);
    auto learner = r != refits.end()
                       ? std::move(refitted[0][static_cast<std::size_t>(r - refits.begin())])
                       : std::move(fitted[0][i]);
    components_.push_back({i, w, std::move(learner)});
  }
}

}  // namespace metacf
