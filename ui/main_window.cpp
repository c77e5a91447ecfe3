#include "ui/main_window.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

#include "ui/pages/data_page.h"
#include "ui/pages/experiment_page.h"
#include "ui/pages/results_page.h"
#include "ui/pages/simulator_page.h"
#include "ui/pages/training_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

namespace metacf::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("MetaCF Studio"));
  setWindowIcon(QIcon(QStringLiteral(":/metacf.svg")));

  auto* central = new QWidget(this);
  auto* layout = new QHBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  sidebar_ = new QListWidget(central);
  sidebar_->setFixedWidth(170);
  pages_ = new QStackedWidget(central);
  layout->addWidget(sidebar_);
  layout->addWidget(pages_, 1);
  setCentralWidget(central);
  connect(sidebar_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);

  context_ = new StudioContext(this);
  runs_ = new RunController(context_, this);
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

  buildMenus();
  statusBar()->showMessage(tr("Ready"));
}

void MainWindow::showPage(QWidget* page) {
  const int index = pages_->indexOf(page);
  if (index >= 0) sidebar_->setCurrentRow(index);
}

void MainWindow::addPage(const QString& title, QWidget* page) {
  pages_->addWidget(page);
  sidebar_->addItem(title);
  if (sidebar_->count() == 1) sidebar_->setCurrentRow(0);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About MetaCF Studio"), this, [this] {
    QMessageBox::about(this, tr("About MetaCF Studio"),
                       tr("Meta-learned ID embeddings for new users (MetaCF, CCIR 2021)."));
  });
}

}  // namespace metacf::ui
