#pragma once
// What the pages share: the loaded data set, the experiment store's location, and the run
// being looked at. Pages read it and listen to its signals; they never reach into each other.
#include <Eigen/Core>
#include <QObject>
#include <QString>
#include <memory>
#include <optional>

#include "core/data/dataset.h"
#include "core/data/dataset_stats.h"
#include "core/experiment/stored_run.h"

namespace metacf::ui {

// Item embeddings trained elsewhere, used as Q instead of pretraining (`metacf run
// --item-embeddings`), read for the data set loaded now.
struct ItemEmbeddingsChoice {
  QString path;  // a .npy or .csv file, or a folder of Spark ALS item factors
  std::shared_ptr<const Eigen::MatrixXf> matrix;  // one row per item of `data`
  // The data set the rows are aligned to: the one loaded, with any item found only in the file
  // added to its catalogue (so it can be ranked), and its statistics.
  std::shared_ptr<const Dataset> data;
  nlohmann::json stats = nlohmann::json::object();
};

class StoreReader;

class StudioContext : public QObject {
  Q_OBJECT
 public:
  explicit StudioContext(QObject* parent = nullptr);

  // The data set every page works on; null until one is loaded.
  [[nodiscard]] std::shared_ptr<const Dataset> dataset() const { return dataset_; }
  [[nodiscard]] const DataSource& dataSource() const { return source_; }
  [[nodiscard]] const DatasetStats& stats() const { return stats_; }
  // Replaces the data set (after a successful load only: a failed load keeps the old one).
  // Item embeddings read for the old one are dropped.
  void setDataset(std::shared_ptr<const Dataset> dataset, DataSource source, DatasetStats stats);

  // The item embeddings runs use instead of pretraining; none: runs pretrain their own.
  [[nodiscard]] const std::optional<ItemEmbeddingsChoice>& itemEmbeddings() const {
    return item_embeddings_;
  }
  void setItemEmbeddings(std::optional<ItemEmbeddingsChoice> choice);
  // What a run started now reads: the data set (with the embeddings' items when chosen), its
  // source (naming the embeddings file as `metacf run` records it) and the embeddings.
  [[nodiscard]] std::shared_ptr<const Dataset> runDataset() const;
  [[nodiscard]] DataSource runSource() const;

  // The SQLite experiment store. Pages read it through a StoreReader (off the UI thread); jobs
  // open a connection of their own on their thread.
  [[nodiscard]] QString storePath() const { return store_path_; }
  // Opens the file (creating it if needed) off the UI thread; then it becomes the store
  // (storeChanged), or storeRefused says why not and the old one stays.
  void requestStore(const QString& path);

  // The run the results and simulator pages show; 0 when none.
  [[nodiscard]] qint64 currentRun() const { return current_run_; }
  void setCurrentRun(qint64 run_id);

 signals:
  void datasetChanged();
  void itemEmbeddingsChanged();
  void storeChanged();
  void storeRefused(const QString& path, const QString& why);
  void currentRunChanged(qint64 run_id);
  // A run was added to or changed in the store (the runs lists refresh).
  void runsChanged();

 public:
  void notifyRunsChanged() { emit runsChanged(); }

 private:
  std::shared_ptr<const Dataset> dataset_;
  DataSource source_;
  DatasetStats stats_;
  std::optional<ItemEmbeddingsChoice> item_embeddings_;
  QString store_path_;
  StoreReader* store_opener_;
  qint64 current_run_ = 0;
};

}  // namespace metacf::ui
