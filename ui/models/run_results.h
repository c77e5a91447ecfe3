#pragma once
// A run's results as the Results page tabulates them: read back from the store, or for the run
// going on in this window the records it delivered (the same values, per-user ones included).
#include <QString>
#include <string>
#include <vector>

#include "core/experiment/experiment_runner.h"
#include "core/learners/registry.h"
#include "core/report/run_export.h"
#include "core/store/experiment_store.h"

namespace metacf::ui {

struct RunResults {
  std::vector<ResultRecord> records;
  int top_n = 10;
  std::string baseline = default_reference_learner();
  QString name;                      // "run #3" or "run #3 “label”"
  std::vector<std::string> choices;  // what each metacf_auto chose, one line per (seed, K)
};

// Throws the store's errors (no such run, unreadable store).
RunResults loadRunResults(ExperimentStore& store, qint64 run_id, qint64 live_run,
                          const std::vector<ResultRecord>& live_records);
// The same with the run's stored results already read as exports read them (no second read).
RunResults loadRunResults(ExperimentStore& store, qint64 run_id, qint64 live_run,
                          const std::vector<ResultRecord>& live_records, const RunTables& stored);

}  // namespace metacf::ui
