#include "core/experiment/memory_estimate.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/data/dataset.h"
#include "core/experiment/experiment_config.h"
#include "core/learners/learner_descriptor.h"
#include "core/learners/registry.h"
#include "core/train/known_item_bits.h"
#include "core/util/physical_memory.h"

namespace metacf {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;
// The binary, its libraries, SQLite's page cache and the allocator's slack: measured at about
// 20 MiB for a run on the bundled sample, kept generous so the estimate stays an upper one.
constexpr double kProcessBytes = 64 * kMiB;
// Each worker thread's stack, allocator arena and OpenBLAS buffer as touched by a run: measured
// at about 1.2 MiB a thread (26 MiB at 2 threads, 98 MiB at 64 on the bundled sample).
constexpr double kThreadBytes = 2 * kMiB;
// Users and items whose scores the blocked evaluation holds at once (core/eval).
constexpr double kUsersPerBlock = 64;
constexpr double kItemsPerBlock = 2048;
// A std::vector grown by push_back may hold twice what it needs just after it grows.
constexpr double kGrowth = 2;

double d(std::int64_t v) { return static_cast<double>(v); }

std::string mib_text(double bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f MiB", std::ceil(bytes / kMiB));
  return buffer;
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

int max_k(const ExperimentConfig& config) {
  return config.ks.empty() ? 0 : *std::max_element(config.ks.begin(), config.ks.end());
}

}  // namespace

DataShape data_shape(const Dataset& data) {
  DataShape shape{data.num_users(), data.num_items(), data.num_records()};
  for (std::int32_t u = 0; u < data.num_users(); ++u) {
    const double n = static_cast<double>(data.items_of(u).size());
    shape.cooccurrence_pairs += n * n;
  }
  return shape;
}

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
  // data set. Pretraining and meta-training hold, one at a time, the users' known items as one
  // bit per item while those bits fit 16 MiB (KnownItemBits).
  const double known_bits =
      std::min(d(data.users) * std::ceil(d(data.items) / 64) * 8, d(KnownItemBits::kBudgetBytes));
  out.base = {"data", "",
              "40 B x records + items x D x 4 B + threads x (2 MiB + items x 8 B) + process + "
              "min(users x items / 8 B, 16 MiB)",
              40 * d(data.records) + d(data.items) * dim * 4 +
                  threads * (kThreadBytes + d(data.items) * 8) + kProcessBytes + known_bits};

  // Pretraining, when a learner of the run reads Q (pop, itemknn and ease alone do not): P and
  // Q, their gradients and two Adam moments each, the best Q kept and the copy being validated
  // (4 copies of P, 6 of Q); the positives (12 B each), held once by the drawing thread; two
  // chunks of up to 64 batches of batch_size x (1 + negatives) pairs of 12 B, one being
  // trained on while the next is drawn (never more positives than there are records).
  if (any_reads_item_matrix(config.learners)) {
    const double chunk_pairs = std::min(64 * d(config.pretrain.batch_size), d(data.records)) *
                               (1 + d(config.pretrain.negatives));
    const double chunk_bytes = 2 * kGrowth * chunk_pairs * 12;
    const double factors = (4 * d(data.users) + 6 * d(data.items)) * dim * 4;
    out.stages.push_back(
        {"pretraining", "pretrain.negatives or pretrain.batch_size",
         "min(64 batch_size, records) x (1 + negatives) x 12 B x 2 x 2 + (4 users + 6 items) x D "
         "x 4 B + records x 12 B",
         chunk_bytes + factors + d(data.records) * 12 + d(data.items) * 8});
  }

  // Each learner's own, by its family's model (LearnerDescriptor::memory), and the most one
  // keeps once fitted, which the evaluation below holds beside its own buffers.
  MemoryShape shape{d(data.users),          d(data.items), d(data.records), dim,
                    max_task(config, data), threads,       max_k(config)};
  shape.cooccurrence_pairs = data.cooccurrence_pairs > 0
                                 ? data.cooccurrence_pairs
                                 : d(data.records) * std::min(d(data.items), d(data.records));
  double largest_fitted = 0;
  std::vector<MemoryTerm> learners;
  for (const auto& name : config.learners) {
    const auto learner = find_learner(name);
    if (!learner) continue;
    const auto own = config.learner_configs.find(name);
    const LearnerMemory m = learner_memory(
        *learner, own != config.learner_configs.end() ? *own : nlohmann::json::object(), shape);
    largest_fitted = std::max(largest_fitted, m.fitted);
    if (m.fitting <= 0) continue;
    learners.push_back({name, "learner_configs." + name + "." + m.fields, m.formula, m.fitting});
  }

  // Evaluation (and the validation checks, which rank the same way): each thread scores one
  // user over every item (float score and int index), or a block of 64 users over 2,048 items
  // at a time; the sampled protocol draws sampled_candidates per query item of a task, each
  // thread one query item's at a time, kept distinct by a hash set (about 48 B an entry with
  // its bucket, plus the 4 B item).
  const double ranking = threads * (d(data.items) * 8 + kUsersPerBlock * kItemsPerBlock * 4);
  if (config.protocol == Protocol::kSampled) {
    out.stages.push_back(
        {"evaluation", "sampled_candidates",
         "max query x sampled_candidates x 4 B x 2 + threads x sampled_candidates x 52 B (max "
         "query: half of min(max_selected, records)) + the largest fitted learner",
         max_query(config, data) * d(config.sampled_candidates) * 4 * kGrowth +
             threads * d(config.sampled_candidates) * 52 + ranking + largest_fitted});
  } else {
    out.stages.push_back({"evaluation", "",
                          "threads x (items x 8 B + 64 users x 2,048 items x 4 B) + the largest "
                          "fitted learner",
                          ranking + largest_fitted});
  }
  out.stages.insert(out.stages.end(), learners.begin(), learners.end());
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
