// An experiment configuration against a memory budget: JSON through the schema, validate, the
// peak-memory estimate on a small fixed data set; when the estimate is within a small budget,
// the run's first stages for real (the split, one pretraining epoch) and the sampled protocol's
// candidate lists at their configured size. A field whose bound or estimate misses what a stage
// allocates shows up as an out-of-memory report (run with -rss_limit_mb and ulimit -v), a crash
// as a crash. Refusals are std::invalid_argument; nothing else may escape.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/experiment/experiment_config.h"
#include "core/experiment/memory_estimate.h"
#include "core/split/split.h"
#include "core/train/pretrain.h"
#include "core/util/job.h"
#include "fuzz/fuzz_input.h"

namespace {

// A budget that leaves the fuzzer's own memory room under -rss_limit_mb=1800.
constexpr std::int64_t kBudgetMib = 512;

// 60 users with 12 distinct items each out of 80.
const metacf::Dataset& small_dataset() {
  static const metacf::Dataset data = [] {
    metacf::Dataset d;
    d.format = "synthetic";
    for (std::int32_t u = 0; u < 60; ++u) {
      d.user_ids.push_back("u" + std::to_string(u));
      for (std::int32_t j = 0; j < 12; ++j) d.user_items.push_back((u * 7 + j * 5) % 80);
      d.user_offsets.push_back(static_cast<std::int64_t>(d.user_items.size()));
    }
    for (std::int32_t v = 0; v < 80; ++v) d.item_ids.push_back(std::to_string(v));
    return d;
  }();
  return data;
}

// What the sampled protocol holds for one task: sampled_candidates per query item. A task
// selects at most min(max_selected, the user's records) records, and a user never has more
// than the data set: the same cap the estimate uses.
std::size_t touch_candidates(const metacf::ExperimentConfig& config,
                             const metacf::Dataset& dataset) {
  const std::int64_t n = std::min<std::int64_t>(config.split.max_selected, dataset.num_records());
  const auto query = static_cast<std::size_t>(n - n / 2);
  std::vector<std::vector<std::int32_t>> lists(query);
  std::size_t total = 0;
  for (auto& list : lists) {
    list.assign(static_cast<std::size_t>(config.sampled_candidates), 1);
    total += list.size();
  }
  return total;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto config =
        nlohmann::json::parse(metacf::fuzz::as_text(data, size)).get<metacf::ExperimentConfig>();
    config.validate();
    const metacf::Dataset& dataset = small_dataset();
    const metacf::MemoryEstimate estimate = metacf::estimate_memory(
        config, {dataset.num_users(), dataset.num_items(), dataset.num_records()});
    metacf::check_memory_budget(estimate, kBudgetMib);

    const metacf::Split split = metacf::make_split(dataset, config.split);
    if (config.protocol == metacf::Protocol::kSampled) (void)touch_candidates(config, dataset);
    // One epoch is enough to allocate what every epoch does; early stopping is not the point.
    config.pretrain.max_epochs = 1;
    config.pretrain.max_validation_users = std::min(config.pretrain.max_validation_users, 60);
    metacf::JobControl job;
    (void)metacf::pretrain(dataset, split, config.pretrain, job);
  } catch (const nlohmann::json::exception&) {
  } catch (const std::invalid_argument&) {
  } catch (const metacf::Diverged&) {
  }
  return 0;
}
