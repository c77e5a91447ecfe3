#include "core/learners/ease_config.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/util/json_value.h"

namespace metacf {
namespace {

constexpr std::int64_t kMaxBudgetMib = std::int64_t{1} << 24;  // 16 TiB
// When sysconf cannot tell: a budget that fits catalogues of about 16,000 items.
constexpr std::int64_t kFallbackBudgetMib = 1024;

}  // namespace

void EaseConfig::validate() const {
  if (!(lambda > 0.0 && lambda <= 1e7)) {
    throw std::invalid_argument("ease config: lambda = " + std::to_string(lambda) +
                                " is out of range; expected (0, 1e7]");
  }
  if (mode != "auto" && mode != "dense" && mode != "sparse") {
    throw std::invalid_argument("ease config: mode = '" + mode + "' is not one of auto, dense, sparse");
  }
  if (memory_budget_mib < 0 || memory_budget_mib > kMaxBudgetMib) {
    throw std::invalid_argument("ease config: memory_budget_mib = " + std::to_string(memory_budget_mib) +
                                " is out of range; expected [0, " + std::to_string(kMaxBudgetMib) +
                                "] (0: a quarter of physical memory)");
  }
  if (!(sparse_density > 0.0 && sparse_density <= 1.0)) {
    throw std::invalid_argument("ease config: sparse_density = " + std::to_string(sparse_density) +
                                " is out of range; expected (0, 1]");
  }
}

std::int64_t EaseConfig::sparse_entries_per_column(std::int64_t num_items) const {
  const auto wanted = static_cast<std::int64_t>(std::ceil(sparse_density * static_cast<double>(num_items)));
  return std::max<std::int64_t>(1, std::min(std::max(wanted, kMinSparseEntries), num_items - 1));
}

void to_json(nlohmann::json& j, const EaseConfig& c) {
  j = {{"lambda", c.lambda},
       {"mode", c.mode},
       {"memory_budget_mib", c.memory_budget_mib},
       {"sparse_density", c.sparse_density}};
}

void from_json(const nlohmann::json& j, EaseConfig& c) {
  const EaseConfig d;
  c.lambda = json_value(j, "lambda", d.lambda);
  c.mode = json_value(j, "mode", d.mode);
  c.memory_budget_mib = json_value(j, "memory_budget_mib", d.memory_budget_mib);
  c.sparse_density = json_value(j, "sparse_density", d.sparse_density);
}

std::string EaseSolve::summary() const {
  const std::string size = std::to_string(items) + " items";
  if (mode == EaseMode::kDense) {
    return "exact dense solve: " + size + " take " + std::to_string(dense_mib) + " MiB" +
           (forced ? " (mode dense in the config)"
                   : " of a " + std::to_string(budget_mib) + " MiB budget");
  }
  return "sparse approximate solve (" + std::to_string(sparse_entries) + " entries per item): " +
         size + (forced ? " (mode sparse in the config)"
                        : " would need " + std::to_string(dense_mib) + " MiB dense, over the " +
                              std::to_string(budget_mib) + " MiB budget");
}

std::int64_t physical_memory_mib() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<std::int64_t>(pages) * page_size / (std::int64_t{1} << 20);
}

EaseSolve choose_ease_solve(const EaseConfig& config, std::int64_t num_items) {
  EaseSolve solve;
  solve.items = num_items;
  // One n x n float matrix: the factor and the inverse overwrite it in place.
  const double bytes = static_cast<double>(num_items) * static_cast<double>(num_items) * sizeof(float);
  solve.dense_mib = static_cast<std::int64_t>(std::ceil(bytes / (1 << 20)));
  if (config.memory_budget_mib > 0) {
    solve.budget_mib = config.memory_budget_mib;
  } else {
    const std::int64_t physical = physical_memory_mib();
    solve.budget_mib = physical > 0 ? physical / 4 : kFallbackBudgetMib;
  }
  solve.forced = config.mode != "auto";
  const bool dense = config.mode == "dense" || (config.mode == "auto" && solve.dense_mib <= solve.budget_mib);
  solve.mode = dense ? EaseMode::kDense : EaseMode::kSparse;
  if (!dense) solve.sparse_entries = config.sparse_entries_per_column(num_items);
  return solve;
}

}  // namespace metacf
