#pragma once
// What `metacf run` prints while and after it runs: progress on stderr (a bar on a terminal, a
// line per finished learner elsewhere), then its results on stdout (a table, or JSON lines) and
// on stderr why it stopped when it did not complete.
#include <string>

#include "core/experiment/experiment_config.h"
#include "core/experiment/stored_run.h"
#include "core/store/experiment_store.h"
#include "core/util/job.h"

namespace metacf::cli {

// A bar redrawn at most every 0.1 s, and a line for each stage's message.
void print_progress(const Progress& p);
// When stderr is not a terminal: one line per finished learner, nothing per epoch.
void print_milestone(const Progress& p);

// With `json`, one JSON object per result; otherwise the summary table of the run on
// `data_path` and metacf_auto's choices, when there are results.
void print_results(ExperimentStore& store, const StoredRun& outcome, const ExperimentConfig& config,
                   const std::string& data_path, bool json);
// Says on stderr why a run that did not complete stopped, and sets exit code 1 for it.
void report_run_status(const StoredRun& outcome);

}  // namespace metacf::cli
