// The Results page's widgets: the runs list with its buttons, and the open run's heading,
// choices, tables and charts.
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/charts/curve_chart.h"
#include "ui/export/export_dialogs.h"
#include "ui/export/table_panel.h"
#include "ui/models/report_table_model.h"
#include "ui/pages/results_page.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

namespace metacf::ui {
namespace {

QPushButton* button(QStyle::StandardPixmap icon, const QString& text, const QString& tip,
                    QWidget* parent) {
  auto* b = new QPushButton(parent->style()->standardIcon(icon), text, parent);
  b->setToolTip(tip);
  return b;
}

}  // namespace

QWidget* ResultsPage::buildRunsBox() {
  runs_model_ = new ReportTableModel(this);
  runs_view_ = new QTableView(this);
  runs_view_->setObjectName(QStringLiteral("runsView"));
  runs_view_->setModel(runs_model_);
  runs_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  runs_view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  runs_view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  runs_view_->setAlternatingRowColors(true);
  runs_view_->verticalHeader()->hide();
  runs_view_->horizontalHeader()->setStretchLastSection(true);
  runs_view_->setToolTip(tr("Selecting a run opens it; select two to compare them"));
  open_ = button(QStyle::SP_DialogOpenButton, tr("&Open"),
                 tr("Show the selected run's tables "
                    "and its training curves"),
                 this);
  compare_ = button(QStyle::SP_FileDialogContentsView, tr("Co&mpare"),
                    tr("Compare the two selected runs side by side (HR and NDCG per learner "
                       "and K, and the difference)"),
                    this);
  rename_ = button(QStyle::SP_FileDialogDetailedView, tr("&Rename…"),
                   tr("Give the selected run a label"), this);
  delete_ = button(QStyle::SP_TrashIcon, tr("&Delete…"),
                   tr("Delete the selected runs with their curves, results and parameters"), this);
  auto* refresh = button(QStyle::SP_BrowserReload, tr("Refresh"),
                         tr("Read the runs list again from the store (F5)"), this);
  refresh->setShortcut(QKeySequence::Refresh);
  delete_->setShortcut(QKeySequence::Delete);
  connect(open_, &QPushButton::clicked, this, [this] {
    const auto ids = selectedRuns();
    if (!ids.empty()) openRun(ids.front());
  });
  connect(runs_view_, &QTableView::activated, this, [this](const QModelIndex& index) {
    if (index.row() >= 0 && static_cast<std::size_t>(index.row()) < run_ids_.size()) {
      openRun(run_ids_[static_cast<std::size_t>(index.row())]);
    }
  });
  connect(compare_, &QPushButton::clicked, this, [this] {
    auto ids = selectedRuns();
    if (ids.size() != 2) return;
    std::sort(ids.begin(), ids.end());  // older run is A
    compareRuns(ids[0], ids[1]);
  });
  connect(rename_, &QPushButton::clicked, this, &ResultsPage::renameSelected);
  connect(delete_, &QPushButton::clicked, this, &ResultsPage::deleteSelected);
  connect(refresh, &QPushButton::clicked, this, &ResultsPage::refreshRuns);
  connect(runs_view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &ResultsPage::onSelectionChanged);

  auto* runs_box = new QGroupBox(tr("Runs"), this);
  auto* runs_layout = new QVBoxLayout(runs_box);
  runs_layout->addWidget(runs_view_, 1);
  auto* run_buttons = new QHBoxLayout;
  for (QPushButton* b : {open_, compare_, rename_, delete_, refresh}) run_buttons->addWidget(b);
  run_buttons->addStretch(1);
  runs_layout->addLayout(run_buttons);

  return runs_box;
}

QHBoxLayout* ResultsPage::buildRunChoices() {
  heading_ = new QLabel(tr("No run open."), this);
  QFont heading_font = heading_->font();
  heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15);
  heading_font.setBold(true);
  heading_->setFont(heading_font);
  heading_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  note_ = new QLabel(this);
  note_->setObjectName(QStringLiteral("runNote"));
  note_->setWordWrap(true);
  // Wraps to the page's width; a run's long label or choices never widen the window.
  note_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  // What the learners chose (one line per seed and K for ease, metacf_ease, metacf_auto) has a
  // tab of its own: stacked above the tables, a run with many notes pushed them and the status
  // bar off a small screen.
  choices_ = new QPlainTextEdit(this);
  choices_->setObjectName(QStringLiteral("runChoices"));
  choices_->setReadOnly(true);
  k_box_ = new QComboBox(this);
  k_box_->setToolTip(tr("The local steps K whose results Table 2 and Fig. 2 show"));
  baseline_box_ = new QComboBox(this);
  baseline_box_->setToolTip(
      tr("The learner the paired differences in Table 2 are taken "
         "against"));
  connect(k_box_, &QComboBox::activated, this, [this] {
    chosen_k_ = k_box_->currentData().toInt();
    rebuildTables();
  });
  connect(baseline_box_, &QComboBox::activated, this, &ResultsPage::rebuildTables);
  auto* per_user = button(QStyle::SP_DialogSaveButton, tr("Per-user values…"),
                          tr("Every meta-test user's HR and NDCG of the open run (CSV, one value "
                             "per column; the same file as metacf export --what per-user)"),
                          this);
  auto* curves = button(QStyle::SP_DialogSaveButton, tr("Curves…"),
                        tr("Every training curve point of the open run (CSV; as metacf export "
                           "--what curves)"),
                        this);
  // Not a structured binding: clang 14 (the fuzz and TSan builds) cannot capture one.
  for (const auto& entry : {std::pair{per_user, QStringLiteral("per-user")},
                            std::pair{curves, QStringLiteral("curves")}}) {
    const QString what = entry.second;
    connect(entry.first, &QPushButton::clicked, this, [this, what] {
      const QString path = QFileDialog::getSaveFileName(
          this, tr("Export %1").arg(what),
          QDir(lastExportDir()).filePath(QStringLiteral("run%1_%2.csv").arg(shown_run_).arg(what)),
          tr("CSV (*.csv);;JSON (*.json);;Markdown (*.md);;LaTeX (*.tex)"));
      if (path.isEmpty()) return;
      const QString error = exportRunTable(what, path);
      if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export %1").arg(what), error);
      else
        status(tr("Written to %1").arg(path));
    });
  }
  auto* choices = new QHBoxLayout;
  choices->addWidget(new QLabel(tr("K:"), this));
  choices->addWidget(k_box_);
  choices->addSpacing(12);
  choices->addWidget(new QLabel(tr("Baseline:"), this));
  choices->addWidget(baseline_box_);
  choices->addStretch(1);
  choices->addWidget(new QLabel(tr("Export:"), this));
  choices->addWidget(per_user);
  choices->addWidget(curves);

  return choices;
}

QWidget* ResultsPage::buildRunPane() {
  QHBoxLayout* choices = buildRunChoices();
  table2_ = new TablePanel(tr("Open a run to see its results."), this);
  table3_ = new TablePanel(tr("This run used one K. Run several K (Experiment page) for "
                              "Table 3."),
                           this);
  support_table_ = new TablePanel(tr("This run used each user's own support."), this);
  table3_intervals_ = new TablePanel(tr("No paired intervals for this run."), this);
  support_intervals_ = new TablePanel(tr("No paired intervals for this run."), this);
  support_chart_ =
      new CurveChart(tr("HR against the support size"), tr("support size |S|"), tr("HR"), this);
  support_chart_->setEmptyText(tr("No support-size sweep in this run"));
  auto* export_chart = button(QStyle::SP_DialogSaveButton, tr("Export &chart…"),
                              tr("Write the chart as PNG, SVG or PDF"), this);
  connect(export_chart, &QPushButton::clicked, this,
          [this] { promptExportChart(support_chart_, this); });
  support_tab_ = new QWidget(this);
  auto* support_layout = new QVBoxLayout(support_tab_);
  auto* support_split = new QSplitter(Qt::Vertical, support_tab_);
  support_split->addWidget(support_chart_);
  support_split->addWidget(support_table_);
  support_split->addWidget(support_intervals_);
  support_split->setStretchFactor(0, 3);
  support_split->setStretchFactor(1, 1);
  support_layout->addWidget(support_split, 1);
  support_layout->addWidget(export_chart, 0, Qt::AlignRight);
  comparison_ = new TablePanel(tr("Select two runs in the list and press Compare."), this);
  // Named for the tests that press their Export buttons' code.
  table2_->setObjectName(QStringLiteral("table2Panel"));
  table3_->setObjectName(QStringLiteral("table3Panel"));
  table3_intervals_->setObjectName(QStringLiteral("table3IntervalsPanel"));
  support_table_->setObjectName(QStringLiteral("fig2Panel"));
  support_intervals_->setObjectName(QStringLiteral("fig2IntervalsPanel"));
  comparison_->setObjectName(QStringLiteral("comparisonPanel"));

  tabs_ = new QTabWidget(this);
  tabs_->addTab(table2_, tr("Table 2: learners"));
  auto* table3_split = new QSplitter(Qt::Vertical, this);
  table3_split->addWidget(table3_);
  table3_split->addWidget(table3_intervals_);
  tabs_->addTab(table3_split, tr("Table 3: K sweep"));
  tabs_->addTab(support_tab_, tr("Fig. 2: support size"));
  tabs_->addTab(comparison_, tr("Compare runs"));
  tabs_->addTab(choices_, tr("Notes"));
  tabs_->setTabVisible(tabs_->indexOf(choices_), false);

  auto* run_box = new QWidget(this);
  auto* run_layout = new QVBoxLayout(run_box);
  run_layout->setContentsMargins(0, 0, 0, 0);
  run_layout->addWidget(heading_);
  run_layout->addWidget(note_);
  run_layout->addLayout(choices);
  run_layout->addWidget(tabs_, 1);

  return run_box;
}

void ResultsPage::connectToRuns() {
  connect(context_, &StudioContext::runsChanged, this, &ResultsPage::refreshRuns);
  connect(context_, &StudioContext::storeChanged, this, &ResultsPage::refreshRuns);
  connect(context_, &StudioContext::currentRunChanged, this, &ResultsPage::showRun);
  connect(runs_, &RunController::started, this, [this](qint64 id) {
    live_run_ = id;
    live_records_.clear();
    refreshRuns();
    context_->setCurrentRun(id);
  });
  connect(runs_, &RunController::resultReady, this, [this](const ResultRecord& r) {
    live_records_.push_back(r);
    if (shown_run_ == live_run_) showRun(live_run_);
  });
  connect(runs_, &RunController::finished, this, [this](qint64 id) {
    refreshRuns();
    if (shown_run_ == id) showRun(id);
  });
}

}  // namespace metacf::ui
