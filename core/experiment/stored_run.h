#pragma once
// An experiment whose every step lands in the store as it happens: the run row first, then
// each split, item matrix, curve point (one commit per epoch), fitted learner and result, and
// finally its status. A crash loses at most the step in flight.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/experiment/experiment_runner.h"
#include "core/store/experiment_store.h"

namespace metacf {

// Where the data came from, so the store can recognise a data set it has seen.
struct DataSource {
  std::string path;
  std::string format;
  std::string titles_path;  // optional
  nlohmann::json stats = nlohmann::json::object();
  // How it was read (column order, rating threshold, lenient, item embeddings file), kept in
  // the run's configuration for the record; the loaded data set itself is stored whole.
  nlohmann::json load = nlohmann::json::object();
};

struct StoredRun {
  std::int64_t run_id = 0;
  RunStatus status = RunStatus::kRunning;
  std::string error;                  // why it failed; empty otherwise
  std::vector<ResultRecord> results;  // what finished, also when cancelled or failed
};

// Never throws for a failed or cancelled experiment: the outcome is in the returned status
// (and in the store). Store errors before the run row exists do throw, and so does an estimated
// peak memory over the budget (std::invalid_argument, nothing stored).
// `also` (optional) sees every event after the store has it (the UI's live view).
StoredRun run_and_store(ExperimentStore& store, const DataSource& source,
                        const ExperimentInputs& inputs, const ExperimentConfig& config,
                        JobControl& job, ExperimentObserver* also = nullptr,
                        const std::string& label = "",
                        const std::function<void(std::int64_t run_id)>& on_begin = {});

// A run cancelled before its experiment began (while its data was being read): stored as
// cancelled, without a data set, so that a stopped run is never lost from the list.
StoredRun store_cancelled_before_start(ExperimentStore& store, const DataSource& source,
                                       const ExperimentConfig& config,
                                       const std::string& label = "");

// The result rows of one record: one per metric.
std::vector<ResultRow> result_rows(const ResultRecord& record, int top_n);

// Name under which a run's item matrix Q is stored (it is shared by every learner).
inline constexpr const char* kItemEmbeddingsKey = "pretrain";

}  // namespace metacf
