#include "core/learners/ease/ease_learner.h"

#include <stdexcept>

#include "core/config/config_schema.h"
#include "core/learners/ease/ease_dense.h"
#include "core/learners/learner_descriptor.h"
#include "core/learners/training_records.h"

namespace metacf {

EaseLearner::EaseLearner(EaseConfig config) : config_(std::move(config)) { config_.validate(); }

void EaseLearner::fit(const TrainingContext& ctx, JobControl& job) {
  const EaseSolve solve = choose_ease_solve(config_, ctx.data.num_items());
  Progress progress;
  progress.stage = Stage::kFit;
  progress.learner = name();
  progress.message = "ease: " + solve.summary();
  job.report(progress);
  fit_with(training_records(ctx), ctx.data.num_items(), solve, &job);
  if (job.cancelled()) throw Cancelled();
  report_fitted(job, name());
}

void EaseLearner::fit_records(const UserItemRows& rows, std::int32_t num_items) {
  fit_with(rows, num_items, choose_ease_solve(config_, num_items));
}

void EaseLearner::fit_with(const UserItemRows& rows, std::int32_t num_items, const EaseSolve& solve,
                           const JobControl* job) {
  records_ = rows;
  solve_ = solve;
  if (solve.mode == EaseMode::kDense) {
    sparse_ = SparseEase();
    b_t_ = dense_ease_weights(rows, num_items, config_.lambda, job);
  } else {
    b_t_.resize(0, 0);
    sparse_.fit(rows, num_items, config_.lambda, solve.sparse_entries);
  }
}

std::vector<UserState> EaseLearner::adapt(std::span<const std::int32_t> support, int steps,
                                          Rng&) const {
  return unchanged_states(support, steps);
}

void EaseLearner::score(const UserState& state, Eigen::Ref<Eigen::VectorXf> out) const {
  if (solve_.mode == EaseMode::kSparse) {
    sparse_.score(state.support, out);
    return;
  }
  out.setZero();
  for (const auto s : state.support) out += b_t_.col(s);
}

std::vector<NamedTensor> EaseLearner::parameters() const {
  std::vector<NamedTensor> tensors;
  append_rows_as_tensors(records_, "user_items", tensors);
  tensors.push_back({"num_items", 1, 1, {static_cast<float>(solve_.items)}});
  // mode (0 dense, 1 sparse), forced, entries per column, dense MiB, budget MiB: the refit on
  // load uses the same solve, whatever machine it runs on. MiB are whole numbers below 2^24.
  tensors.push_back(
      {"ease_solve",
       1,
       5,
       {solve_.mode == EaseMode::kSparse ? 1.0f : 0.0f, solve_.forced ? 1.0f : 0.0f,
        static_cast<float>(solve_.sparse_entries), static_cast<float>(solve_.dense_mib),
        static_cast<float>(solve_.budget_mib)}});
  return tensors;
}

std::optional<EaseSolve> ease_solve_from_tensors(std::span<const NamedTensor> tensors) {
  std::optional<float> items;
  for (const auto& t : tensors) {
    if (t.name == "num_items" && t.values.size() == 1) items = t.values[0];
  }
  for (const auto& t : tensors) {
    if (t.name != "ease_solve" || t.values.size() != 5 || !items) continue;
    for (const float v : t.values) {
      if (!(v >= 0 && v < 16777216.0f)) return std::nullopt;
    }
    EaseSolve solve;
    solve.items = static_cast<std::int64_t>(*items);
    solve.mode = t.values[0] == 1.0f ? EaseMode::kSparse : EaseMode::kDense;
    solve.forced = t.values[1] == 1.0f;
    solve.sparse_entries = static_cast<std::int64_t>(t.values[2]);
    solve.dense_mib = static_cast<std::int64_t>(t.values[3]);
    solve.budget_mib = static_cast<std::int64_t>(t.values[4]);
    return solve;
  }
  return std::nullopt;
}

void EaseLearner::load_parameters(std::span<const NamedTensor> tensors, ItemEmbeddings) {
  const UserItemRows rows = rows_from_tensors(tensors, "user_items");
  for (const auto& t : tensors) {
    if (t.name == "num_items" && t.values.size() == 1 && t.values[0] >= 0 &&
        t.values[0] < 16777216.0f) {
      const auto num_items = static_cast<std::int32_t>(t.values[0]);
      for (const auto v : rows.items) {
        if (v < 0 || v >= num_items)
          throw std::runtime_error("stored parameters of ease: item out of range");
      }
      // Runs stored before the sparse solve existed were all dense.
      std::optional<EaseSolve> solve = ease_solve_from_tensors(tensors);
      if (!solve) solve = choose_ease_solve(EaseConfig{config_.lambda, "dense"}, num_items);
      if (solve->mode == EaseMode::kSparse && solve->sparse_entries < 1) {
        throw std::runtime_error(
            "stored parameters of ease: a sparse solve without entries per column");
      }
      if (const EaseSolve here = choose_ease_solve(config_, num_items);
          solve->mode == EaseMode::kDense && here.dense_mib > here.budget_mib) {
        throw std::runtime_error("stored ease was solved densely; " + std::to_string(num_items) +
                                 " items need " + std::to_string(here.dense_mib) +
                                 " MiB, over this machine's " + std::to_string(here.budget_mib) +
                                 " MiB budget");
      }
      fit_with(rows, num_items, *solve);
      return;
    }
  }
  throw std::runtime_error("stored parameters of ease lack a valid 'num_items'");
}

namespace {

LearnerMemory ease_memory(const nlohmann::json& config, const MemoryShape& shape) {
  EaseConfig ease;
  try {
    if (config.is_object()) from_json(config, ease);
  } catch (const std::exception&) {
    return {};
  }
  const EaseSolve solve = choose_ease_solve(ease, static_cast<std::int64_t>(shape.items));
  if (solve.mode == EaseMode::kDense) {
    // One n x n float matrix factored and inverted in place, plus the co-occurrence counts it
    // is built from and B: three of them at the peak; B is kept.
    const double matrix = shape.items * shape.items * 4;
    return {3 * matrix, matrix, "mode or memory_budget_mib", "3 x items^2 x 4 B"};
  }
  // The co-occurrence X^T X first holds every pair a user's records make (at most items^2), a
  // double and an int index each, as the product grown by doubling and its pruned copy. Of
  // the entries kept per column, about 120 B each: the sorted (column, row, value) list and its
  // triplets (16 B each), the kept matrix and the incomplete Cholesky's permuted copy and factor
  // (12 B each), the inverse's columns and their triplets (12 B each) and the inverse kept by
  // columns and by rows (8 B each).
  const double pairs = std::min(shape.cooccurrence_pairs, shape.items * shape.items);
  const double entries = static_cast<double>(solve.sparse_entries) * shape.items;
  return {std::max(3 * pairs * 12, pairs * 12 + entries * 120), 2 * entries * 8, "sparse_density",
          "max(3 x co-occurring pairs x 12 B, pairs x 12 B + items x entries per column x 120 B)"};
}

}  // namespace

LearnerEntry ease_learner_entry() {
  return {LearnerDescriptor{
              .name = "ease",
              .base = "ease",
              .family = LearnerFamily::kCounting,
              .origin = LearnerOrigin::kExtra,
              .summary = "EASE (Steck 2019): a closed-form item-item model",
              .chart_rgb = 0xD6328E,
              .quick_look = false,
              .capabilities = {.meta_trains = false,
                               .adapts = false,
                               .dot_product_scores = false,
                               .fit_independent_of_k = true,
                               .max_items = 0,
                               .reads_item_matrix = false},
              .settings = std::make_shared<const SchemaInfo>(ease_config_schema().info()),
              .unread_settings = {},
              .make = [](const nlohmann::json& config) -> std::unique_ptr<Learner> {
                return std::make_unique<EaseLearner>(config.get<EaseConfig>());
              },
              .fit_note = [](std::span<const NamedTensor> tensors) -> std::optional<std::string> {
                const auto solve = ease_solve_from_tensors(tensors);
                if (!solve) return std::nullopt;
                return solve->summary();
              },
              .memory = ease_memory},
          {},
          {}};
}

}  // namespace metacf
