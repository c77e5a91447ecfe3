#pragma once
// The simulator's work off the UI thread: loading a stored run's learners and catalogue, and
// computing the lists of the session's current clicks (K adaptation steps and K + 1 rankings
// per learner) on job workers. The page changes the session, calls recompute(), and shows
// what listsChanged() brings. A click arriving while a computation runs makes that result
// stale: it is dropped and the newest state is computed next, so only current lists show.
// Exporting every list of every click and step replays the whole history: it runs on a job
// worker of its own too, with progress and cancel.
#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/report/table.h"
#include "core/simulate/simulator_loader.h"
#include "core/simulate/simulator_session.h"

namespace metacf::ui {

class JobWorker;

class SimulatorController : public QObject {
  Q_OBJECT
 public:
  explicit SimulatorController(QObject* parent = nullptr);
  ~SimulatorController() override;

  [[nodiscard]] SimulatorSession& session() { return session_; }
  [[nodiscard]] const SimulatorSession& session() const { return session_; }

  // Loads what `request` names; while a load runs the newest request waits and wins.
  void load(const SimulatorLoadRequest& request);
  // Forgets every cached catalogue, seed view and learner (another store).
  void clearCache();
  // Loads `keys` of the loaded run into the cache one at a time on a worker of its own, so a
  // learner chosen later shows at once: some learners are stored as what they were fit on and
  // refit when loaded (ease over 9,700 items takes seconds). A choice of the learner being
  // warmed waits for it rather than fitting it twice; other choices do not wait.
  void warm(const std::string& store_path, std::int64_t run_id, std::vector<LearnerKey> keys);
  [[nodiscard]] bool warming() const;
  [[nodiscard]] bool cached(const LearnerKey& key) const {
    return find_cached_learner(cache_, key) != nullptr;
  }
  [[nodiscard]] bool loading() const;
  [[nodiscard]] std::int64_t loadedRun() const { return loaded_run_; }
  // Why the compared learner could not be loaded by the last load (empty when it was).
  [[nodiscard]] const std::string& compareError() const { return compare_error_; }

  // Computes the lists of the session's current state on the worker (or clears them when
  // there is nothing to compute). Call after every change to the session.
  void recompute();
  [[nodiscard]] bool computing() const { return computing_; }

  // Writes click_history_table() of the session as it is now to `path` on a worker (the file
  // is replaced whole, or left as it was when the export fails or is cancelled). False when an
  // export is already going.
  bool startHistoryExport(const QString& path, TableFormat format);
  void cancelHistoryExport();
  [[nodiscard]] bool exportingHistory() const;

 signals:
  void loadStarted(qint64 run_id);
  void loaded();  // the session holds the new catalogue and learners; call recompute()
  void loadError(const QString& message);
  void listsChanged();  // the session's lists are those of its current clicks
  void computeError(const QString& message);
  void historyExportProgress(double fraction);  // at most ~10 a second
  void historyExported(const QString& path);
  void historyExportFailed(const QString& message);
  void historyExportCancelled();

 private:
  void startLoad(SimulatorLoadRequest request);
  void onLoadSucceeded();
  void onLoadFailed(const QString& message);
  void applyLoad(const SimulatorLoad& load);
  void startWarm();
  void onWarmSucceeded();
  [[nodiscard]] bool waitsForWarm(const SimulatorLoadRequest& request) const;
  void startCompute();
  void onComputeSucceeded();
  void onComputeFailed(const QString& message);

  SimulatorSession session_;
  JobWorker* loader_ = nullptr;
  JobWorker* computer_ = nullptr;
  JobWorker* exporter_ = nullptr;
  JobWorker* warmer_ = nullptr;
  std::string warm_store_;
  std::int64_t warm_run_ = 0;
  std::vector<LearnerKey> warm_keys_;  // still to warm, in order
  std::optional<LearnerKey> warming_;  // the one being loaded
  std::int64_t warming_run_ = 0;       // its run; 0 once the cache was cleared meanwhile
  std::shared_ptr<std::shared_ptr<const StoredLearner>> warmed_;  // written by the warm thread
  QString export_path_;
  std::shared_ptr<SimulatorLoad> loading_;  // written by the loader thread until it finishes
  std::optional<SimulatorLoadRequest> pending_load_;
  SimulatorCache cache_;
  std::int64_t loaded_run_ = 0;
  std::string compare_error_;
  std::shared_ptr<SessionResult> computed_;  // written by the compute thread until it finishes
  bool computing_ = false;
  bool compute_pending_ = false;
};

}  // namespace metacf::ui
