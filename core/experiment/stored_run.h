#pragma once
// What a stored run is made of: where its data came from, its outcome, its result rows. Runs
// are started through RunRequest (run_request.h).
#include <cstdint>
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

// The result rows of one record: one per metric.
std::vector<ResultRow> result_rows(const ResultRecord& record, int top_n);

// Name under which a run's item matrix Q is stored (it is shared by every learner).
inline constexpr const char* kItemEmbeddingsKey = "pretrain";

}  // namespace metacf
