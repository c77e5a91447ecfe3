#pragma once
// The simulator's reads of the experiment store: which runs can serve a new user (finished,
// with stored learners). The page reads them through a StoreReader, off the UI thread; the
// learners themselves load on the worker (SimulatorController).
#include <QString>
#include <vector>

#include "core/simulate/new_user_simulation.h"
#include "core/store/experiment_store.h"

namespace metacf::ui {

class StudioContext;

// The studio's store, else the default store of the command line.
QString simulatorStorePath(const StudioContext& context);

struct ServableRun {
  qint64 id = 0;
  QString text;            // "#3  ratings.csv  "label"  (cancelled)  2026-01-02 10:11"
  bool completed = false;  // else cancelled: what it stored is partial
};
// Completed or cancelled runs with stored learners, newest first. Throws std::exception.
std::vector<ServableRun> servableRuns(ExperimentStore& store);

}  // namespace metacf::ui
