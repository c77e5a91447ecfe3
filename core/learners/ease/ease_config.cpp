#include "core/learners/ease/ease_config.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/config/config_schema.h"
#include "core/util/physical_memory.h"

namespace metacf {
namespace {

constexpr std::int64_t kMaxBudgetMib = std::int64_t{1} << 24;  // 16 TiB
// When sysconf cannot tell: a budget that fits catalogues of about 16,000 items.
constexpr std::int64_t kFallbackBudgetMib = 1024;

}  // namespace

const ConfigSchema<EaseConfig>& ease_config_schema() {
  using C = EaseConfig;
  static const ConfigSchema<C> schema(
      "ease config", RangeMessages::kInterval,
      {field("lambda", &C::lambda, above_up_to(0, 1e7), "L2 weight λ",
             "Regularisation of the item-item weights; large values (10000) suit new users with "
             "a few clicks"),
       field("mode", &C::mode, "Solve",
             "auto: the exact dense inverse while it fits the memory budget, else a sparse "
             "approximation; dense or sparse force one")
           .one_of({"auto", "dense", "sparse"}),
       field("memory_budget_mib", &C::memory_budget_mib,
             between(0, static_cast<double>(kMaxBudgetMib)), "Memory budget (MiB)",
             "What the dense n x n float matrix may take; 0: a quarter of physical memory"),
       field("sparse_density", &C::sparse_density, above_up_to(0, 1), "Sparse density",
             "Share of the n x n entries the sparse solve keeps (at least 256 per item)")});
  return schema;
}

void EaseConfig::validate() const { ease_config_schema().validate(*this); }

std::int64_t EaseConfig::sparse_entries_per_column(std::int64_t num_items) const {
  const auto wanted =
      static_cast<std::int64_t>(std::ceil(sparse_density * static_cast<double>(num_items)));
  return std::max<std::int64_t>(1, std::min(std::max(wanted, kMinSparseEntries), num_items - 1));
}

void to_json(nlohmann::json& j, const EaseConfig& c) { j = ease_config_schema().write(c); }

void from_json(const nlohmann::json& j, EaseConfig& c) {
  ease_config_schema().read(j, c, UnknownKeys::kReject);
}

std::string EaseSolve::summary() const {
  const std::string size = std::to_string(items) + " items";
  if (mode == EaseMode::kDense) {
    return "exact dense solve: " + size + " take " + std::to_string(dense_mib) + " MiB" +
           (forced ? " (mode dense in the config)"
                   : " of a " + std::to_string(budget_mib) + " MiB budget");
  }
  return "sparse approximate solve (" + std::to_string(sparse_entries) +
         " entries per item): " + size +
         (forced ? " (mode sparse in the config)"
                 : " would need " + std::to_string(dense_mib) + " MiB dense, over the " +
                       std::to_string(budget_mib) + " MiB budget");
}

EaseSolve choose_ease_solve(const EaseConfig& config, std::int64_t num_items) {
  EaseSolve solve;
  solve.items = num_items;
  // One n x n float matrix: the factor and the inverse overwrite it in place.
  const double bytes =
      static_cast<double>(num_items) * static_cast<double>(num_items) * sizeof(float);
  solve.dense_mib = static_cast<std::int64_t>(std::ceil(bytes / (1 << 20)));
  if (config.memory_budget_mib > 0) {
    solve.budget_mib = config.memory_budget_mib;
  } else {
    const std::int64_t physical = physical_memory_mib();
    solve.budget_mib = physical > 0 ? physical / 4 : kFallbackBudgetMib;
  }
  solve.forced = config.mode != "auto";
  const bool dense =
      config.mode == "dense" || (config.mode == "auto" && solve.dense_mib <= solve.budget_mib);
  solve.mode = dense ? EaseMode::kDense : EaseMode::kSparse;
  if (!dense) solve.sparse_entries = config.sparse_entries_per_column(num_items);
  return solve;
}

}  // namespace metacf
