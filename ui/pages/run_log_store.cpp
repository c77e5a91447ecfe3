#include "ui/pages/run_log_store.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/store/experiment_store.h"

namespace metacf::ui {

RunLogStore::RunLogStore(QObject* parent) : QObject(parent) {
  connect(&worker_, &JobWorker::succeeded, this, [this] { ended({}); });
  connect(&worker_, &JobWorker::failed, this, &RunLogStore::ended);
  connect(&worker_, &JobWorker::cancelled, this, [this] { ended(tr("cancelled")); });
}

void RunLogStore::store(const QString& store_path, qint64 run_id, const QStringList& lines) {
  std::erase_if(waiting_, [&](const Request& r) { return r.run_id == run_id; });
  waiting_.push_back({store_path, run_id, lines});
  if (!worker_.running()) startNext();
}

void RunLogStore::startNext() {
  if (waiting_.empty()) return;
  Request request = std::move(waiting_.front());
  waiting_.pop_front();
  writing_ = request.run_id;
  std::vector<std::string> lines;
  lines.reserve(static_cast<std::size_t>(request.lines.size()));
  for (const QString& line : request.lines) lines.push_back(line.toStdString());
  worker_.start([path = request.store_path.toStdString(), run_id = request.run_id,
                 lines = std::move(lines)](JobControl&) {
    auto store = ExperimentStore::open(path);
    store.set_run_log(run_id, lines);
  });
}

void RunLogStore::ended(const QString& error) {
  const qint64 run_id = writing_;
  writing_ = 0;
  startNext();
  if (error.isEmpty()) {
    emit stored(run_id);
  } else {
    emit failed(run_id, error);
  }
}

}  // namespace metacf::ui
