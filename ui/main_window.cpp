#include "ui/main_window.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

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

  buildMenus();
  statusBar()->showMessage(tr("Ready"));
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
