#include "ui/pages/data_page.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/config/load_options_schema.h"
#include "core/data/dataset_loader.h"
#include "core/data/dataset_stats.h"
#include "ui/forms/load_options_form.h"
#include "ui/pages/data_page_messages.h"
#include "ui/pages/dataset_load_job.h"
#include "ui/studio_context.h"
#include "ui/widgets/count_histogram_view.h"
#include "ui/widgets/dataset_stats_view.h"

namespace metacf::ui {
namespace {
constexpr int kShownWarnings = 10;
const char* const kLastDirectoryKey = "lastDirectory";

QString lastDirectory() { return QSettings().value(kLastDirectoryKey).toString(); }
void rememberDirectory(const QString& file) {
  QSettings().setValue(kLastDirectoryKey, QFileInfo(file).absolutePath());
}
}  // namespace

DataPage::DataPage(StudioContext* context, QWidget* parent) : QWidget(parent), context_(context) {
  buildPage();
  connectSignals();
  setBusy(false);
  showDataset();
}

void DataPage::connectSignals() {
  connect(open_, &QPushButton::clicked, this, &DataPage::chooseDataset);
  connect(titles_button_, &QPushButton::clicked, this, &DataPage::chooseTitles);
  connect(clear_titles_, &QPushButton::clicked, this, [this] { openTitles({}); });
  connect(cancel_, &QPushButton::clicked, this, &DataPage::cancelLoad);
  connect(options_, &LoadOptionsForm::changed, this, [this] {
    LoadOptionsForm::remember(options_->options());
    reloadWithFormOptions();
  });
  connect(log_scale_, &QCheckBox::toggled, this, [this](bool on) {
    per_user_->setLogScale(on);
    per_item_->setLogScale(on);
  });
  connect(&worker_, &JobWorker::reportsReady, this, &DataPage::showProgress);
  connect(&worker_, &JobWorker::succeeded, this, [this] { onLoadEnded({}, false); });
  connect(&worker_, &JobWorker::cancelled, this, [this] { onLoadEnded({}, true); });
  connect(&worker_, &JobWorker::failed, this,
          [this](const QString& message) { onLoadEnded(message, false); });
  connect(context_, &StudioContext::datasetChanged, this, &DataPage::showDataset);
}

LoadOptions DataPage::loadOptions() const { return options_->options(); }

void DataPage::openDataset(const QString& path, const QString& titles, const LoadOptions& options) {
  if (path.isEmpty()) return;
  options_->setOptions(options);
  startLoad({path, titles, options});
}

void DataPage::openTitles(const QString& titles) {
  if (path_.isEmpty() && current_.path.isEmpty()) return;
  const QString path = busy_ ? current_.path : path_;
  startLoad({path, titles, options_->options()});
}

void DataPage::reloadWithFormOptions() {
  // The file being read, else the one that just failed (its options are what is being fixed),
  // else the one shown.
  const Request base = busy_ ? current_ : failed_ ? *failed_ : Request{path_, titles_, {}};
  if (base.path.isEmpty()) return;
  startLoad({base.path, base.titles, options_->options()});
}

void DataPage::chooseDataset() {
  const QString filters =
      tr("Ratings files (u.data ratings.dat *.data *.dat *.csv *.inter *.tsv *.txt);;"
         "MovieLens 100K (u.data *.data);;MovieLens 1M (ratings.dat *.dat);;CSV (*.csv);;"
         "RecBole (*.inter);;All files (*)");
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open data set"), lastDirectory(), filters);
  if (path.isEmpty()) return;
  rememberDirectory(path);
  openChosenDataset(path);
}

void DataPage::openChosenDataset(const QString& path) {
  // The titles of another file would not match it; the way of reading files stays as chosen.
  openDataset(path, {}, options_->options());
}

void DataPage::chooseTitles() {
  const QString filters =
      tr("Titles (u.item movies.dat movies.csv items.csv *.item *.dat *.csv);;All files (*)");
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open item titles"), lastDirectory(), filters);
  if (path.isEmpty()) return;
  rememberDirectory(path);
  openTitles(path);
}

void DataPage::cancelLoad() {
  pending_.reset();
  worker_.cancel();
}

void DataPage::startLoad(const Request& request) {
  if (worker_.running() || busy_) {
    // The worker cannot start another job until this one has stopped; the end signal starts it.
    pending_ = request;
    worker_.cancel();
    return;
  }
  current_ = request;
  outcome_ = std::make_shared<DatasetLoadOutcome>();
  const std::string path = request.path.toStdString();
  const std::string titles = request.titles.toStdString();
  const LoadOptions options = request.options;
  auto outcome = outcome_;
  const bool started = worker_.start([outcome, path, titles, options](JobControl& job) {
    loadDatasetJob(job, path, titles, options, *outcome);
  });
  if (!started) return;
  last_error_.clear();
  progress_->setValue(0);
  setBusy(true);
  emit loadStarted(request.path);
}

void DataPage::showProgress() {
  const auto reports = worker_.takeReports();
  if (outcome_) {
    std::vector<PreviewRecord> records;
    if (const auto head = outcome_->takeHead(&records)) {
      showPreview(std::move(records), nullptr);
      preview_box_->setTitle(tr("First %1 lines of %2 (reading the rest…)")
                                 .arg(kPreviewRows)
                                 .arg(QFileInfo(current_.path).fileName()));
    }
  }
  if (reports.empty()) return;
  progress_->setValue(static_cast<int>(1000 * std::clamp(reports.back().fraction, 0.0, 1.0)));
}

void DataPage::onLoadEnded(const QString& failure, bool cancelled) {
  setBusy(false);
  if (pending_) {
    const Request next = *pending_;
    pending_.reset();
    startLoad(next);
    return;
  }
  const std::shared_ptr<DatasetLoadOutcome> outcome = outcome_;
  // Back from the head's preview to the data set that stays loaded.
  if (cancelled || !failure.isEmpty() || !outcome || !outcome->data) showDataset();
  failed_.reset();
  if (cancelled) {
    message_->setText(tr("Loading was cancelled; the data set shown is unchanged."));
    message_->setStyleSheet({});
    message_->show();
    last_error_ = tr("cancelled");
    emit loadFinished(false, last_error_);
    return;
  }
  if (!failure.isEmpty() || !outcome || !outcome->data) {
    failed_ = current_;
    reportFailure(failure, outcome.get());
    return;
  }
  path_ = current_.path;
  titles_ = current_.titles;
  DataSource source;
  source.path = outcome->data->source_path;
  source.format = outcome->data->format;
  source.titles_path = current_.titles.toStdString();
  source.stats = outcome->stats;
  source.load = load_options_record(current_.options);
  preview_records_ = std::move(outcome->preview);
  preview_of_ = outcome->data;
  titles_warning_ = outcome->titles
                        ? titlesCoverageWarning(*outcome->titles, outcome->data->num_items(),
                                                QFileInfo(titles_).fileName())
                        : QString();
  // showDataset() runs from datasetChanged.
  context_->setDataset(outcome->data, std::move(source), outcome->stats);
  outcome_.reset();
  emit loadFinished(true, {});
}

void DataPage::setBusy(bool busy) {
  busy_ = busy;
  progress_->setVisible(busy);
  cancel_->setVisible(busy);
  const bool have_data = !path_.isEmpty();
  titles_button_->setEnabled(have_data || busy);
  clear_titles_->setEnabled(!titles_.isEmpty());
}

QString DataPage::warningsText() const { return warnings_->toPlainText(); }

void DataPage::showDataset() {
  const auto dataset = context_->dataset();
  if (dataset && dataset != preview_of_) titles_warning_.clear();  // handed over, not loaded here
  showPreview(dataset && dataset == preview_of_ ? preview_records_ : std::vector<PreviewRecord>{},
              dataset);
  preview_box_->setTitle(tr("First %1 records").arg(kPreviewRows));
  if (!dataset) {
    stats_->clear();
    per_user_->setCounts({});
    per_item_->setCounts({});
    read_as_->clear();
    return;
  }
  const DatasetStats& stats = context_->stats();
  stats_->setStats(stats);
  per_user_->setCounts(stats.records_per_user);
  per_item_->setCounts(stats.records_per_item);

  const bool detected = options_->options().format == DataFormat::kAuto;
  read_as_->setText(detected ? tr("Read as <b>%1</b> (detected)").arg(stats.format.c_str())
                             : tr("Read as <b>%1</b> (chosen)").arg(stats.format.c_str()));
  QString source = QDir::toNativeSeparators(QString::fromStdString(dataset->source_path));
  if (!titles_.isEmpty()) {
    source += tr("  ·  titles: %1").arg(QFileInfo(titles_).fileName());
  }
  source_->setText(source);
  source_->setToolTip(source);
  clear_titles_->setEnabled(!titles_.isEmpty());
  titles_button_->setEnabled(true);

  message_->hide();
  if (dataset->skipped > 0 || dataset->below_threshold > 0) {
    const qint64 bad_lines = dataset->skipped - dataset->below_threshold;
    QStringList lines;
    for (std::size_t i = 0; i < dataset->warnings.size() && i < kShownWarnings; ++i) {
      lines << QString::fromStdString(dataset->warnings[i]);
    }
    if (bad_lines > 0) {
      message_->setText(tr("Lenient mode skipped %n bad line(s); the first are listed below.",
                           nullptr, static_cast<int>(bad_lines)));
    } else {
      message_->setText(tr("%n record(s) below the rating threshold were dropped.", nullptr,
                           static_cast<int>(dataset->below_threshold)));
    }
    message_->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    message_->show();
    warnings_->setPlainText(lines.join(QLatin1Char('\n')));
    warnings_->setVisible(!lines.isEmpty());
  } else {
    warnings_->clear();
    warnings_->hide();
  }
  if (!titles_warning_.isEmpty()) {
    message_->setText(message_->isHidden() ? titles_warning_
                                           : message_->text() + QLatin1Char(' ') + titles_warning_);
    message_->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    message_->show();
  }
}

}  // namespace metacf::ui
