#include "ui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <algorithm>

#include "core/store/experiment_store.h"
#include "core/util/version.h"
#include "ui/pages/data_page.h"
#include "ui/pages/experiment_page.h"
#include "ui/pages/results_page.h"
#include "ui/pages/simulator_page.h"
#include "ui/pages/training_page.h"
#include "ui/recent_files.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"
#include "ui/worker/store_reader.h"

// The icons live in the static metacf_ui library, whose resources are not registered until
// asked for (Q_INIT_RESOURCE cannot be used inside a namespace).
static void initStudioResources() { Q_INIT_RESOURCE(resources); }

namespace metacf::ui {
namespace {
const char* const kGeometryKey = "window/geometry";
const char* const kStateKey = "window/state";
const char* const kLastDirectoryKey = "lastDirectory";
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  initStudioResources();
  setWindowTitle(tr("MetaCF Studio"));
  setWindowIcon(QIcon(QStringLiteral(":/metacf.svg")));
  setAcceptDrops(true);

  buildFrame();
  buildPages();
  buildMenus();
  buildStatusBar();
  connectSignals();

  QSettings settings;
  if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) resize(1400, 900);
  restoreState(settings.value(kStateKey).toByteArray());
  keepOnScreen();
  showDatasetSummary();
  showStorePath();
  updateRunActions();
}

// The default size, or one stored on a larger screen (or at a smaller scale factor), may not fit
// the screen the window opens on: shrink it to the screen's free area (no further than the
// window's minimum) and move it inside, so the status bar and the pages' bottoms stay in view.
void MainWindow::keepOnScreen() {
  const QScreen* screen = this->screen();
  if (screen == nullptr) return;
  const QRect available = screen->availableGeometry();
  const QSize size = this->size().boundedTo(available.size()).expandedTo(minimumSizeHint());
  resize(size);
  QPoint at = pos();
  at.setX(std::clamp(at.x(), available.left(),
                     std::max(available.left(), available.right() - size.width() + 1)));
  at.setY(std::clamp(at.y(), available.top(),
                     std::max(available.top(), available.bottom() - size.height() + 1)));
  move(at);
}

// The sidebar beside the stack of pages it switches between.
void MainWindow::buildFrame() {
  auto* central = new QWidget(this);
  auto* layout = new QHBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  sidebar_ = new QListWidget(central);
  sidebar_->setFixedWidth(170);
  sidebar_->setIconSize(QSize(20, 20));
  sidebar_->setSpacing(2);
  sidebar_->setFrameShape(QFrame::NoFrame);
  sidebar_->setStyleSheet(QStringLiteral(
      "QListWidget { background: palette(window); border-right: 1px solid palette(mid);"
      " padding-top: 8px; }"
      "QListWidget::item { padding: 8px 6px; }"));
  pages_ = new QStackedWidget(central);
  layout->addWidget(sidebar_);
  layout->addWidget(pages_, 1);
  setCentralWidget(central);
  connect(sidebar_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);
}

void MainWindow::buildPages() {
  context_ = new StudioContext(this);
  runs_ = new RunController(context_, this);
  report_reader_ = new StoreReader(this);
  data_page_ = new DataPage(context_, this);
  experiment_page_ = new ExperimentPage(context_, runs_, this);
  training_page_ = new TrainingPage(context_, runs_, this);
  results_page_ = new ResultsPage(context_, runs_, this);
  simulator_page_ = new SimulatorPage(context_, this);
  addPage(tr("Data"), data_page_);
  addPage(tr("Experiment"), experiment_page_);
  addPage(tr("Training"), training_page_);
  addPage(tr("Results"), results_page_);
  addPage(tr("Simulator"), simulator_page_);
  const QStyle::StandardPixmap icons[] = {QStyle::SP_DirOpenIcon, QStyle::SP_FileDialogDetailedView,
                                          QStyle::SP_MediaPlay, QStyle::SP_FileDialogListView,
                                          QStyle::SP_ComputerIcon};
  for (int i = 0; i < sidebar_->count() && i < 5; ++i) {
    sidebar_->item(i)->setIcon(style()->standardIcon(icons[i]));
  }
}

void MainWindow::connectSignals() {
  connect(context_, &StudioContext::datasetChanged, this, &MainWindow::showDatasetSummary);
  connect(context_, &StudioContext::storeChanged, this, &MainWindow::showStorePath);
  connect(context_, &StudioContext::storeChanged, this, &MainWindow::storeOpened);
  connect(context_, &StudioContext::storeRefused, this, &MainWindow::storeRefused);
  connect(data_page_, &DataPage::loadStarted, this, [this](const QString& path) {
    statusBar()->showMessage(tr("Loading %1…").arg(QFileInfo(path).fileName()));
  });
  connect(data_page_, &DataPage::loadFinished, this, [this](bool ok, const QString& error) {
    if (ok) {
      rememberRecent(data_page_->dataPath(), data_page_->titlesPath());
      statusBar()->showMessage(tr("Loaded %1").arg(QFileInfo(data_page_->dataPath()).fileName()),
                               5000);
    } else {
      statusBar()->showMessage(tr("Not loaded: %1").arg(error), 10000);
    }
  });
  connect(experiment_page_, &ExperimentPage::runStarted, this, [this] {
    run_going_ = true;
    updateRunActions();
    showPage(training_page_);
  });
  connect(runs_, &RunController::started, this, [this] { context_->notifyRunsChanged(); });
  connect(runs_, &RunController::finished, this,
          [this](qint64 run_id, RunStatus status, const QString&) {
            run_going_ = false;
            updateRunActions();
            context_->notifyRunsChanged();
            statusBar()->showMessage(
                tr("Run #%1 %2")
                    .arg(run_id)
                    .arg(QString::fromUtf8(to_string(status).data(), to_string(status).size())),
                10000);
          });
}

// ---------------------------------------------------------------- pages

void MainWindow::showPage(QWidget* page) {
  const int index = pages_->indexOf(page);
  if (index >= 0) sidebar_->setCurrentRow(index);
}

QWidget* MainWindow::currentPage() const { return pages_->currentWidget(); }

int MainWindow::pageCount() const { return pages_->count(); }

void MainWindow::addPage(const QString& title, QWidget* page) {
  pages_->addWidget(page);
  sidebar_->addItem(title);
  if (sidebar_->count() == 1) sidebar_->setCurrentRow(0);
}

// ---------------------------------------------------------------- start up, store, files

void MainWindow::startUp(const QString& data_file, const QString& titles, const QString& sample_dir,
                         const QString& store) {
  // The data set loads in the background while a question about the store may be open.
  if (!data_file.isEmpty()) {
    data_page_->openDataset(data_file, titles, data_page_->loadOptions());
  } else {
    const QString ratings = QDir(sample_dir).filePath(QStringLiteral("ratings.csv"));
    const QString items = QDir(sample_dir).filePath(QStringLiteral("items.csv"));
    if (!sample_dir.isEmpty() && QFileInfo::exists(ratings)) {
      data_page_->openDataset(ratings, QFileInfo::exists(items) ? items : QString());
    }
  }

  QString store_path = store;
  if (store_path.isEmpty()) {
    try {
      store_path = QString::fromStdString(default_store_path());
    } catch (const std::exception& e) {
      statusBar()->showMessage(tr("No experiment store: %1").arg(QString::fromUtf8(e.what())));
      if (interactive_) {
        QMessageBox::warning(this, tr("No experiment store"),
                             tr("The default experiment store cannot be created:\n%1\n\n"
                                "Choose another file with File > Open experiment store…")
                                 .arg(QString::fromUtf8(e.what())));
      }
    }
  }
  if (!store_path.isEmpty()) openStore(store_path);
}

void MainWindow::openStore(const QString& path) { context_->requestStore(path); }

void MainWindow::storeOpened() {
  statusBar()->showMessage(tr("Experiment store: %1").arg(context_->storePath()), 5000);
}

void MainWindow::storeRefused(const QString& path, const QString& error) {
  statusBar()->showMessage(tr("The experiment store cannot be used: %1").arg(error));
  if (!interactive_) return;
  QMessageBox box(QMessageBox::Warning, tr("Experiment store unusable"),
                  tr("The experiment store cannot be opened."), QMessageBox::NoButton, this);
  box.setInformativeText(
      tr("%1\n\nChoose another file, or go on without a store (runs cannot start then).")
          .arg(error));
  QPushButton* other = box.addButton(tr("Choose another file…"), QMessageBox::AcceptRole);
  box.addButton(context_->storePath().isEmpty() ? tr("Continue without a store")
                                                : tr("Keep the current store"),
                QMessageBox::RejectRole);
  box.setDefaultButton(other);
  box.exec();
  if (box.clickedButton() != other) return;
  const QString candidate =
      QFileDialog::getSaveFileName(this, tr("Experiment store"), QFileInfo(path).absolutePath(),
                                   tr("SQLite stores (*.sqlite *.db *.sqlite3);;All files (*)"),
                                   nullptr, QFileDialog::DontConfirmOverwrite);
  if (!candidate.isEmpty()) openStore(candidate);
}

void MainWindow::chooseStore() {
  const QString start = context_->storePath().isEmpty()
                            ? QSettings().value(kLastDirectoryKey).toString()
                            : QFileInfo(context_->storePath()).absolutePath();
  // A new name creates a new store; an existing one is opened, never overwritten.
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Open or create an experiment store"), start,
                                   tr("SQLite stores (*.sqlite *.db *.sqlite3);;All files (*)"),
                                   nullptr, QFileDialog::DontConfirmOverwrite);
  if (!path.isEmpty()) openStore(path);
}

bool MainWindow::looksLikeTitlesFile(const QString& path) { return ui::looksLikeTitlesFile(path); }

void MainWindow::openFiles(const QStringList& paths) {
  const DroppedFiles files = pairDroppedFiles(paths, !data_page_->dataPath().isEmpty());
  showPage(data_page_);
  if (!files.data.isEmpty()) {
    data_page_->openDataset(files.data, files.titles, data_page_->loadOptions());
  } else if (!files.titles.isEmpty()) {
    data_page_->openTitles(files.titles);
  }
}

// ---------------------------------------------------------------- recent files

QStringList MainWindow::recentFiles() const {
  QStringList out;
  for (const RecentFile& entry : RecentFiles::entries()) out << entry.path;
  return out;
}

void MainWindow::rememberRecent(const QString& data_file, const QString& titles) {
  RecentFiles::remember(data_file, titles);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recent_menu_->clear();
  const QList<RecentFile> entries = RecentFiles::entries();
  int n = 0;
  for (const RecentFile& entry : entries) {
    QString text = QStringLiteral("&%1 %2").arg(++n).arg(QFileInfo(entry.path).fileName());
    if (!entry.titles.isEmpty()) {
      text += tr(" (titles: %1)").arg(QFileInfo(entry.titles).fileName());
    }
    QAction* action = recent_menu_->addAction(text, this, [this, entry] {
      showPage(data_page_);
      data_page_->openDataset(entry.path, entry.titles, data_page_->loadOptions());
    });
    action->setToolTip(entry.path);
    action->setStatusTip(QDir::toNativeSeparators(entry.path));
  }
  if (entries.isEmpty()) recent_menu_->addAction(tr("(none yet)"))->setEnabled(false);
  recent_menu_->addSeparator();
  recent_menu_->addAction(tr("Clear the list"), this, [this] {
    RecentFiles::clear();
    rebuildRecentMenu();
  });
}

// ---------------------------------------------------------------- window events

void MainWindow::setInteractive(bool on) {
  interactive_ = on;
  data_page_->setInteractive(on);
}

void MainWindow::cancelRunAfterAsking() {
  if (!run_going_) return;
  // Esc is also what closes a popup or a dialog: a stray one must not cost a long run.
  if (interactive_) {
    const auto answer = QMessageBox::question(
        this, tr("Cancel the run?"),
        tr("Cancel the running experiment? What has finished stays in the store; the learner "
           "being trained now is lost."),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes || !run_going_) return;
  }
  experiment_page_->cancel();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (run_going_ && interactive_) {
    const auto answer =
        QMessageBox::question(this, tr("A run is going"),
                              tr("Quit and cancel the run? What has finished stays in the store."),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
  }
  QSettings settings;
  settings.setValue(kGeometryKey, saveGeometry());
  settings.setValue(kStateKey, saveState());
  runs_->cancel();
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!event->mimeData()->hasUrls()) return;
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile()) {
      event->acceptProposedAction();
      return;
    }
  }
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile()) paths << url.toLocalFile();
  }
  if (paths.isEmpty()) return;
  event->acceptProposedAction();
  openFiles(paths);
}

}  // namespace metacf::ui
