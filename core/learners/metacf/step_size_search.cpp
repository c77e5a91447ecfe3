#include "core/learners/metacf/step_size_search.h"

#include <algorithm>
#include <cmath>
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

namespace {

// The grid with the configured value added in order, as the learner uses them.
std::vector<double> with_configured(std::span<const double> grid, double configured) {
  std::vector<double> values;
  for (double v : grid) values.push_back(as_used(v));
  const double c = as_used(configured);
  if (std::find(values.begin(), values.end(), c) == values.end()) {
    values.insert(std::upper_bound(values.begin(), values.end(), c), c);
  }
  return values;
}

}  // namespace

int step_size_trials(double configured_alpha, double configured_beta, int meta_epochs) {
  const auto alphas = with_configured(kAlphaGrid, configured_alpha).size();
  const auto betas = meta_epochs == 0 ? 0 : with_configured(kBetaGrid, configured_beta).size();
  return static_cast<int>(alphas + betas);
}

bool clearly_better(const ValidationScore& candidate, const ValidationScore& baseline) {
  if (candidate.hr < 0) return false;
  if (baseline.hr < 0) return true;
  const std::size_t n = candidate.user_hr.size();
  if (n < 2 || baseline.user_hr.size() != n) return candidate.hr > baseline.hr;
  double mean = 0;
  for (std::size_t u = 0; u < n; ++u) mean += candidate.user_hr[u] - baseline.user_hr[u];
  mean /= static_cast<double>(n);
  double squares = 0;
  for (std::size_t u = 0; u < n; ++u) {
    const double gain = candidate.user_hr[u] - baseline.user_hr[u];
    squares += (gain - mean) * (gain - mean);
  }
  const double se = std::sqrt(squares / static_cast<double>(n - 1) / static_cast<double>(n));
  return mean > se;
}

StepSizeChoice search_step_sizes(double configured_alpha, double configured_beta, int meta_epochs,
                                 const ScoreStepSizes& score) {
  StepSizeChoice choice;
  auto trial = [&](double alpha, double beta, int epochs) {
    StepSizeTrial t{as_used(alpha), as_used(beta), epochs, {}};
    t.score = score(t.alpha, t.beta, epochs);
    choice.trials.push_back(t);
    return t;
  };
  // One phase: every value tried, the best kept only when it clearly beats the configured one.
  auto phase = [&](const std::vector<double>& values, double configured, auto&& try_value) {
    std::optional<StepSizeTrial> best, kept;
    for (double v : values) {
      const StepSizeTrial t = try_value(v);
      if (!best || better(t.score, best->score)) best = t;
      if (v == as_used(configured)) kept = t;
    }
    return clearly_better(best->score, kept->score) ? *best : *kept;
  };
  const StepSizeTrial alpha_choice =
      phase(with_configured(kAlphaGrid, configured_alpha), configured_alpha,
            [&](double alpha) { return trial(alpha, configured_beta, short_epochs(meta_epochs)); });
  StepSizeTrial chosen = alpha_choice;
  if (meta_epochs > 0) {
    chosen = phase(with_configured(kBetaGrid, configured_beta), configured_beta,
                   [&](double beta) { return trial(alpha_choice.alpha, beta, meta_epochs); });
  }
  choice.alpha = chosen.alpha;
  choice.beta = chosen.beta;
  choice.score = chosen.score;
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
  point.stage = Stage::kTune;
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
