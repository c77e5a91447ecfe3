#pragma once
// Runs one core job on a thread of its own. Core reports through its progress callback; this
// turns reports into queued signals at most ~10 times a second (every finished epoch is kept
// and delivered in the next batch), so the UI thread never trains and never floods.
#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <functional>
#include <mutex>
#include <vector>

#include "core/util/job.h"

namespace metacf::ui {

class JobWorker : public QObject {
  Q_OBJECT
 public:
  using Job = std::function<void(JobControl&)>;

  explicit JobWorker(QObject* parent = nullptr);
  ~JobWorker() override;

  // Starts `job` unless one is running; returns false when busy.
  bool start(Job job);
  // Asks the running job to stop. Deliberately not a slot: it only sets an atomic flag, so it
  // works while the job's thread is busy.
  void cancel();
  [[nodiscard]] bool running() const { return running_.load(); }
  // Blocks until the job ends (tests and shutdown only).
  void wait();

  // Takes the reports gathered since the last call: finished epochs, then the latest state.
  std::vector<Progress> takeReports();

 signals:
  void reportsReady();  // call takeReports()
  void succeeded();
  void cancelled();
  void failed(const QString& message);
  // From the job's thread to this object's; the public end signals follow from there.
  void jobEnded(int end, const QString& message);

 private:
  void run(Job job);
  void announceEnd(int end, const QString& message);

  QThread* thread_ = nullptr;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> running_{false};
  std::mutex mutex_;
  std::vector<Progress> pending_;
  bool latest_pending_ = false;
  Progress latest_;
  std::chrono::steady_clock::time_point last_emit_{};
};

}  // namespace metacf::ui
