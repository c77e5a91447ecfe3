#include "ui/forms/item_embeddings_picker.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>

#include "core/data/dataset_stats.h"
#include "core/train/item_embeddings_file.h"
#include "ui/studio_context.h"

namespace metacf::ui {

ItemEmbeddingsPicker::ItemEmbeddingsPicker(StudioContext* context, QWidget* parent)
    : QWidget(parent), context_(context) {
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  auto* title = new QLabel(tr("Item embeddings:"), this);
  title->setToolTip(
      tr("Item embeddings trained elsewhere (for example Spark ALS) used as Q instead of "
         "pretraining, as `metacf run --item-embeddings` does"));
  state_ = new QLabel(this);
  state_->setObjectName(QStringLiteral("itemEmbeddingsState"));
  state_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // A long path wraps rather than widening the page.
  state_->setWordWrap(true);
  state_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  file_ = new QPushButton(tr("File…"), this);
  file_->setToolTip(tr("A .npy (N x D, row i = item id i) or a CSV (item_id,v1,...,vD)"));
  folder_ = new QPushButton(tr("Spark folder…"), this);
  folder_->setToolTip(
      tr("A folder of Spark ALS item factors as model.itemFactors.write.json(dir) writes it"));
  clear_ = new QPushButton(tr("Pretrain"), this);
  clear_->setToolTip(tr("Forget the item embeddings: runs pretrain their own Q"));
  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("itemEmbeddingsError"));
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  error_->setStyleSheet(QStringLiteral("color: #c62828;"));
  error_->hide();
  grid->addWidget(title, 0, 0);
  grid->addWidget(state_, 0, 1);
  grid->addWidget(file_, 0, 2);
  grid->addWidget(folder_, 0, 3);
  grid->addWidget(clear_, 0, 4);
  grid->addWidget(error_, 1, 0, 1, 5);
  grid->setColumnStretch(1, 1);
  connect(file_, &QPushButton::clicked, this, &ItemEmbeddingsPicker::chooseFile);
  connect(folder_, &QPushButton::clicked, this, &ItemEmbeddingsPicker::chooseFolder);
  connect(clear_, &QPushButton::clicked, this, &ItemEmbeddingsPicker::clear);
  connect(&worker_, &JobWorker::succeeded, this, &ItemEmbeddingsPicker::onSucceeded);
  connect(&worker_, &JobWorker::failed, this, &ItemEmbeddingsPicker::onFailed);
  connect(&worker_, &JobWorker::cancelled, this, [this] { onFailed(tr("cancelled")); });
  // The rows are aligned to the data set's items: another data set reads the file again.
  connect(context_, &StudioContext::datasetChanged, this, [this] {
    if (!path_.isEmpty()) start();
  });
  showState();
}

void ItemEmbeddingsPicker::chooseFile() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Item embeddings"), QFileInfo(path_).absolutePath(),
                                   tr("Item embeddings (*.npy *.csv);;All files (*)"));
  if (!path.isEmpty()) choose(path);
}

void ItemEmbeddingsPicker::chooseFolder() {
  const QString path = QFileDialog::getExistingDirectory(this, tr("Spark ALS item factors"),
                                                         QFileInfo(path_).absolutePath());
  if (!path.isEmpty()) choose(path);
}

void ItemEmbeddingsPicker::choose(const QString& path) {
  path_ = QFileInfo(path).absoluteFilePath();
  start();
}

void ItemEmbeddingsPicker::clear() {
  path_.clear();
  error_->clear();
  if (worker_.running()) worker_.cancel();
  restart_ = false;
  if (context_->itemEmbeddings()) context_->setItemEmbeddings(std::nullopt);
  showState();
}

QString ItemEmbeddingsPicker::errorText() const { return error_->text(); }

void ItemEmbeddingsPicker::start() {
  if (context_->itemEmbeddings()) context_->setItemEmbeddings(std::nullopt);
  error_->clear();
  const auto loaded_data = context_->dataset();
  if (!loaded_data) {
    onFailed(
        tr("%1: load a data set first; the embeddings are matched to its items by id").arg(path_));
    return;
  }
  if (worker_.running()) {
    restart_ = true;  // read again, for this data set, once the running read ends
    worker_.cancel();
    showState();
    return;
  }
  restart_ = false;
  loaded_ = std::make_shared<ItemEmbeddingsChoice>();
  auto out = loaded_;
  const std::string path = path_.toStdString();
  out->path = path_;
  worker_.start([out, loaded_data, path](JobControl&) {
    auto aligned = std::make_shared<Dataset>(*loaded_data);
    out->matrix = std::make_shared<const Eigen::MatrixXf>(load_item_embeddings(path, *aligned));
    out->stats = compute_stats(*aligned);
    out->data = std::move(aligned);
  });
  showState();
}

void ItemEmbeddingsPicker::onSucceeded() {
  if (restart_ || loaded_->path != path_) return start();
  context_->setItemEmbeddings(*loaded_);
  loaded_.reset();
  showState();
  emit loadFinished(true, {});
}

void ItemEmbeddingsPicker::onFailed(const QString& error) {
  if (restart_ && !path_.isEmpty()) return start();
  loaded_.reset();
  if (path_.isEmpty()) {  // cleared while it was read
    showState();
    return;
  }
  // The reader's message names the file (and line); name it here when it does not.
  const QString name = QFileInfo(path_).fileName();
  const QString message = error.contains(name) ? error : tr("%1: %2").arg(path_, error);
  error_->setText(tr("Could not use the item embeddings: %1. Runs pretrain until another file "
                     "is chosen.")
                      .arg(message));
  showState();
  emit loadFinished(false, message);
}

void ItemEmbeddingsPicker::showState() {
  error_->setVisible(!error_->text().isEmpty());
  clear_->setEnabled(!path_.isEmpty());
  const auto& chosen = context_->itemEmbeddings();
  QString text;
  if (path_.isEmpty()) {
    text = tr("none: each run pretrains its own");
  } else if (worker_.running()) {
    text = tr("reading %1…").arg(path_);
  } else if (chosen) {
    text = tr("%1 (%2 items x %3 dimensions; pretraining is skipped)")
               .arg(chosen->path)
               .arg(chosen->matrix->rows())
               .arg(chosen->matrix->cols());
  } else {
    text = tr("%1 (not used)").arg(path_);
  }
  state_->setText(text);
  state_->setToolTip(path_);
}

}  // namespace metacf::ui
