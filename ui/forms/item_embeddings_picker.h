#pragma once
// The Data page's choice of item embeddings trained elsewhere, used as Q instead of
// pretraining, as `metacf run --item-embeddings FILE|DIR` does: a .npy or CSV file, or a folder
// of Spark ALS item factors (part-*.json). The file is read for the data set loaded, on a job
// worker; a file that does not fit is shown under the row naming the file, line and reason,
// and runs go on pretraining. A new data set reads the chosen file again.
#include <QString>
#include <QWidget>
#include <memory>

#include "ui/worker/job_worker.h"

class QLabel;
class QPushButton;

namespace metacf::ui {

class StudioContext;
struct ItemEmbeddingsChoice;

class ItemEmbeddingsPicker : public QWidget {
  Q_OBJECT
 public:
  explicit ItemEmbeddingsPicker(StudioContext* context, QWidget* parent = nullptr);

  // Reads `path` (a file or a folder) for the data set loaded now.
  void choose(const QString& path);
  // Runs pretrain again.
  void clear();
  // File dialogs for the two buttons.
  void chooseFile();
  void chooseFolder();

  [[nodiscard]] QString path() const { return path_; }
  [[nodiscard]] bool loading() const { return worker_.running(); }
  // Why the chosen file could not be used; empty when it was (or none is chosen).
  [[nodiscard]] QString errorText() const;

 signals:
  // ok: the context holds the embeddings. Otherwise `error` names the file, line and reason.
  void loadFinished(bool ok, const QString& error);

 private:
  void start();
  void onSucceeded();
  void onFailed(const QString& error);
  void showState();

  StudioContext* context_;
  JobWorker worker_;
  QString path_;                                  // the file or folder chosen; empty: runs pretrain
  std::shared_ptr<ItemEmbeddingsChoice> loaded_;  // written by the worker until it ends
  bool restart_ = false;  // the data set changed while a read ran: read again
  QLabel* state_ = nullptr;
  QLabel* error_ = nullptr;
  QPushButton* file_ = nullptr;
  QPushButton* folder_ = nullptr;
  QPushButton* clear_ = nullptr;
};

}  // namespace metacf::ui
