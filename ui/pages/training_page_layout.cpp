// The Training page's widgets: the run's title, its progress with the cancel button, and the
// charts above the log.
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>

#include "ui/charts/training_charts.h"
#include "ui/pages/run_log_store.h"
#include "ui/pages/training_page.h"
#include "ui/run_controller.h"

namespace metacf::ui {

void TrainingPage::buildTitle() {
  title_ = new QLabel(tr("No run yet. Start one on the Experiment page, or open a stored run on "
                         "the Results page."),
                      this);
  title_->setWordWrap(true);
  title_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  QFont title_font = title_->font();
  title_font.setPointSizeF(title_font.pointSizeF() * 1.15);
  title_->setFont(title_font);
}

QGroupBox* TrainingPage::buildProgressBox() {
  progress_ = new QProgressBar(this);
  progress_->setRange(0, kProgressSteps);
  progress_->setValue(0);
  progress_->setFormat(QStringLiteral("%p%"));
  progress_->setToolTip(
      tr("Share of the whole run done: pretraining and every learner, K and "
         "seed"));
  stage_ = new QLabel(tr("Idle"), this);
  stage_->setObjectName(QStringLiteral("stageLine"));
  // Long stage lines are cut by the window's edge rather than widening it; the tooltip has them.
  stage_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  eta_ = new QLabel(this);
  eta_->setObjectName(QStringLiteral("clockLine"));
  eta_->setToolTip(tr("Time left, from the time taken so far and the share done"));
  outcome_ = new QLabel(this);
  outcome_->setWordWrap(true);
  outcome_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  cancel_ = new QPushButton(style()->standardIcon(QStyle::SP_BrowserStop), tr("&Cancel run"), this);
  cancel_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
  cancel_->setToolTip(
      tr("Stop the run (Ctrl+.). What finished so far stays in the store, with "
         "the run marked cancelled."));
  cancel_->setEnabled(false);
  connect(cancel_, &QPushButton::clicked, this, [this] {
    runs_->cancel();
    cancel_->setEnabled(false);
    stage_->setText(tr("Cancelling…"));
    showStatus(tr("Cancelling the run…"));
  });

  auto* progress_box = new QGroupBox(tr("Progress"), this);
  auto* progress_layout = new QGridLayout(progress_box);
  progress_layout->addWidget(progress_, 0, 0, 1, 2);
  progress_layout->addWidget(cancel_, 0, 2);
  progress_layout->addWidget(stage_, 1, 0);
  progress_layout->addWidget(eta_, 1, 1, Qt::AlignRight);
  progress_layout->addWidget(outcome_, 2, 0, 1, 3);
  progress_layout->setColumnStretch(0, 1);
  return progress_box;
}

QSplitter* TrainingPage::buildChartsAndLog() {
  charts_ = new TrainingCharts(this);
  log_ = new QPlainTextEdit(this);
  log_store_ = new RunLogStore(this);
  connect(log_store_, &RunLogStore::failed, this, [this](qint64 run_id, const QString& error) {
    showStatus(tr("The log of run #%1 could not be stored: %2").arg(run_id).arg(error));
  });
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(kLogLines);
  log_->setPlaceholderText(tr("One line per stage, finished learner and result."));
  QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  log_->setFont(mono);
  auto* log_box = new QGroupBox(tr("Log"), this);
  auto* log_layout = new QVBoxLayout(log_box);
  log_layout->setContentsMargins(6, 6, 6, 6);
  log_layout->addWidget(log_);
  log_->setMinimumHeight(60);

  // Below their minimum size the charts would drop their legends: on a small window they
  // scroll instead.
  auto* charts_area = new QScrollArea(this);
  charts_area->setWidget(charts_);
  charts_area->setWidgetResizable(true);
  charts_area->setFrameShape(QFrame::NoFrame);
  charts_area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  charts_area->setMinimumHeight(160);
  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->setChildrenCollapsible(false);
  splitter->addWidget(charts_area);
  splitter->addWidget(log_box);
  splitter->setStretchFactor(0, 4);
  splitter->setStretchFactor(1, 1);
  return splitter;
}

}  // namespace metacf::ui
