#include "core/learners/step_size_search.h"

#include <algorithm>
#include <cstdio>

namespace metacf {
namespace {

constexpr const char* kChoiceTensor = "step_sizes";
constexpr const char* kTrialsTensor = "step_size_trials";
constexpr int kTrialColumns = 5;

std::string printed(double v, const char* format) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

// The grid's values as the learner uses them (its steps are floats), so that a stored choice
// restores exactly the learner that was trained.
double as_used(double v) { return static_cast<float>(v); }

int short_epochs(int meta_epochs) { return meta_epochs == 0 ? 0 : std::max(1, meta_epochs / 4); }

bool better(const ValidationScore& a, const ValidationScore& b) {
  return a.hr > b.hr || (a.hr == b.hr && a.ndcg > b.ndcg);
}

}  // namespace

std::string step_sizes_text(double alpha, double beta) {
  return "alpha " + printed(alpha, "%g") + ", beta " + printed(beta, "%g");
}

std::string StepSizeChoice::summary() const {
  std::string tried;
  for (const auto& t : trials) {
    tried += (tried.empty() ? "" : ", ") + printed(t.alpha, "%g") + "/" + printed(t.beta, "%g") +
             (t.meta_epochs == trials.back().meta_epochs
                  ? ""
                  : " (" + std::to_string(t.meta_epochs) + " epochs)") +
             " " + (t.score.hr < 0 ? std::string("diverged") : printed(t.score.hr, "%.4f"));
  }
  return "tuned: " + step_sizes_text(alpha, beta) + " (validation HR " + printed(score.hr, "%.4f") +
         ", NDCG " + printed(score.ndcg, "%.4f") + "; alpha/beta HR: " + tried + ")";
}

int step_size_trials(int meta_epochs) {
  return static_cast<int>(std::size(kAlphaGrid)) +
         (meta_epochs == 0 ? 0 : static_cast<int>(std::size(kBetaGrid)));
}

StepSizeChoice search_step_sizes(double configured_beta, int meta_epochs,
                                 const ScoreStepSizes& score) {
  StepSizeChoice choice;
  auto trial = [&](double alpha, double beta, int epochs) {
    StepSizeTrial t{as_used(alpha), as_used(beta), epochs, {}};
    t.score = score(t.alpha, t.beta, epochs);
    choice.trials.push_back(t);
    return t;
  };
  bool first = true;
  StepSizeTrial best_alpha;
  for (double alpha : kAlphaGrid) {
    const StepSizeTrial t = trial(alpha, configured_beta, short_epochs(meta_epochs));
    if (first || better(t.score, best_alpha.score)) best_alpha = t;
    first = false;
  }
  StepSizeTrial best = best_alpha;
  if (meta_epochs > 0) {
    first = true;
    for (double beta : kBetaGrid) {
      const StepSizeTrial t = trial(best_alpha.alpha, beta, meta_epochs);
      if (first || better(t.score, best.score)) best = t;
      first = false;
    }
  }
  choice.alpha = best.alpha;
  choice.beta = best.beta;
  choice.score = best.score;
  return choice;
}

JobControl tuning_phase_job(JobControl& job, int phase, int phases, const std::string& trying) {
  return JobControl(
      [&job, phase, phases, trying](const Progress& p) {
        Progress q = p;
        q.fraction = (phase + std::clamp(p.fraction, 0.0, 1.0)) / phases;
        if (!trying.empty()) {
          q.message = trying;
          q.epoch_done = false;
        }
        job.report(q);
        return true;
      },
      job.cancel_flag());
}

void report_trial(JobControl& job, const std::string& learner, int trial, int trials,
                  const std::string& trying, const ValidationScore& score) {
  Progress point;
  point.stage = "tune";
  point.learner = learner;
  point.epoch = trial;
  point.epochs = trials;
  point.fraction = static_cast<double>(trial) / (trials + 1);
  if (score.hr < 0) {
    point.message = trying + ": diverged";
  } else {
    point.val_hr = score.hr;
    point.val_ndcg = score.ndcg;
    point.message = trying + ": validation HR " + printed(score.hr, "%.4f") + ", NDCG " +
                    printed(score.ndcg, "%.4f");
  }
  point.epoch_done = true;
  job.report(point);
}

std::vector<NamedTensor> step_size_tensors(const StepSizeChoice& choice) {
  NamedTensor picked{
      kChoiceTensor, 1, 2, {static_cast<float>(choice.alpha), static_cast<float>(choice.beta)}};
  NamedTensor trials{
      kTrialsTensor, static_cast<std::int64_t>(choice.trials.size()), kTrialColumns, {}};
  for (const auto& t : choice.trials) {
    trials.values.insert(
        trials.values.end(),
        {static_cast<float>(t.alpha), static_cast<float>(t.beta), static_cast<float>(t.meta_epochs),
         static_cast<float>(t.score.hr), static_cast<float>(t.score.ndcg)});
  }
  return {picked, trials};
}

std::optional<StepSizeChoice> step_size_choice_from_tensors(std::span<const NamedTensor> tensors) {
  const auto find = [&](const char* name) -> const NamedTensor* {
    const auto it = std::find_if(tensors.begin(), tensors.end(),
                                 [&](const NamedTensor& t) { return t.name == name; });
    return it == tensors.end() ? nullptr : &*it;
  };
  const NamedTensor* picked = find(kChoiceTensor);
  const NamedTensor* trials = find(kTrialsTensor);
  if (!picked || picked->values.size() != 2) return std::nullopt;
  StepSizeChoice choice;
  choice.alpha = picked->values[0];
  choice.beta = picked->values[1];
  if (trials && trials->cols == kTrialColumns &&
      static_cast<std::int64_t>(trials->values.size()) == trials->rows * kTrialColumns) {
    for (std::int64_t r = 0; r < trials->rows; ++r) {
      const float* v = trials->values.data() + r * kTrialColumns;
      choice.trials.push_back({v[0], v[1], static_cast<int>(v[2]), {v[3], v[4]}});
    }
  }
  // The chosen pair's score is that of its last trial (the full-length one).
  for (const auto& t : choice.trials) {
    if (static_cast<float>(t.alpha) == static_cast<float>(choice.alpha) &&
        static_cast<float>(t.beta) == static_cast<float>(choice.beta))
      choice.score = t.score;
  }
  return choice;
}

}  // namespace metacf
