#pragma once
// Starts an experiment on the context's data set in a worker thread, stores it as it runs,
// and re-emits what happens as queued signals for the training and results pages.
#include <QObject>
#include <QString>
#include <mutex>
#include <vector>

#include "core/experiment/experiment_config.h"
#include "core/experiment/experiment_runner.h"
#include "core/experiment/run_request.h"
#include "core/store/curve_point.h"
#include "core/store/records.h"
#include "ui/worker/job_worker.h"

namespace metacf::ui {

class StudioContext;

class RunController : public QObject {
  Q_OBJECT
 public:
  explicit RunController(StudioContext* context, QObject* parent = nullptr);

  // Returns false (and emits nothing) when no data set is loaded, no store is open or a run is
  // going.
  bool start(const ExperimentConfig& config, const QString& label = {});
  void cancel() { worker_.cancel(); }
  [[nodiscard]] bool running() const { return worker_.running(); }
  // Blocks until the run ends (tests only).
  void wait() { worker_.wait(); }
  [[nodiscard]] const ExperimentConfig& config() const { return config_; }

 signals:
  void started(qint64 run_id);
  void progress(const metacf::Progress& latest);                    // at most ~10 per second
  void curvePoints(const std::vector<metacf::CurvePoint>& points);  // finished epochs, batched
  void resultReady(const metacf::ResultRecord& result);
  void finished(qint64 run_id, metacf::RunStatus status, const QString& error);

 private:
  void deliverReports();
  // Emits finished() once the worker has stopped, so running() is already false for its slots.
  void deliverFinished(const QString& failure);

  StudioContext* context_;
  JobWorker worker_;
  ExperimentConfig config_;
  qint64 run_id_ = 0;
  std::mutex outcome_mutex_;
  StoredRun outcome_;  // written by the job's thread, read after the worker reports its end
};

}  // namespace metacf::ui

Q_DECLARE_METATYPE(metacf::Progress)
Q_DECLARE_METATYPE(metacf::ResultRecord)
Q_DECLARE_METATYPE(metacf::CurvePoint)
Q_DECLARE_METATYPE(metacf::RunStatus)
