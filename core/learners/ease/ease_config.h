#pragma once
// ease's settings and the choice between its two solves: the exact dense inverse while its
// n x n float matrix fits a memory budget derived from the machine, a sparse approximation
// (SANSA-style) above it, so no catalogue is refused for its size.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace metacf {

struct EaseConfig {
  // L2 weight lambda on B. (0, 1e7]. Large values make B close to the co-occurrence counts
  // over lambda; for new users with a few support items that ranked best on MovieLens 100K
  // (seeds 1-10: 300 < 1000 < 3000 < 10000 ~ 30000) and on the bundled sample.
  double lambda = 10000.0;
  // "auto": dense while it fits memory_budget_mib, else sparse; "dense" or "sparse" force one.
  std::string mode = "auto";
  // MiB the dense n x n float matrix may take; 0: a quarter of the machine's physical memory
  // (other learners and the evaluation share the machine). [0, 2^24].
  std::int64_t memory_budget_mib = 0;
  // Sparse solve: the fraction of the n x n entries kept in X^T X + lambda I (before its
  // incomplete factor, which keeps that pattern) and in each column of the factor's
  // approximate inverse, with at least kMinSparseEntries per column (fewer lost 2-18% of
  // exact EASE's HR@10 on MovieLens 100K). (0, 1].
  double sparse_density = 0.002;

  static constexpr std::int64_t kMinSparseEntries = 256;

  void validate() const;  // throws std::invalid_argument naming the field and its range
  // Entries kept per column of an n-item sparse solve.
  [[nodiscard]] std::int64_t sparse_entries_per_column(std::int64_t num_items) const;
};
void to_json(nlohmann::json& j, const EaseConfig& c);
void from_json(const nlohmann::json& j, EaseConfig& c);  // unknown keys are errors
template <class C>
class ConfigSchema;
const ConfigSchema<EaseConfig>& ease_config_schema();  // ranges and docs

enum class EaseMode { kDense, kSparse };

// Which solve a fit uses and why, kept with the fitted learner's parameters.
struct EaseSolve {
  EaseMode mode = EaseMode::kDense;
  std::int64_t items = 0;
  std::int64_t dense_mib = 0;       // what the dense matrix would take
  std::int64_t budget_mib = 0;      // the budget it was held against
  bool forced = false;              // mode "dense" or "sparse" in the config
  std::int64_t sparse_entries = 0;  // per column, sparse mode only

  // "exact dense solve: 9724 items take 361 MiB of a 5958 MiB budget"
  [[nodiscard]] std::string summary() const;
};

EaseSolve choose_ease_solve(const EaseConfig& config, std::int64_t num_items);

}  // namespace metacf
