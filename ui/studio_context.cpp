#include "ui/studio_context.h"

namespace metacf::ui {

StudioContext::StudioContext(QObject* parent) : QObject(parent) {}

void StudioContext::setDataset(std::shared_ptr<const Dataset> dataset, DataSource source,
                               DatasetStats stats) {
  dataset_ = std::move(dataset);
  source_ = std::move(source);
  stats_ = std::move(stats);
  emit datasetChanged();
}

QString StudioContext::setStorePath(const QString& path) {
  try {
    (void)ExperimentStore::open(path.toStdString());
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  store_path_ = path;
  emit storeChanged();
  emit runsChanged();
  return {};
}

ExperimentStore StudioContext::openStore() const {
  return ExperimentStore::open(store_path_.toStdString());
}

void StudioContext::setCurrentRun(qint64 run_id) {
  if (run_id == current_run_) return;
  current_run_ = run_id;
  emit currentRunChanged(run_id);
}

}  // namespace metacf::ui
