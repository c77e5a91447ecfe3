#include "ui/studio_context.h"

#include "ui/worker/store_reader.h"

namespace metacf::ui {

StudioContext::StudioContext(QObject* parent)
    : QObject(parent), store_opener_(new StoreReader(this)) {}

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

void StudioContext::requestStore(const QString& path) {
  // Opening read-write creates the file, upgrades its schema and checks it.
  store_opener_->read<bool>(
      path, [](ExperimentStore&) { return true; },
      [this, path](bool) {
        store_path_ = path;
        emit storeChanged();
        emit runsChanged();
      },
      [this, path](const QString& why) { emit storeRefused(path, why); });
}

void StudioContext::setCurrentRun(qint64 run_id) {
  if (run_id == current_run_) return;
  current_run_ = run_id;
  emit currentRunChanged(run_id);
}

}  // namespace metacf::ui
