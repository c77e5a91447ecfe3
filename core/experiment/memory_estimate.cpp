#include "core/experiment/memory_estimate.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "core/config/config_field.h"
#include "core/experiment/experiment_config.h"
#include "core/learners/auto/auto_config.h"
#include "core/learners/ease/ease_config.h"
#include "core/learners/learner_descriptor.h"
#include "core/learners/registry.h"

namespace metacf {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;
// The binary, its libraries, SQLite's page cache and the allocator's slack: measured at about
// 20 MiB for a run on the bundled sample, kept generous so the estimate stays an upper one.
constexpr double kProcessBytes = 64 * kMiB;
// Each worker thread's stack, allocator arena and OpenBLAS buffer as touched by a run: measured
// at about 1.2 MiB a thread (26 MiB at 2 threads, 98 MiB at 64 on the bundled sample).
constexpr double kThreadBytes = 2 * kMiB;
// Users whose scores over all items are held at once by the blocked evaluation.
constexpr double kUsersPerBlock = 64;
// A std::vector grown by push_back may hold twice what it needs just after it grows.
constexpr double kGrowth = 2;

double d(std::int64_t v) { return static_cast<double>(v); }

std::string mib_text(double bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f MiB", std::ceil(bytes / kMiB));
  return buffer;
}

// A learner's numeric setting: its override under learner_configs, else the schema's default.
double learner_setting(const ExperimentConfig& config, const std::string& learner,
                       const FieldInfo& f) {
  const auto it = config.learner_configs.find(learner);
  if (it != config.learner_configs.end() && it->is_object()) {
    const auto value = it->find(f.key);
    if (value != it->end() && value->is_number()) return value->get<double>();
  }
  return f.default_value.is_number() ? f.default_value.get<double>() : 0.0;
}

// The most records one task can select: max_selected, but never more than the data set has.
double max_task(const ExperimentConfig& config, const DataShape& data) {
  return std::min(d(config.split.max_selected), d(data.records));
}

// The largest query a task can have: n - floor(n / 2) of its at most max_task records.
double max_query(const ExperimentConfig& config, const DataShape& data) {
  const double n = max_task(config, data);
  return n - std::floor(n / 2);
}

// The ease settings under `configs` (learner_configs, or metacf_auto's candidate_configs);
// nullopt when they do not parse (its own check names the bad setting).
std::optional<EaseConfig> ease_config_in(const nlohmann::json& configs) {
  EaseConfig ease;
  try {
    if (configs.is_object() && configs.contains("ease")) from_json(configs.at("ease"), ease);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return ease;
}

struct EaseBytes {
  double fitting = 0;  // at the peak of one fit
  double fitted = 0;   // what a fitted ease keeps
};

EaseBytes ease_bytes(const EaseConfig& ease, const DataShape& data) {
  const EaseSolve solve = choose_ease_solve(ease, data.items);
  if (solve.mode == EaseMode::kDense) {
    // One n x n float matrix factored and inverted in place, plus the co-occurrence counts it is
    // built from and B: three of them at the peak; B is kept.
    const double matrix = d(data.items) * d(data.items) * 4;
    return {3 * matrix, matrix};
  }
  // Per column: the kept entries of the matrix, of its factor and of the approximate inverse,
  // each a float value and an int index; the inverse is kept by columns and by rows.
  const double entries = d(solve.sparse_entries) * d(data.items);
  return {3 * entries * 8, 2 * entries * 8};
}

void add_ease(const ExperimentConfig& config, const DataShape& data, MemoryEstimate& out) {
  nlohmann::json configs = nlohmann::json::object();
  if (const auto it = config.learner_configs.find("ease"); it != config.learner_configs.end())
    configs["ease"] = *it;
  const auto ease = ease_config_in(configs);
  if (!ease) return;
  const bool dense = choose_ease_solve(*ease, data.items).mode == EaseMode::kDense;
  out.stages.push_back(dense ? MemoryTerm{"ease", "learner_configs.ease.mode or memory_budget_mib",
                                          "3 x items^2 x 4 B", ease_bytes(*ease, data).fitting}
                             : MemoryTerm{"ease", "learner_configs.ease.sparse_density",
                                          "3 x items x entries per column x 8 B",
                                          ease_bytes(*ease, data).fitting});
}

// metacf_auto keeps every fold's fitted candidates until it has chosen (they score the fold's
// users for every blend), and fits up to one fold per thread at once (auto_fold_fits.h).
void add_auto(const ExperimentConfig& config, const DataShape& data, int threads,
              MemoryEstimate& out) {
  AutoConfig settings;
  try {
    if (const auto it = config.learner_configs.find("metacf_auto");
        it != config.learner_configs.end())
      from_json(*it, settings);
  } catch (const std::exception&) {
    return;
  }
  const double dim = config.pretrain.dim;
  const double folds = settings.folds;
  const double at_once = std::min(folds, static_cast<double>(std::max(threads, 1)));
  // A fitted counting learner keeps the training records by user and by item (itemknn, 8 B a
  // record); an adaptive or meta-learned one copies the item matrix about four times (by rows,
  // by columns, packed for scoring, its co-occurrence rows).
  double kept = 0, fitting = 0;
  for (const auto& name : settings.candidates) {
    if (name == "ease") {
      if (const auto ease = ease_config_in(settings.candidate_configs)) {
        const EaseBytes b = ease_bytes(*ease, data);
        kept += b.fitted;
        fitting = std::max(fitting, b.fitting);
      }
    } else if (const auto learner = find_learner(name);
               learner && learner->family == LearnerFamily::kCounting) {
      kept += d(data.records) * 8 + d(data.items) * 4;
    } else {
      kept += 4 * d(data.items) * dim * 4;
    }
  }
  out.stages.push_back({"metacf_auto", "learner_configs.metacf_auto.folds or candidates",
                        "folds x fitted candidates + min(folds, threads) x the largest fit",
                        folds * kept + at_once * fitting});
}

}  // namespace

double MemoryEstimate::peak_bytes() const { return base.bytes + largest_stage().bytes; }

const MemoryTerm& MemoryEstimate::largest_stage() const {
  if (stages.empty()) return base;
  return *std::max_element(
      stages.begin(), stages.end(),
      [](const MemoryTerm& a, const MemoryTerm& b) { return a.bytes < b.bytes; });
}

MemoryEstimate estimate_memory(const ExperimentConfig& config, const DataShape& data, int threads) {
  MemoryEstimate out;
  const double dim = config.pretrain.dim;
  if (threads <= 0) threads = omp_get_max_threads();
  // Base: each record as (user, item, rating) and in the per-user and per-item indices (about
  // 40 B), the pretrained item factors Q that every learner reads, and each worker thread's
  // share with a row of scores over all items: a many-core machine's threads outweigh a small
  // data set.
  out.base = {"data", "",
              "40 B x records + items x D x 4 B + threads x (2 MiB + items x 8 B) + process",
              40 * d(data.records) + d(data.items) * dim * 4 +
                  threads * (kThreadBytes + d(data.items) * 8) + kProcessBytes};

  // Pretraining: P and Q, their gradients and two Adam moments each, the best Q kept (4 copies
  // of P, 5 of Q); the positives (12 B each); one batch of batch_size x (1 + negatives) pairs
  // of 12 B, grown by push_back (a batch never holds more positives than there are records);
  // each validation user's scores over all items.
  const double batch_pairs =
      std::min(d(config.pretrain.batch_size), d(data.records)) * (1 + d(config.pretrain.negatives));
  const double batch_bytes = kGrowth * batch_pairs * 12;
  const double factors = (4 * d(data.users) + 5 * d(data.items)) * dim * 4;
  out.stages.push_back(
      {"pretraining", "pretrain.negatives or pretrain.batch_size",
       "min(batch_size, records) x (1 + negatives) x 12 B x 2 + (4 users + 5 items) x D x 4 B "
       "+ records x 12 B",
       batch_bytes + factors + d(data.records) * 12 + d(data.items) * 8});

  // Evaluation: the blocked full ranking holds 64 users' scores over all items (float score
  // and int index); the sampled protocol draws sampled_candidates per query item of a task,
  // each thread one query item's at a time, kept distinct by a hash set (about 48 B an entry
  // with its bucket, plus the 4 B item).
  if (config.protocol == Protocol::kSampled) {
    out.stages.push_back(
        {"evaluation", "sampled_candidates",
         "max query x sampled_candidates x 4 B x 2 + threads x sampled_candidates x 52 B (max "
         "query: half of min(max_selected, records))",
         max_query(config, data) * d(config.sampled_candidates) * 4 * kGrowth +
             threads * d(config.sampled_candidates) * 52 + kUsersPerBlock * d(data.items) * 8});
  } else {
    out.stages.push_back(
        {"evaluation", "", "64 users x items x 8 B", kUsersPerBlock * d(data.items) * 8});
  }

  // A validation point scores at most max_validation_scores user-item pairs (float and index).
  const double validation_pairs =
      std::min(d(config.max_validation_scores), d(config.max_validation_users) * d(data.items));
  out.stages.push_back({"validation", "max_validation_scores or max_validation_users",
                        "min(max_validation_scores, max_validation_users x items) x 8 B",
                        validation_pairs * 8});

  for (const auto& name : config.learners) {
    if (name == "ease") {
      add_ease(config, data, out);
      continue;
    }
    if (name == "metacf_auto") {
      add_auto(config, data, threads, out);
      continue;
    }
    const auto learner = find_learner(name);
    if (!learner || !learner->settings) continue;
    const FieldInfo* hidden = learner->settings->find("hidden");
    const FieldInfo* batch = learner->settings->find("batch_size");
    const FieldInfo* negatives = learner->settings->find("negatives");
    if (hidden == nullptr || batch == nullptr || negatives == nullptr) continue;
    const double h = learner_setting(config, name, *hidden);
    // Meta-training: a meta-batch of users, each task's records with their negatives, through
    // embeddings of D and a hidden layer of h, forward and backward (activations and gradients
    // of both). Scoring through an MLP (MeLU) holds a block of users x items x h activations.
    // A meta-batch never holds more records than the data set has.
    const double pairs =
        std::min(learner_setting(config, name, *batch) * max_task(config, data), d(data.records)) *
        (1 + learner_setting(config, name, *negatives));
    const double training = pairs * (dim + h) * 4 * 2 * 2;
    const double scoring = kUsersPerBlock * d(data.items) * h * 4 * 2;
    out.stages.push_back(
        {name, "learner_configs." + name + ".batch_size, negatives or hidden",
         "min(batch_size x max_selected, records) x (1 + negatives) x (D + hidden) x 16 B + "
         "64 users x items x hidden x 8 B",
         training + scoring + factors / 2});
  }
  return out;
}

std::int64_t memory_budget_mib(const ExperimentConfig& config) {
  if (config.memory_budget_mib > 0) return config.memory_budget_mib;
  const std::int64_t physical = physical_memory_mib();
  return physical > 0 ? physical / 2 : std::int64_t{4096};
}

void check_memory_budget(const MemoryEstimate& estimate, std::int64_t budget_mib) {
  if (estimate.peak_bytes() <= d(budget_mib) * kMiB) return;
  const MemoryTerm& term = estimate.largest_stage();
  std::string text = "estimated peak memory " + mib_text(estimate.peak_bytes()) +
                     " exceeds the budget of " + std::to_string(budget_mib) +
                     " MiB (memory_budget_mib, --memory-budget); the largest stage is " +
                     term.stage + " at " + mib_text(term.bytes) + " (" + term.formula + ")";
  if (!term.field.empty()) text += ": lower " + term.field;
  throw std::invalid_argument(text);
}

}  // namespace metacf
