#pragma once
// The simulator's reads of the experiment store: which runs can serve a new user (finished,
// with stored learners), and which learners a run stored. Fast metadata reads, on the UI
// thread; the learners themselves load on the worker (SimulatorController).
#include <QString>
#include <vector>

#include "core/simulate/new_user_simulation.h"

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
std::vector<ServableRun> servableRuns(const QString& store_path);
// The stored learners of `run_id`. Throws std::exception.
std::vector<StoredLearnerKey> servableLearners(const QString& store_path, qint64 run_id);

}  // namespace metacf::ui
