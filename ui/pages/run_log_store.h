#pragma once
// Keeps a run's log lines with the run in the experiment store, off the UI thread (a store
// write may wait seconds for another writer). Requests made while one is written wait their
// turn; the newest request for a run replaces an older one still waiting.
#include <QObject>
#include <QString>
#include <QStringList>
#include <deque>

#include "ui/worker/job_worker.h"

namespace metacf::ui {

class RunLogStore : public QObject {
  Q_OBJECT
 public:
  explicit RunLogStore(QObject* parent = nullptr);

  void store(const QString& store_path, qint64 run_id, const QStringList& lines);
  // True while a write runs or waits.
  [[nodiscard]] bool busy() const { return worker_.running() || !waiting_.empty(); }

 signals:
  void stored(qint64 run_id);
  void failed(qint64 run_id, const QString& message);

 private:
  struct Request {
    QString store_path;
    qint64 run_id = 0;
    QStringList lines;
  };
  void startNext();
  void ended(const QString& error);

  JobWorker worker_;
  std::deque<Request> waiting_;
  qint64 writing_ = 0;
};

}  // namespace metacf::ui
