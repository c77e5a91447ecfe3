#pragma once
// Plain records the experiment store reads and writes, one struct per table.
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/split/split.h"
#include "core/store/curve_point.h"
#include "core/util/job.h"

namespace metacf {

enum class RunStatus { kRunning, kCompleted, kCancelled, kFailed, kInterrupted };
// "running", "completed", "cancelled", "failed", "interrupted": the words stored in the file.
std::string_view to_string(RunStatus status);
// Throws std::invalid_argument naming the accepted words.
RunStatus run_status_from_string(std::string_view text);

struct DatasetRecord {
  std::int64_t id = 0;
  std::string source_path;
  std::string format;        // as Dataset::format: "ml100k", "ml1m", "csv", "inter", ...
  std::string content_hash;  // file_content_hash() of the source file
  nlohmann::json stats = nlohmann::json::object();
  std::string imported_at;  // ISO 8601 UTC, set by the store
};

struct SplitRecord {
  std::int64_t id = 0;
  std::int64_t dataset_id = 0;
  SplitConfig config;  // config.seed is also stored in its own column for queries
  std::string created_at;
};

struct RunRecord {
  std::int64_t id = 0;
  std::optional<std::int64_t> dataset_id;  // null once the data set was deleted
  std::optional<std::int64_t> split_id;
  nlohmann::json config = nlohmann::json::object();  // everything needed to rerun it
  std::string label;
  std::string code_version;
  std::string started_at;   // ISO 8601 UTC
  std::string finished_at;  // empty while running
  RunStatus status = RunStatus::kRunning;
  std::string error;  // why it failed or was interrupted; empty otherwise
  std::int64_t owner_pid = 0;
};

struct ResultRow {
  std::string learner;
  int k = 0;                        // adaptation steps at test time
  std::optional<int> support_size;  // null: each user's own support (Table 2), else Fig. 2
  std::uint64_t seed = 0;
  std::string protocol = "full";  // "full" ranking or "sampled" (1 + 100 negatives)
  std::string metric;             // "hr@10", "ndcg@10", ...
  double value = 0;
  std::int64_t users = 0;                           // users the metric averages over
  nlohmann::json extra = nlohmann::json::object();  // meta_train_seconds, tasks_per_s, ...
};

// A learner of a run whose trained tensors are stored (what the simulator can load).
struct StoredParameters {
  std::string learner;
  std::uint64_t seed = 0;
  std::int64_t tensors = 0;
  int k = 0;
};

}  // namespace metacf
