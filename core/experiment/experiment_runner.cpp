#include "core/experiment/experiment_runner.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "core/data/known_items.h"
#include "core/eval/evaluator.h"
#include "core/experiment/run_admission.h"
#include "core/learners/learner_factory.h"
#include "core/learners/registry.h"
#include "core/split/task_redraws.h"
#include "core/split/validation_holdout.h"

namespace metacf {
namespace {

// Draws of each validation user's task a one-off choice (`tune`) is scored on: they average out
// the luck of one support/query draw at five times the cost of one validation check.
constexpr int kChoiceDraws = 5;

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Forwards a stage's progress to the experiment's job, adding seed, K and overall fraction,
// and turns finished epochs into curve points.
class StageProgress {
 public:
  // Curve points also go to `curve` when it is given.
  StageProgress(JobControl& parent, ExperimentObserver* observer, std::uint64_t seed, int k,
                double unit_start, double unit_size, std::vector<CurvePoint>* curve = nullptr)
      : job_(
            [&parent, observer, seed, k, unit_start, unit_size, curve, this](const Progress& p) {
              Progress q = p;
              q.seed = seed;
              q.k = k;
              q.overall = unit_start + unit_size * std::clamp(p.fraction, 0.0, 1.0);
              if (p.epoch_done) {
                ++epochs_;
                const CurvePoint point = curve_point(q);
                if (curve) curve->push_back(point);
                if (observer) observer->on_curve_point(point);
              }
              parent.report(q);
              return true;
            },
            parent.cancel_flag()) {}

  JobControl& job() { return job_; }
  [[nodiscard]] int epochs() const { return epochs_; }

 private:
  JobControl job_;
  int epochs_ = 0;
};

}  // namespace

std::vector<Task> evenly_spaced(std::span<const Task> tasks, std::int64_t count) {
  const auto n = static_cast<std::int64_t>(tasks.size());
  count = std::clamp<std::int64_t>(count, std::min<std::int64_t>(n, 1), n);
  std::vector<Task> out;
  out.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i)
    out.push_back(tasks[static_cast<std::size_t>(i * n / count)]);
  return out;
}

std::vector<Task> tasks_with_support_size(const Dataset& data, std::span<const Task> tasks,
                                          int size, std::uint64_t seed, std::int64_t& skipped) {
  std::vector<Task> out;
  skipped = 0;
  const Rng base = Rng(seed).fork(0x5a77 + static_cast<std::uint64_t>(size));
  for (const Task& task : tasks) {
    std::vector<std::int32_t> pool;
    for (auto v : data.items_of(task.user)) {
      if (std::find(task.query.begin(), task.query.end(), v) == task.query.end()) pool.push_back(v);
    }
    if (static_cast<int>(pool.size()) < size || task.query.empty()) {
      ++skipped;
      continue;
    }
    Rng rng = base.fork(static_cast<std::uint64_t>(task.user));
    rng.shuffle(std::span<std::int32_t>(pool));
    Task sized{task.user, {pool.begin(), pool.begin() + size}, task.query};
    out.push_back(std::move(sized));
  }
  return out;
}

namespace {

// What one seed's learners share: its split, its test and validation users, Q (null when no
// learner of the run reads it and none was given).
struct SeedWork {
  std::uint64_t seed = 0;
  Split split;  // its meta-training tasks without the validation users
  std::vector<Task> test_tasks;
  // Learners that are not meta-trained (bpr) may tune on every meta-training user: none of
  // them is trained on. Meta-trained learners validate on the held-out share only.
  std::vector<Task> all_meta_train;
  std::vector<Task> validation;
  std::vector<Task> curve_validation;
  // A choice made once (`tune`) on these few users is scored on several draws of each (one on
  // a published split, whose tasks have no other draw), a user's draws consecutive.
  std::vector<Task> choice_validation;
  int choice_draws = 1;
  std::vector<std::pair<int, std::vector<Task>>> sized_tasks;  // Fig. 2's support sizes
  std::vector<std::int64_t> sized_skipped;
  std::shared_ptr<const Eigen::MatrixXf> Q;
};

SeedWork prepare_seed(const ExperimentInputs& inputs, const ExperimentConfig& config,
                      std::uint64_t seed, JobControl& job, ExperimentObserver* observer,
                      double done, double unit) {
  const Dataset& data = inputs.data;
  SeedWork w;
  w.seed = seed;
  SplitConfig split_config = config.split;
  split_config.seed = seed;
  w.split = inputs.fixed_split ? *inputs.fixed_split : make_split(data, split_config);
  if (w.split.meta_test.empty()) {
    throw std::invalid_argument("the split has no meta-test users: add data or change the ratios");
  }
  if (observer) observer->on_split(seed, w.split);
  w.test_tasks = w.split.meta_test;
  w.all_meta_train = w.split.meta_train;
  hold_out_validation(w.split, config.validation_share, seed, w.validation,
                      config.max_validation_users);
  w.curve_validation = evenly_spaced(
      w.validation, config.max_validation_scores / std::max<std::int64_t>(1, data.num_items()));
  w.choice_validation = with_redraws(data, w.split, w.curve_validation, kChoiceDraws, seed);
  w.choice_draws = w.split.published_tasks ? 1 : kChoiceDraws;

  if (inputs.fixed_item_embeddings) {
    w.Q = std::make_shared<const Eigen::MatrixXf>(*inputs.fixed_item_embeddings);
  } else if (any_reads_item_matrix(config.learners)) {
    // Pretraining draws from its own generator (seeded by `seed`), so leaving it out changes
    // no other draw of the run.
    PretrainConfig pretrain_config = config.pretrain;
    pretrain_config.seed = seed;
    StageProgress stage(job, observer, seed, 0, done, unit);
    job.enter(stage_name(Stage::kPretrain));
    w.Q = std::make_shared<const Eigen::MatrixXf>(
        pretrain(data, w.split, pretrain_config, stage.job()).Q);
  }
  if (observer && w.Q) observer->on_item_embeddings(seed, *w.Q);

  for (int size : config.support_sizes) {
    std::int64_t skipped = 0;
    w.sized_tasks.emplace_back(size,
                               tasks_with_support_size(data, w.test_tasks, size, seed, skipped));
    w.sized_skipped.push_back(skipped);
  }
  return w;
}

// Validation curves and one-off choices score the learner on held-out meta-training users;
// their time is added to `validation_seconds`, which the fit time leaves out.
void install_validation(TrainingContext& ctx, const Learner& learner, const SeedWork& w,
                        const EvaluationOptions& options, JobControl& job,
                        double& validation_seconds) {
  if (w.validation.empty()) return;
  const std::vector<Task>& pool = learner.meta_trains() ? w.curve_validation : w.all_meta_train;
  const auto timed_evaluation = [&options, &job, &validation_seconds, seed = w.seed](
                                    const Learner& l, const std::vector<Task>& tasks) {
    const auto start = Clock::now();
    EvaluationOptions v = options;
    v.seed = seed ^ 0x9a11d;
    v.serving_sample = false;
    Evaluation e = evaluate(l, tasks, v, &job);
    validation_seconds += seconds_since(start);
    return e;
  };
  ctx.validate = [timed_evaluation, &pool](const Learner& l) {
    const Evaluation e = timed_evaluation(l, pool);
    return ValidationScore{e.hr, e.ndcg};
  };
  ctx.validate_choice = [timed_evaluation, &w](const Learner& l) {
    const Evaluation e = timed_evaluation(l, w.choice_validation);
    ValidationScore score{e.hr, e.ndcg, {}};
    // A user's draws are consecutive: her HR is their mean.
    const auto draws = static_cast<std::size_t>(w.choice_draws);
    for (std::size_t i = 0; i + draws <= e.per_user.size(); i += draws) {
      double hr = 0;
      for (std::size_t t = i; t < i + draws; ++t) hr += e.per_user[t].hr;
      score.user_hr.push_back(hr / static_cast<double>(draws));
    }
    return score;
  };
}

// A learner fitted for one seed, with what its results report about the fit.
struct FittedLearner {
  std::unique_ptr<Learner> learner;
  double fit_seconds = 0;  // training wall time, validation excluded
  std::optional<double> tasks_per_s;
  std::vector<CurvePoint> curve;  // as reported to the observer, for the K it was fitted at
};

// One learner fitted at K on one seed; its curve points and the fitted learner go to the
// observer as they come.
FittedLearner fit_learner(const ExperimentInputs& inputs, const ExperimentConfig& config,
                          const SeedWork& w, const std::string& name, int k,
                          const std::vector<std::vector<std::int32_t>>& known, JobControl& job,
                          ExperimentObserver* observer, double done, double unit) {
  FittedLearner fitted;
  fitted.learner =
      make_learner(name, config.learner_configs.value(name, nlohmann::json::object()), k, w.seed);
  Learner& learner = *fitted.learner;
  EvaluationOptions options;
  options.num_items = inputs.data.num_items();
  options.steps = k;
  options.top_n = config.top_n;
  options.seed = w.seed;

  double validation_seconds = 0;
  TrainingContext ctx{inputs.data, w.split, w.Q, &known, {}, config.validate_every};
  ctx.all_meta_train = &w.all_meta_train;
  install_validation(ctx, learner, w, options, job, validation_seconds);
  StageProgress stage(job, observer, w.seed, k, done, unit, &fitted.curve);
  const auto fit_start = Clock::now();
  job.enter(stage_name(Stage::kFit) + " " + name);
  learner.fit(ctx, stage.job());
  fitted.fit_seconds = std::max(0.0, seconds_since(fit_start) - validation_seconds);
  if (learner.meta_trains() && fitted.fit_seconds > 0 && stage.epochs() > 0) {
    fitted.tasks_per_s = static_cast<double>(stage.epochs()) *
                         static_cast<double>(w.split.meta_train.size()) / fitted.fit_seconds;
  }
  if (observer) observer->on_learner_fitted(w.seed, k, learner);
  return fitted;
}

// A fit made at another K, handed to the observer as if made at `k`, so that curves and
// stored parameters are found under every K the run evaluates it at.
void reuse_fit(const FittedLearner& fitted, std::uint64_t seed, int k,
               ExperimentObserver* observer) {
  if (!observer) return;
  for (CurvePoint point : fitted.curve) {
    point.k = k;
    observer->on_curve_point(point);
  }
  observer->on_learner_fitted(seed, k, *fitted.learner);
}

// A fitted learner evaluated with K local steps on the meta-test users (and on each of Fig. 2's
// support sizes); every result goes to `results` and the observer.
void evaluate_learner(const ExperimentInputs& inputs, const ExperimentConfig& config,
                      const SeedWork& w, const std::string& name, int k,
                      const FittedLearner& fitted, JobControl& job, ExperimentObserver* observer,
                      std::vector<ResultRecord>& results) {
  const Dataset& data = inputs.data;
  EvaluationOptions options;
  options.num_items = data.num_items();
  options.steps = k;
  options.top_n = config.top_n;
  options.seed = w.seed;
  options.protocol = config.protocol;
  options.sampled_candidates = config.sampled_candidates;
  options.data = &data;
  job.enter(stage_name(Stage::kEvaluate) + " " + name);
  auto record_result = [&](std::span<const Task> tasks, std::optional<int> size,
                           std::int64_t skipped) {
    const Evaluation e = evaluate(*fitted.learner, tasks, options, &job);
    ResultRecord r;
    r.learner = name;
    r.k = k;
    r.support_size = size;
    r.seed = w.seed;
    r.protocol = config.protocol;
    r.hr = e.hr;
    r.ndcg = e.ndcg;
    r.users = static_cast<std::int64_t>(tasks.size());
    r.skipped_users = skipped;
    r.fit_seconds = fitted.fit_seconds;
    r.tasks_per_s = fitted.tasks_per_s;
    r.serve_us_median = e.serve_us_median;
    r.all_candidates_users = e.all_candidates_users;
    r.per_user = e.per_user;
    r.user_ids.reserve(tasks.size());
    for (const Task& t : tasks)
      r.user_ids.push_back(data.user_ids[static_cast<std::size_t>(t.user)]);
    if (observer) observer->on_result(r);
    results.push_back(std::move(r));
  };
  record_result(w.test_tasks, std::nullopt, 0);
  for (std::size_t i = 0; i < w.sized_tasks.size(); ++i) {
    record_result(w.sized_tasks[i].second, w.sized_tasks[i].first, w.sized_skipped[i]);
  }
}

}  // namespace

std::vector<ResultRecord> run_experiment(const ExperimentInputs& inputs,
                                         const ExperimentConfig& config, JobControl& job,
                                         ExperimentObserver* observer) {
  // Benches and tests call this directly: the same admission as a stored run's.
  admit_run(config, inputs.data);
  const auto known = sorted_items_by_user(inputs.data);
  std::vector<ResultRecord> results;

  const double units_per_seed =
      1.0 + static_cast<double>(config.learners.size() * config.ks.size());
  const double unit = 1.0 / (units_per_seed * static_cast<double>(config.seeds.size()));
  double done = 0;

  for (std::uint64_t seed : config.seeds) {
    const SeedWork w = prepare_seed(inputs, config, seed, job, observer, done, unit);
    done += unit;
    for (const auto& name : config.learners) {
      const bool fit_once = describe_learner(name).capabilities.fit_independent_of_k;
      std::optional<FittedLearner> fitted;
      for (int k : config.ks) {
        if (fit_once && fitted) {
          reuse_fit(*fitted, seed, k, observer);
        } else {
          fitted = fit_learner(inputs, config, w, name, k, known, job, observer, done, unit);
        }
        evaluate_learner(inputs, config, w, name, k, *fitted, job, observer, results);
        done += unit;
        Progress p;
        p.stage = Stage::kEvaluate;
        p.learner = name;
        p.k = k;
        p.seed = seed;
        p.fraction = 1.0;
        p.overall = done;
        job.report(p);
      }
    }
  }
  return results;
}

}  // namespace metacf
