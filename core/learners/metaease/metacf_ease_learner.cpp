#include "core/learners/metaease/metacf_ease_learner.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/learners/ease/ease_config.h"
#include "core/learners/ease/ease_dense.h"
#include "core/learners/metaease/ease_without_user.h"
#include "core/split/task_redraws.h"

namespace metacf {
namespace {

// The redraws' stream: fixed, so that a split always gives the same draws (the learner takes no
// seed), and forked by user inside with_redraws().
constexpr std::uint64_t kRedrawSeed = 0x6d65746165617365;

EaseSolve dense_solve(const MetaEaseConfig& config, std::int64_t items) {
  EaseConfig ease;
  ease.lambda = config.lambda;
  ease.memory_budget_mib = config.memory_budget_mib;
  return choose_ease_solve(ease, items);
}

// "gain over ease alone on the meta-training users by clicks 1: +0.0123 (SE 0.0040, 812 users,
// 6496 tasks), ..."
std::string choices_summary(const std::vector<GateChoice>& choices) {
  std::string out = "HR@10 gain over ease alone on the meta-training users by clicks";
  for (std::size_t g = 0; g < choices.size(); ++g) {
    char cell[96];
    std::snprintf(cell, sizeof cell, "%s%zu: %+.4f (SE %.4f, %lld users, %lld tasks)",
                  g == 0 ? " " : ", ", g + 1, choices[g].gain, choices[g].gain_se,
                  static_cast<long long>(choices[g].users),
                  static_cast<long long>(choices[g].tasks));
    out += cell;
  }
  return out;
}

float four_digits(double value) {
  const double unit = std::pow(10.0, std::floor(std::log10(value)) - 3);
  return static_cast<float>(std::round(value / unit) * unit);
}

}  // namespace

std::string gate_summary(const Eigen::VectorXf& mix) {
  std::string out = "popularity mix by clicks";
  for (Eigen::Index g = 0; g < mix.size(); ++g) {
    char cell[64];
    std::snprintf(cell, sizeof cell, "%s%lld%s: %g", g == 0 ? " " : ", ",
                  static_cast<long long>(g + 1), g + 1 == mix.size() ? "+" : "",
                  static_cast<double>(mix[g]));
    out += cell;
  }
  return out + " (0: ease alone)";
}

MetaEaseLearner::MetaEaseLearner(MetaEaseConfig config) : config_(config) { config_.validate(); }

std::string MetaEaseLearner::unfit_reason(const Dataset& data) const {
  const EaseSolve solve = dense_solve(config_, data.num_items());
  if (solve.mode == EaseMode::kDense) return {};
  return "metacf_ease needs ease's exact dense solve: " + std::to_string(solve.items) +
         " items need " + std::to_string(solve.dense_mib) + " MiB, over the " +
         std::to_string(solve.budget_mib) + " MiB budget (memory_budget_mib)";
}

void MetaEaseLearner::count_popularity(const UserItemRows& rows, std::int32_t num_items) {
  counts_.assign(static_cast<std::size_t>(num_items), 0);
  for (const auto v : rows.items) ++counts_[static_cast<std::size_t>(v)];
  Eigen::VectorXd logs(num_items);
  for (std::int32_t v = 0; v < num_items; ++v)
    logs[v] = std::log1p(static_cast<double>(counts_[static_cast<std::size_t>(v)]));
  const double mean = num_items > 0 ? logs.mean() : 0.0;
  const double var = num_items > 0 ? (logs.array() - mean).square().mean() : 0.0;
  log_mean_ = static_cast<float>(mean);
  log_scale_ = var > 0 ? static_cast<float>(1.0 / std::sqrt(var)) : 1.0f;
  popularity_.resize(num_items);
  for (std::int32_t v = 0; v < num_items; ++v)
    popularity_[v] = popularity_of(counts_[static_cast<std::size_t>(v)]);
}

float MetaEaseLearner::popularity_of(std::int64_t count) const {
  return (static_cast<float>(std::log1p(static_cast<double>(count))) - log_mean_) * log_scale_;
}

std::vector<GateTask> MetaEaseLearner::gate_tasks(const TrainingContext& ctx,
                                                  const Eigen::MatrixXf& inverse,
                                                  const std::vector<std::int64_t>& counts) const {
  const auto& all = ctx.split.meta_train;
  const auto total = static_cast<std::int64_t>(all.size());
  const int draws =
      ctx.split.published_tasks
          ? 1
          : static_cast<int>(std::min<std::int64_t>(config_.draws, config_.max_tasks));
  const std::int64_t users = std::min(total, std::max<std::int64_t>(1, config_.max_tasks / draws));
  std::vector<Task> chosen;
  chosen.reserve(static_cast<std::size_t>(users));
  for (std::int64_t i = 0; i < users; ++i)
    chosen.push_back(all[static_cast<std::size_t>(i * total / users)]);
  const std::vector<Task> drawn = with_redraws(ctx.data, ctx.split, chosen, draws, kRedrawSeed);
  std::vector<GateTask> tasks(drawn.size());
  // A user's draws are consecutive (with_redraws): her downdate is computed once for them.
#pragma omp parallel for schedule(dynamic, 4)
  for (std::int64_t i = 0; i < users; ++i) {
    const auto first = static_cast<std::size_t>(i * draws);
    const auto records = ctx.data.items_of(drawn[first].user);
    const EaseDowndate downdate = ease_downdate(inverse, records);
    std::vector<float> own_popularity;
    for (const auto v : records)
      own_popularity.push_back(popularity_of(counts[static_cast<std::size_t>(v)] - 1));
    for (std::size_t d = first; d < first + static_cast<std::size_t>(draws); ++d) {
      GateTask& task = tasks[d];
      task.user = drawn[d].user;
      task.support = drawn[d].support;
      task.query = drawn[d].query;
      task.own_items.assign(records.begin(), records.end());
      task.own_popularity = own_popularity;
      task.ease.resize(inverse.rows());
      ease_scores_without_user(inverse, downdate, task.support, task.ease);
    }
  }
  return tasks;
}

void MetaEaseLearner::fit(const TrainingContext& ctx, JobControl& job) {
  const std::int32_t n = ctx.data.num_items();
  if (const std::string why = unfit_reason(ctx.data); !why.empty()) throw std::runtime_error(why);
  records_ = training_records(ctx);
  count_popularity(records_, n);
  Eigen::MatrixXf inverse = dense_ease_inverse(records_, n, config_.lambda, &job);
  std::vector<GateTask> tasks = gate_tasks(ctx, inverse, counts_);
  job.check();
  double magnitude = 0;
  std::int64_t entries = 0;
  for (const auto& t : tasks) {
    magnitude += t.ease.cast<double>().cwiseAbs().sum();  // the support's entries are 0
    entries += t.ease.size() - static_cast<std::int64_t>(t.support.size());
  }
  // Four significant digits: the scale is a unit, and its last bits would be those of the LAPACK
  // solve, which differ with its thread count (metacf_auto fits folds one per thread).
  ease_scale_ = magnitude > 0 ? four_digits(static_cast<double>(entries) / magnitude) : 1.0f;
  for (auto& t : tasks) t.ease *= ease_scale_;
  gate_ = choose_support_gate(tasks, popularity_, config_.min_gain_se, job, &choices_);
  tasks.clear();
  Progress progress;
  progress.stage = Stage::kFit;
  progress.learner = name();
  progress.epoch = progress.epochs = 1;
  progress.epoch_done = true;
  progress.message = name() + ": " + gate_summary(gate_.mix) + "; " + choices_summary(choices_);
  job.report(progress);
  ease_weights_from_inverse(inverse);
  b_t_ = std::move(inverse);
}

std::vector<UserState> MetaEaseLearner::adapt(std::span<const std::int32_t> support, int steps,
                                              Rng&) const {
  return unchanged_states(support, steps);
}

void MetaEaseLearner::score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const {
  out.setZero();
  for (const auto s : state.support) out += b_t_.col(s);
  const std::size_t k = state.support.size();
  out = ease_scale_ * out + gate_.popularity_weight(k) * popularity_;
}

std::vector<NamedTensor> MetaEaseLearner::parameters() const {
  std::vector<NamedTensor> tensors;
  append_rows_as_tensors(records_, "user_items", tensors);
  tensors.push_back({"num_items", 1, 1, {static_cast<float>(popularity_.size())}});
  NamedTensor gate{kGateTensor, 1, kGateSizes + 1, {}};
  gate.values.assign(gate_.mix.data(), gate_.mix.data() + kGateSizes);
  gate.values.push_back(ease_scale_);
  tensors.push_back(std::move(gate));
  return tensors;
}

void MetaEaseLearner::load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings) {
  const UserItemRows rows = rows_from_tensors(tensors, "user_items");
  std::int32_t n = -1;
  const NamedTensor* gate = nullptr;
  for (const auto& t : tensors) {
    if (t.name == "num_items" && t.values.size() == 1 && t.values[0] >= 0 &&
        t.values[0] < 16777216.0f)
      n = static_cast<std::int32_t>(t.values[0]);
    if (t.name == kGateTensor && t.values.size() == kGateSizes + 1) gate = &t;
  }
  if (n < 0) throw std::runtime_error("stored parameters of metacf_ease lack a valid 'num_items'");
  if (!gate) throw std::runtime_error("stored parameters of metacf_ease lack its gate weights");
  for (const auto v : rows.items) {
    if (v < 0 || v >= n)
      throw std::runtime_error("stored parameters of metacf_ease: item out of range");
  }
  for (const float w : gate->values) {
    if (!std::isfinite(w))
      throw std::runtime_error("stored parameters of metacf_ease: a weight is not finite");
  }
  if (const EaseSolve solve = dense_solve(config_, n); solve.mode != EaseMode::kDense)
    throw std::runtime_error("stored metacf_ease: " + std::to_string(n) + " items need " +
                             std::to_string(solve.dense_mib) + " MiB, over this machine's " +
                             std::to_string(solve.budget_mib) + " MiB budget");
  records_ = rows;
  count_popularity(records_, n);
  gate_.mix = Eigen::Map<const Eigen::VectorXf>(gate->values.data(), kGateSizes);
  choices_.clear();
  ease_scale_ = gate->values.back();
  b_t_ = dense_ease_weights(records_, n, config_.lambda);
}

}  // namespace metacf
