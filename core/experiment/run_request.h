#pragma once
// One run as either front end asks for it: the data and how it was read, the experiment
// configuration, a label. `metacf run` and the studio build one and go through its three steps,
// so what is checked, what is recorded and what runs cannot differ between them.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/experiment/experiment_config.h"
#include "core/experiment/experiment_runner.h"
#include "core/experiment/stored_run.h"
#include "core/store/experiment_store.h"

namespace metacf {

struct RunRequest {
  DataSource source;
  ExperimentConfig config;
  std::string label;

  // 1. Admission: every problem that stops this run (run_admission.h), one sentence each; with
  // the data, also the learners that cannot take it and the memory budget. Empty: admitted.
  [[nodiscard]] std::vector<std::string> problems(const Dataset* data = nullptr) const;

  // 2. Provenance: the configuration the store records for the run (the experiment's, with
  // where and how its data was read under "data"), and the `metacf run` command that
  // reproduces it reading the configuration from `config_path` (written by the caller with
  // write_experiment_config_file).
  [[nodiscard]] nlohmann::json stored_configuration() const;
  [[nodiscard]] std::string command_line(const std::string& config_path) const;

  // 3. Execution: admits the run (std::invalid_argument naming the first problem, nothing
  // stored), then stores every step as it happens: the data set, the run row, each split, item
  // matrix, curve point, fitted learner and result, and finally its status. A crash loses at
  // most the step in flight. A failed or cancelled experiment does not throw: its outcome is in
  // the returned status (and the store). `also` sees every event after the store has it; the
  // run's id is announced through `on_begin` as soon as its row exists.
  StoredRun execute(ExperimentStore& store, const ExperimentInputs& inputs, JobControl& job,
                    ExperimentObserver* also = nullptr,
                    const std::function<void(std::int64_t run_id)>& on_begin = {}) const;

  // A run cancelled before its experiment began (while its data was read): stored as
  // cancelled, without a data set, so that a stopped run is never lost from the list.
  StoredRun store_cancelled_before_start(ExperimentStore& store) const;
};

}  // namespace metacf
