#include "ui/studio_context.h"

namespace metacf::ui {

StudioContext::StudioContext(QObject* parent) : QObject(parent) {}

void StudioContext::setDataset(std::shared_ptr<const Dataset> dataset, DataSource source,
                               DatasetStats stats) {
  dataset_ = std::move(dataset);
  source_ = std::move(source);
  stats_ = std::move(stats);
  const bool had_embeddings = item_embeddings_.has_value();
  item_embeddings_.reset();
  emit datasetChanged();
  if (had_embeddings) emit itemEmbeddingsChanged();
}

void StudioContext::setItemEmbeddings(std::optional<ItemEmbeddingsChoice> choice) {
  item_embeddings_ = std::move(choice);
  emit itemEmbeddingsChanged();
}

std::shared_ptr<const Dataset> StudioContext::runDataset() const {
  return item_embeddings_ ? item_embeddings_->data : dataset_;
}

DataSource StudioContext::runSource() const {
  DataSource source = source_;
  if (item_embeddings_) {
    // As `metacf run --item-embeddings` records it: the absolute path, the statistics of the
    // catalogue the run ranks.
    source.load["item_embeddings"] = item_embeddings_->path.toStdString();
    source.stats = item_embeddings_->stats;
  }
  return source;
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
