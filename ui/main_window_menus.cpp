// MainWindow's menus and status bar; the rest of the window is in main_window.cpp.
#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QStyle>
#include <QTextBrowser>
#include <QUndoStack>
#include <QVBoxLayout>

#include "core/store/experiment_store.h"
#include "core/util/version.h"
#include "ui/export/export_dialogs.h"
#include "ui/main_window.h"
#include "ui/pages/data_page.h"
#include "ui/pages/experiment_page.h"
#include "ui/report/run_report.h"
#include "ui/studio_context.h"
#include "ui/worker/store_reader.h"

namespace metacf::ui {

void MainWindow::buildMenus() {
  buildFileMenu();
  buildEditMenu();
  buildViewMenu();
  buildRunMenu();
  buildHelpMenu();
}

void MainWindow::buildFileMenu() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton),
                                  tr("&Open data set…"), this, [this] {
                                    showPage(data_page_);
                                    data_page_->chooseDataset();
                                  });
  open->setShortcut(QKeySequence::Open);
  file->addAction(tr("Open &titles…"), this, [this] {
    showPage(data_page_);
    if (data_page_->dataPath().isEmpty()) {
      statusBar()->showMessage(tr("Open a data set first: titles name its items."), 5000);
      return;
    }
    data_page_->chooseTitles();
  });
  recent_menu_ = file->addMenu(tr("&Recent files"));
  rebuildRecentMenu();
  file->addSeparator();
  file->addAction(tr("Open experiment &store…"), this, &MainWindow::chooseStore);
  file->addAction(tr("Save &configuration…"), this, [this] {
    showPage(experiment_page_);
    experiment_page_->promptSaveConfig();
  });
  file->addAction(tr("&Load configuration…"), this, [this] {
    showPage(experiment_page_);
    experiment_page_->promptLoadConfig();
  });
  file->addAction(tr("Copy as CLI co&mmand"), this, [this] {
    showPage(experiment_page_);
    experiment_page_->copyCliCommand();
  });
  file->addAction(tr("Export &report…"), this, &MainWindow::exportReport);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  quit->setMenuRole(QAction::QuitRole);
}

void MainWindow::exportReport() {
  const qint64 run = context_->currentRun();
  if (run <= 0 || context_->storePath().isEmpty()) {
    QMessageBox::information(this, tr("Export report"),
                             tr("Open a run (Results page) or run an experiment first."));
    return;
  }
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export report"),
      QDir(lastExportDir()).filePath(QStringLiteral("run%1_report.html").arg(run)),
      tr("HTML page (*.html);;PDF document (*.pdf)"));
  if (path.isEmpty()) return;
  statusBar()->showMessage(tr("Reading run #%1 for the report…").arg(run));
  const auto report_failed = [this](const QString& error) {
    statusBar()->clearMessage();
    QMessageBox::warning(this, tr("Export report"), error);
  };
  report_reader_->read<ReportInputs>(
      context_->storePath(), [run](ExperimentStore& store) { return readReportInputs(store, run); },
      [this, path, report_failed](ReportInputs inputs) {
        // Drawn here: Qt's charts live on the UI thread.
        const QString error = writeRunReport(inputs, path);
        if (!error.isEmpty()) {
          report_failed(error);
          return;
        }
        rememberExportDir(path);
        statusBar()->showMessage(tr("Report written to %1").arg(path), 8000);
      },
      report_failed);
}

// The experiment form's history, reachable from any page: the step is taken on the Experiment
// page, shown so that what changed is in view.
void MainWindow::buildEditMenu() {
  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QUndoStack* history = experiment_page_->history();
  QAction* undo = edit->addAction(tr("&Undo experiment form change"), this, [this, history] {
    showPage(experiment_page_);
    history->undo();
  });
  QAction* redo = edit->addAction(tr("&Redo experiment form change"), this, [this, history] {
    showPage(experiment_page_);
    history->redo();
  });
  undo->setEnabled(history->canUndo());
  redo->setEnabled(history->canRedo());
  connect(history, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
  connect(history, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
}

void MainWindow::buildViewMenu() {
  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (int i = 0; i < sidebar_->count(); ++i) {
    QAction* page =
        view->addAction(sidebar_->item(i)->text(), this, [this, i] { sidebar_->setCurrentRow(i); });
    page->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
  }
}

void MainWindow::buildRunMenu() {
  QMenu* run = menuBar()->addMenu(tr("&Run"));
  start_action_ =
      run->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start"), this, [this] {
        // Show the form when it says why the run did not start.
        if (!experiment_page_->start()) showPage(experiment_page_);
      });
  start_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  cancel_action_ = run->addAction(style()->standardIcon(QStyle::SP_MediaStop), tr("&Cancel"), this,
                                  &MainWindow::cancelRunAfterAsking);
  cancel_action_->setShortcut(QKeySequence(Qt::Key_Escape));
}

void MainWindow::buildHelpMenu() {
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  QAction* guide = help->addAction(tr("&Getting started"), this, &MainWindow::showGettingStarted);
  guide->setShortcut(QKeySequence::HelpContents);
  help->addAction(tr("&About MetaCF Studio"), this, [this] {
    QMessageBox::about(
        this, tr("About MetaCF Studio"),
        tr("<h3>MetaCF Studio %1</h3>"
           "<p>Explore meta-learned ID embeddings for new users (MetaCF, CCIR 2021): load "
           "ratings, configure the three-stage protocol, watch training and compare learners "
           "by paired per-user differences.</p>"
           "<p>Experiment store: %2</p>")
            .arg(QString::fromLatin1(kVersion), context_->storePath().isEmpty()
                                                    ? tr("none")
                                                    : context_->storePath().toHtmlEscaped()));
  });
}

void MainWindow::showGettingStarted() {
  if (getting_started_ == nullptr) {
    getting_started_ = new QDialog(this);
    getting_started_->setObjectName(QStringLiteral("gettingStarted"));
    getting_started_->setWindowTitle(tr("Getting started with MetaCF Studio"));
    auto* text = new QTextBrowser(getting_started_);
    text->setObjectName(QStringLiteral("gettingStartedText"));
    text->setOpenExternalLinks(false);
    QFile page(QStringLiteral(":/getting_started.html"));
    if (page.open(QIODevice::ReadOnly)) text->setHtml(QString::fromUtf8(page.readAll()));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, getting_started_);
    connect(buttons, &QDialogButtonBox::rejected, getting_started_, &QDialog::close);
    auto* layout = new QVBoxLayout(getting_started_);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    // Fits a 1024x700 screen, and does not block the window it explains.
    getting_started_->resize(620, 560);
    getting_started_->setModal(false);
  }
  getting_started_->show();
  getting_started_->raise();
}

void MainWindow::buildStatusBar() {
  dataset_label_ = new QLabel(this);
  store_label_ = new QLabel(this);
  store_label_->setMaximumWidth(480);
  statusBar()->addPermanentWidget(dataset_label_);
  statusBar()->addPermanentWidget(store_label_);
}

void MainWindow::showDatasetSummary() {
  const auto dataset = context_->dataset();
  if (!dataset) {
    dataset_label_->setText(tr("No dataset set"));
    return;
  }
  const QLocale locale;
  dataset_label_->setText(
      tr("%1 · %2 users · %3 items · %4 records")
          .arg(QFileInfo(QString::fromStdString(dataset->source_path)).fileName(),
               locale.toString(dataset->num_users()), locale.toString(dataset->num_items()),
               locale.toString(static_cast<qlonglong>(dataset->num_records()))));
  dataset_label_->setToolTip(QString::fromStdString(dataset->source_path));
}

void MainWindow::showStorePath() {
  const QString path = context_->storePath();
  const QString shown = path.isEmpty() ? tr("no store") : QDir::toNativeSeparators(path);
  store_label_->setText(fontMetrics().elidedText(tr("Store: %1").arg(shown), Qt::ElideMiddle, 470));
  store_label_->setToolTip(path.isEmpty() ? tr("No experiment store: runs cannot start") : path);
}

void MainWindow::updateRunActions() {
  start_action_->setEnabled(!run_going_);
  cancel_action_->setEnabled(run_going_);
}

}  // namespace metacf::ui
