#include "core/learners/auto_learner.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "core/config/config_schema.h"
#include "core/eval/evaluator.h"
#include "core/experiment/experiment_runner.h"
#include "core/learners/auto_fold_fits.h"
#include "core/learners/auto_folds.h"
#include "core/learners/auto_selection.h"
#include "core/learners/auto_shared_validation.h"
#include "core/learners/blend_grid.h"
#include "core/learners/learner_factory.h"
#include "core/learners/registry.h"
#include "core/split/task_redraws.h"

namespace metacf {
namespace {

// Its own validation slice must not coincide with the runner's held-out share.
constexpr std::uint64_t kSliceStream = 0xa0705e1ec7;
constexpr std::uint64_t kSelectionStream = 0x5e1ec7;
constexpr int kTopN = 10;

// Forwards one phase of fit() (a candidate's training) as part of metacf_auto's progress.
JobControl phase_job(JobControl& job, int phase, int phases, const std::string& what) {
  return JobControl(
      [&job, phase, phases, what](const Progress& p) {
        Progress q = p;
        q.learner = "metacf_auto";
        q.message = what + (p.message.empty() ? "" : ": " + p.message);
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
  p.stage = "fit";
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

AutoLearner::AutoLearner(AutoConfig config) : config_(std::move(config)) { config_.validate(); }

nlohmann::json AutoLearner::config() const {
  nlohmann::json j = config_;
  if (!components_.empty()) {
    nlohmann::json weights = nlohmann::json::object(), validation = nlohmann::json::object();
    for (const auto& c : choice_.candidates) {
      weights[c.name] = c.weight;
      validation[c.name] = {{"hr", c.hr}, {"ndcg", c.ndcg}};
    }
    j["choice"] = {{"summary", choice_.summary()},
                   {"weights", weights},
                   {"validation", validation},
                   {"blend", {{"hr", choice_.hr}, {"ndcg", choice_.ndcg}}},
                   {"validation_users", choice_.validation_users}};
  }
  if (!skipped_.empty()) {
    nlohmann::json skipped = nlohmann::json::object();
    for (const auto& [name, reason] : skipped_) skipped[name] = reason;
    j["left_out"] = skipped;
  }
  return j;
}

std::unique_ptr<Learner> AutoLearner::make_candidate(const std::string& name) const {
  nlohmann::json cfg = config_.candidate_configs.value(name, nlohmann::json::object());
  if (describe_learner(name).takes_steps_and_seed()) {
    cfg["steps"] = config_.steps;
    cfg["seed"] = config_.seed;
  }
  return make_learner(name, cfg);
}

EvaluationOptions AutoLearner::validation_options(const Dataset& data) const {
  EvaluationOptions o;
  o.num_items = data.num_items();
  o.steps = config_.steps;
  o.top_n = kTopN;
  o.seed = config_.seed ^ 0x9a11d;
  return o;
}

void AutoLearner::require_fitted(const char* what) const {
  if (components_.empty()) {
    throw std::logic_error(std::string("metacf_auto: ") + what +
                           "() called before fit() or load_parameters()");
  }
}

std::unique_ptr<Learner> AutoLearner::fit_candidate(const std::string& name, const Dataset& data,
                                                    const Split& split, const TrainingContext& ctx,
                                                    JobControl& job, int phase, int phases,
                                                    const std::string& what,
                                                    SharedValidation* shared) const {
  auto candidate = make_candidate(name);
  // Learners that are not meta-trained (bpr) tune on the meta-training users they are given,
  // which none of them trains on; held-out users stay for the choice alone.
  Validator validate;
  if (!candidate->meta_trains()) {
    validate = [&](const Learner& l) {
      if (shared) return shared->score(l, split.meta_train, job);
      const Evaluation e = evaluate(l, split.meta_train, validation_options(data), &job);
      return ValidationScore{e.hr, e.ndcg};
    };
  }
  TrainingContext sub{data, split, ctx.Q, ctx.known_items, validate, ctx.validate_every};
  JobControl child = phase_job(job, phase, phases, what + " " + name);
  candidate->fit(sub, child);
  return candidate;
}

void AutoLearner::fit(const TrainingContext& ctx, JobControl& job) {
  components_.clear();
  choice_ = {};
  skipped_.clear();
  const auto folds = validation_folds(ctx.split, config_.folds, config_.validation_share,
                                      config_.max_validation_users, config_.seed ^ kSliceStream);
  for (const auto& fold : folds) {
    if (fold.held.empty() || fold.fitting.meta_train.empty()) {
      throw std::invalid_argument("metacf_auto: " + std::to_string(ctx.split.meta_train.size()) +
                                  " meta-training users are too few to cross-fit in " +
                                  std::to_string(config_.folds) + " fold(s) (validation share " +
                                  std::to_string(config_.validation_share) + ")");
    }
  }

  // Candidates that cannot fit this data set (a dense solve over too many items) are left out.
  std::vector<std::string> names;
  for (const auto& name : config_.candidates) {
    const std::string reason = make_candidate(name)->unfit_reason(ctx.data);
    if (reason.empty()) {
      names.push_back(name);
    } else {
      skipped_.emplace_back(name, reason);
      Progress note;  // a message, not a point of the learning curve
      note.stage = "fit";
      note.learner = "metacf_auto";
      note.message = "left out " + name + ": " + reason;
      job.report(note);
    }
  }
  if (names.empty()) throw std::invalid_argument("metacf_auto: no candidate can fit this data set");

  // The reference path (share_fold_work off) validates each fold's fits on their own.
  std::optional<SharedValidation> shared;
  if (share_fold_work_) shared.emplace(ctx.split.meta_train, validation_options(ctx.data));
  SharedValidation* shared_validation = shared ? &*shared : nullptr;

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
  auto fitted = fit_every_fold(
      plan,
      [&](int f, std::size_t i, JobControl& fit_job) {
        const std::string what = fold_count > 1 ? "fold " + std::to_string(f + 1) + "/" +
                                                      std::to_string(fold_count) + ": fitting"
                                                : "fitting";
        const int phase = f * static_cast<int>(names.size()) + static_cast<int>(i);
        return fit_candidate(names[i], ctx.data, folds[static_cast<std::size_t>(f)].fitting, ctx,
                             fit_job, phase, phases, what, shared_validation);
      },
      [&](int f, std::size_t i, JobControl& fit_job) {
        report_phase(fit_job, f * static_cast<int>(names.size()) + static_cast<int>(i), phases,
                     "fitted " + names[i]);
      },
      job);
  std::vector<std::vector<Task>> tasks(folds.size());
  std::vector<ScoredFold> scored(folds.size());
  for (std::size_t f = 0; f < folds.size(); ++f) {
    for (const auto& learner : fitted[f]) scored[f].candidates.push_back(learner.get());
    tasks[f] = with_redraws(ctx.data, folds[f].held, config_.validation_draws, config_.seed);
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
  options.tasks_per_user = config_.validation_draws;
  choice_ = choose_blend(scored, names, options, job);

  // Serving: the chosen candidates, refitted on every meta-training user where that is the
  // rule (AutoConfig::refit_counts), else the first fold's fit. The refits are independent,
  // so they run side by side like the folds' fits.
  std::vector<std::size_t> refits;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (choice_.candidates[i].weight <= 0) continue;
    const bool counts = describe_learner(names[i]).family == LearnerFamily::kCounting;
    if (counts ? config_.refit_counts : fold_count > 1) refits.push_back(i);
  }
  // The folds' fits have scored their users; only the first fold's kept components stay.
  for (std::size_t f = 0; f < fitted.size(); ++f) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      const bool kept = f == 0 && choice_.candidates[i].weight > 0 &&
                        std::find(refits.begin(), refits.end(), i) == refits.end();
      if (!kept) fitted[f][i].reset();
    }
  }
  FoldFitPlan refit_plan;
  refit_plan.candidates = refits.size();
  refit_plan.concurrency =
      share_fold_work_ ? fold_fit_concurrency(static_cast<int>(refits.size())) : 1;
  auto refitted = fit_every_fold(
      refit_plan,
      [&](int, std::size_t r, JobControl& fit_job) {
        return fit_candidate(names[refits[r]], ctx.data, ctx.split, ctx, fit_job, phases - 1,
                             phases, "refitting", shared_validation);
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
  report_phase(job, phases - 1, phases, choice_.summary(), choice_.hr, choice_.ndcg);
}

std::vector<UserState> AutoLearner::adapt(std::span<const std::int32_t> support, int steps,
                                          Rng& rng) const {
  require_fitted("adapt");
  const auto count = static_cast<Eigen::Index>(components_.size());
  std::vector<std::vector<UserState>> parts;
  for (const auto& c : components_) {
    Rng part_rng = candidate_rng(rng, c.candidate);
    parts.push_back(c.learner->adapt(support, steps, part_rng));
  }
  std::vector<UserState> out(static_cast<std::size_t>(std::max(steps, 0)) + 1);
  for (std::size_t t = 0; t < out.size(); ++t) {
    Eigen::Index total = count;
    for (const auto& p : parts) total += p[std::min(t, p.size() - 1)].params.size();
    Eigen::VectorXf& params = out[t].params;
    params.resize(total);
    Eigen::Index offset = count;
    for (Eigen::Index j = 0; j < count; ++j) {
      const auto& part = parts[static_cast<std::size_t>(j)];
      const Eigen::VectorXf& p = part[std::min(t, part.size() - 1)].params;
      params[j] = static_cast<float>(p.size());
      params.segment(offset, p.size()) = p;
      offset += p.size();
    }
    out[t].support.assign(support.begin(), support.end());
  }
  return out;
}

void AutoLearner::score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const {
  require_fitted("score");
  const auto count = static_cast<Eigen::Index>(components_.size());
  if (state.params.size() < count) {
    throw std::invalid_argument("metacf_auto: a user state not made by its adapt()");
  }
  out.setZero();
  Eigen::VectorXf part_scores(out.size());
  UserState part;
  part.support = state.support;
  Eigen::Index offset = count;
  for (Eigen::Index j = 0; j < count; ++j) {
    const auto length = static_cast<Eigen::Index>(state.params[j]);
    part.params = state.params.segment(offset, length);
    offset += length;
    const auto& c = components_[static_cast<std::size_t>(j)];
    c.learner->score(part, part_scores);
    standardise(part_scores);
    out += static_cast<float>(c.weight) * part_scores;
  }
}

std::vector<NamedTensor> AutoLearner::parameters() const {
  require_fitted("parameters");
  std::vector<NamedTensor> tensors;
  append_choice_tensors(choice_, tensors);
  for (const auto& c : components_) {
    for (auto t : c.learner->parameters()) {
      t.name = choice_.candidates[c.candidate].name + "/" + t.name;
      tensors.push_back(std::move(t));
    }
  }
  return tensors;
}

void AutoLearner::load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings Q) {
  auto choice = choice_from_tensors(tensors);
  if (!choice) throw std::runtime_error("stored parameters of metacf_auto lack its choice");
  components_.clear();
  for (std::size_t i = 0; i < choice->candidates.size(); ++i) {
    const auto& candidate = choice->candidates[i];
    if (candidate.weight <= 0) continue;
    const std::string prefix = candidate.name + "/";
    std::vector<NamedTensor> own;
    for (const auto& t : tensors) {
      if (t.name.rfind(prefix, 0) == 0) {
        own.push_back(t);
        own.back().name = t.name.substr(prefix.size());
      }
    }
    auto learner = make_candidate(candidate.name);
    learner->load_parameters(own, Q);
    components_.push_back({i, candidate.weight, std::move(learner)});
  }
  if (components_.empty()) throw std::runtime_error("stored metacf_auto has no chosen component");
  choice_ = std::move(*choice);
  config_.candidates.clear();
  for (const auto& c : choice_.candidates) config_.candidates.push_back(c.name);
}

LearnerEntry metacf_auto_learner_entry() {
  return {LearnerDescriptor{
              .name = "metacf_auto",
              .base = "metacf_auto",
              .family = LearnerFamily::kEnsemble,
              .origin = LearnerOrigin::kExtra,
              .summary = "Chooses the best candidate or blend on held-out meta-training users",
              .capabilities = {.meta_trains = false,
                               .adapts = false,
                               .dot_product_scores = false,
                               .max_items = 0},
              .settings = std::make_shared<const SchemaInfo>(auto_config_schema().info()),
              .unread_settings = {},
              .make = [](const nlohmann::json& config) -> std::unique_ptr<Learner> {
                return std::make_unique<AutoLearner>(config.get<AutoConfig>());
              }},
          {},
          {}};
}

}  // namespace metacf
