#pragma once
// The Data page: open a ratings file (and optional titles) in the background, see how it was
// read, preview its first records, its statistics and how records spread over users and items.
// The shared context changes only when a load succeeds, so a bad file never loses the old data.
#include <QString>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "core/data/load_options.h"
#include "core/data/record_preview.h"
#include "ui/worker/job_worker.h"

class QCheckBox;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTableView;
class QVBoxLayout;

namespace metacf::ui {

class StudioContext;
class DatasetPreviewModel;
struct DatasetLoadOutcome;
class DatasetStatsView;
class CountHistogramView;
class LoadOptionsForm;
class ItemEmbeddingsPicker;

class DataPage : public QWidget {
  Q_OBJECT
  // false: load errors are reported through loadFinished() only, never in a modal dialog
  // (tests, scripted use).
  Q_PROPERTY(bool interactive READ interactive WRITE setInteractive)

 public:
  DataPage(StudioContext* context, QWidget* parent = nullptr);

  // Loads `path` (with `titles` when not empty) in a worker thread and shows `options` in the
  // form. A load already going is cancelled and this one starts when it has stopped.
  void openDataset(const QString& path, const QString& titles = {},
                   const LoadOptions& options = {});
  // Reloads the current data set with this titles file (empty: without titles).
  void openTitles(const QString& titles);
  // Loads a file the user chose with the options in the form (kept from the Open before).
  void openChosenDataset(const QString& path);
  // File dialogs for the ones above.
  void chooseDataset();
  void chooseTitles();
  void cancelLoad();

  // True from openDataset() until loadFinished() (the worker's thread may end a moment sooner).
  [[nodiscard]] bool loading() const { return busy_; }
  [[nodiscard]] QString dataPath() const { return path_; }
  [[nodiscard]] QString titlesPath() const { return titles_; }
  [[nodiscard]] LoadOptions loadOptions() const;
  [[nodiscard]] DatasetPreviewModel* previewModel() const { return preview_; }
  [[nodiscard]] QString lastError() const { return last_error_; }
  [[nodiscard]] QString warningsText() const;
  // Empty, or why the titles loaded with the data set shown may not fit it.
  [[nodiscard]] QString titlesWarning() const { return titles_warning_; }
  // The message shown under the options (errors, skips, warnings); hidden when empty.
  [[nodiscard]] QString messageText() const;

  // Item embeddings trained elsewhere, used by runs instead of pretraining.
  [[nodiscard]] ItemEmbeddingsPicker* itemEmbeddingsPicker() const { return embeddings_; }

  [[nodiscard]] bool interactive() const { return interactive_; }
  void setInteractive(bool on) { interactive_ = on; }

 signals:
  void loadStarted(const QString& path);
  // ok: the context now holds the new data set. Otherwise `error` says why (file, line,
  // reason) and the previous data set is still loaded.
  void loadFinished(bool ok, const QString& error);

 private:
  struct Request {
    QString path;
    QString titles;
    LoadOptions options;
  };

  // data_page_layout.cpp builds the widgets, in the order Tab visits them.
  void buildPage();
  QGroupBox* buildSourceBox();
  QHBoxLayout* buildSourceRow(QGroupBox* source_box);
  QHBoxLayout* buildProgressRow(QGroupBox* source_box);
  void addLoadMessages(QGroupBox* source_box, QVBoxLayout* source_layout);
  QSplitter* buildRecordPanels();
  QGroupBox* buildPreviewBox(QWidget* parent);
  QGroupBox* buildStatsBox(QWidget* parent);
  QGroupBox* buildChartsBox(QWidget* parent);
  void connectSignals();

  void startLoad(const Request& request);
  void onLoadEnded(const QString& failure, bool cancelled);
  void showDataset();
  void showProgress();
  void setBusy(bool busy);
  void reloadWithFormOptions();
  void reportFailure(const QString& failure, const DatasetLoadOutcome* outcome);
  void showPreview(std::vector<PreviewRecord> records, const std::shared_ptr<const Dataset>& data);

  StudioContext* context_;
  JobWorker worker_;
  std::shared_ptr<DatasetLoadOutcome> outcome_;
  std::optional<Request> pending_;  // waits for the cancelled load to stop
  Request current_;                 // the load under way
  // The last load, when it failed: changing an option reads that file again, not the one shown.
  std::optional<Request> failed_;
  QString path_;  // of the data set shown
  QString titles_;
  QString last_error_;
  QString titles_warning_;
  // The first records as written of the data set shown (`preview_of_`).
  std::vector<PreviewRecord> preview_records_;
  std::shared_ptr<const Dataset> preview_of_;
  bool interactive_ = true;
  bool busy_ = false;

  QPushButton* open_ = nullptr;
  QLabel* source_ = nullptr;
  QLabel* read_as_ = nullptr;
  LoadOptionsForm* options_ = nullptr;
  ItemEmbeddingsPicker* embeddings_ = nullptr;
  QPushButton* titles_button_ = nullptr;
  QPushButton* clear_titles_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QLabel* message_ = nullptr;
  QPlainTextEdit* warnings_ = nullptr;
  QGroupBox* preview_box_ = nullptr;
  QTableView* table_ = nullptr;
  DatasetPreviewModel* preview_ = nullptr;
  DatasetStatsView* stats_ = nullptr;
  CountHistogramView* per_user_ = nullptr;
  CountHistogramView* per_item_ = nullptr;
  QCheckBox* log_scale_ = nullptr;
};

}  // namespace metacf::ui
