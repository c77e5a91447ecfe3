#pragma once
// The paper learners' choice of the local step alpha and the meta step beta on held-out
// meta-training users (MetaConfig::tune): the grid, the search order, and the choice as it
// travels with the stored parameters and is printed by `show` and the studio.
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/model/learner.h"
#include "core/util/job.h"

namespace metacf {

// alpha spans the range where metacf_g works (0.1) and where a reference of the method on
// MovieLens-1M found its best (0.01); beta brackets the reference's 1e-3 by about 3x each way.
inline constexpr double kAlphaGrid[] = {0.01, 0.03, 0.1, 0.3};
inline constexpr double kBetaGrid[] = {3e-4, 1e-3, 3e-3};

// The score of a trial whose meta-training diverged: below any real one.
inline constexpr ValidationScore kDivergedTrial{-1.0, -1.0};

// One meta-training tried during the search and its validation score.
struct StepSizeTrial {
  double alpha = 0;
  double beta = 0;
  int meta_epochs = 0;
  ValidationScore score;
};

struct StepSizeChoice {
  double alpha = 0;
  double beta = 0;
  ValidationScore score;              // of the chosen pair, as tried
  std::vector<StepSizeTrial> trials;  // in the order tried

  // "tuned: alpha 0.03, beta 0.001 (validation HR@10 0.2100; tried alpha 0.01 ... )".
  [[nodiscard]] std::string summary() const;
};

// "alpha 0.03, beta 0.001".
std::string step_sizes_text(double alpha, double beta);

// Meta-trains a fresh Phi at (alpha, beta) for meta_epochs and scores it on the validation
// users.
using ScoreStepSizes = std::function<ValidationScore(double alpha, double beta, int meta_epochs)>;

// How many trials search_step_sizes makes at most (for progress reports): the grids, with the
// configured values added where they are not on them.
int step_size_trials(double configured_alpha, double configured_beta, int meta_epochs);

// Alpha first, then beta, which costs about five plain fits instead of the full grid's twelve:
// each alpha of kAlphaGrid is trained for a quarter of the meta-epochs at the configured beta
// (alpha decides how a start adapts, which shows early); then each beta of kBetaGrid is trained
// for all the meta-epochs at the chosen alpha, since a short run would favour the largest beta.
// With no meta-epochs beta does nothing and is not searched.
// The best of a few noisy estimates is mostly the luckiest, so each phase keeps the configured
// value unless the phase's best (highest HR, then NDCG; ties keep the one tried first) beats the
// configured value's trial by more than one paired standard error over the validation users
// (ValidationScore::user_hr; with means only, by any HR at all). A diverged trial never wins,
// and anything that did not diverge beats a configured value that did.
StepSizeChoice search_step_sizes(double configured_alpha, double configured_beta, int meta_epochs,
                                 const ScoreStepSizes& score);

// Whether `candidate` beats `baseline` by more than one paired standard error of the mean
// per-user HR gain (the rule above).
bool clearly_better(const ValidationScore& candidate, const ValidationScore& baseline);

// Forwards one phase of a tuned fit (trial `phase` of `phases`) to job. A trial's reports carry
// what it tries and are not curve points; the final meta-training's are.
JobControl tuning_phase_job(JobControl& job, int phase, int phases, const std::string& trying);
// The grid's validation curve: one curve point (stage "tune", x = the trial's number) per trial.
void report_trial(JobControl& job, const std::string& learner, int trial, int trials,
                  const std::string& trying, const ValidationScore& score);

// The choice as stored parameters ("step_sizes" 1 x 2; "step_size_trials" trials x 5: alpha,
// beta, meta-epochs, HR, NDCG), and back: nullopt when the tensors hold no choice.
std::vector<NamedTensor> step_size_tensors(const StepSizeChoice& choice);
std::optional<StepSizeChoice> step_size_choice_from_tensors(std::span<const NamedTensor> tensors);

}  // namespace metacf
