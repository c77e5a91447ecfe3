#include "ui/pages/results_page.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QMainWindow>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "core/experiment/summary.h"
#include "core/report/interval_tables.h"
#include "core/report/results_tables.h"
#include "core/report/run_export.h"
#include "core/report/sweep_tables.h"
#include "core/report/tidy_tables.h"
#include "ui/charts/curve_chart.h"
#include "ui/charts/support_size_chart.h"
#include "ui/export/export_dialogs.h"
#include "ui/export/table_export.h"
#include "ui/export/table_panel.h"
#include "ui/models/report_table_model.h"
#include "ui/models/run_results.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"
#include "ui/worker/store_reader.h"

namespace metacf::ui {

ResultsPage::ResultsPage(StudioContext* context, RunController* runs, QWidget* parent)
    : QWidget(parent),
      context_(context),
      runs_(runs),
      list_reader_(new StoreReader(this)),
      run_reader_(new StoreReader(this)),
      compare_reader_(new StoreReader(this)),
      write_reader_(new StoreReader(this, StoreReader::Answers::kEvery)) {
  QWidget* runs_box = buildRunsBox();
  QWidget* run_box = buildRunPane();
  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(runs_box);
  splitter->addWidget(run_box);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 3);
  splitter->setSizes({240, 620});
  splitter->setChildrenCollapsible(false);
  // At least four runs show whatever the window's height; the tables give way first.
  runs_view_->setMinimumHeight(runs_view_->horizontalHeader()->sizeHint().height() +
                               4 * runs_view_->verticalHeader()->defaultSectionSize() +
                               2 * runs_view_->frameWidth());
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(12, 12, 12, 12);
  layout->addWidget(splitter);

  connectToRuns();
  updateButtons();
  refreshRuns();
}

ReportTableModel* ResultsPage::runsModel() const { return runs_model_; }
ReportTableModel* ResultsPage::table2Model() const { return table2_->model(); }
ReportTableModel* ResultsPage::table3Model() const { return table3_->model(); }
ReportTableModel* ResultsPage::supportModel() const { return support_table_->model(); }
ReportTableModel* ResultsPage::comparisonModel() const { return comparison_->model(); }
ReportTableModel* ResultsPage::table3IntervalModel() const { return table3_intervals_->model(); }

void ResultsPage::openRun(qint64 run_id) {
  context_->setCurrentRun(run_id);
  // Opening the run already shown (e.g. after it changed) reads it again.
  if (shown_run_ != run_id) showRun(run_id);
}

void ResultsPage::showRun(qint64 run_id) {
  const bool same_run = run_id == shown_run_;
  shown_run_ = run_id;
  if (run_id <= 0 || context_->storePath().isEmpty()) {
    run_reader_->forget();
    shown_ = {};
    shown_tables_.reset();
    heading_->setText(tr("No run open."));
    note_->clear();
    choices_->clear();
    tabs_->setTabVisible(tabs_->indexOf(choices_), false);
    rebuildTables();
    return;
  }
  if (!same_run) heading_->setText(tr("Reading run #%1…").arg(run_id));
  struct Answer {
    RunResults results;
    RunStatus status;
    std::shared_ptr<const RunTables> tables;
  };
  run_reader_->read<Answer>(
      context_->storePath(),
      [run_id, live_run = live_run_, live_records = live_records_](ExperimentStore& store) {
        auto tables = std::make_shared<const RunTables>(load_run_tables(store, run_id, "", true));
        RunResults results = loadRunResults(store, run_id, live_run, live_records, *tables);
        return Answer{std::move(results), store.run(run_id).status, std::move(tables)};
      },
      [this, same_run](Answer answer) {
        shown_tables_ = std::move(answer.tables);
        showResults(same_run, std::move(answer.results), answer.status);
      },
      [this, run_id](const QString& error) {
        shown_ = {};
        shown_tables_.reset();
        heading_->setText(tr("Could not read run #%1").arg(run_id));
        note_->setText(error);
        rebuildTables();
      });
}

void ResultsPage::showResults(bool same_run, RunResults results, RunStatus status) {
  shown_ = std::move(results);
  const QString status_word = QString::fromUtf8(to_string(status).data());
  heading_->setText(tr("%1 (%2)").arg(shown_.name, status_word));
  heading_->setToolTip(heading_->text());  // cut at the page's edge when the label is long
  note_->setText(
      has_per_user(shown_.records)
          ? tr("Values are means ± their standard deviation across seeds. Paired differences "
               "use every meta-test user of every seed (same users, same split); * marks a 95% "
               "interval that excludes 0. Bold: best, underlined: second.")
          : tr("Read from the store: means (± std across seeds). This run was stored without "
               "per-user values, so it has no paired intervals. Bold: best, underlined: second."));
  QStringList choices;
  for (const auto& line : shown_.choices) choices << QString::fromStdString(line);
  choices_->setPlainText(choices.join(QLatin1Char('\n')));
  const int notes = tabs_->indexOf(choices_);
  tabs_->setTabText(notes, tr("Notes (%1)").arg(choices.size()));
  tabs_->setTabToolTip(notes, tr("What the learners chose for each seed and K"));
  tabs_->setTabVisible(notes, !choices.isEmpty());

  // K and baseline choices follow the run; keep the user's choice when it still applies.
  k_box_->clear();
  for (int k : ks_of(shown_.records)) k_box_->addItem(QString::number(k), k);
  int k_index = k_box_->findData(chosen_k_);
  if (k_index < 0) k_index = k_box_->findData(5);  // the paper's Table 2 is at K = 5
  k_box_->setCurrentIndex(k_index >= 0 ? k_index : k_box_->count() - 1);
  const QString base_before = baseline_box_->currentText();
  baseline_box_->clear();
  std::vector<std::string> learners;
  for (const auto& r : shown_.records) {
    if (std::find(learners.begin(), learners.end(), r.learner) == learners.end()) {
      learners.push_back(r.learner);
      baseline_box_->addItem(QString::fromStdString(r.learner));
    }
  }
  int base_index = baseline_box_->findText(QString::fromStdString(shown_.baseline));
  if (same_run && baseline_box_->findText(base_before) >= 0) {
    base_index = baseline_box_->findText(base_before);
  }
  baseline_box_->setCurrentIndex(std::max(0, base_index));
  rebuildTables();
}

void ResultsPage::rebuildTables() {
  const auto& records = shown_.records;
  if (records.empty()) {
    const QString why =
        shown_run_ > 0 ? tr("This run has no results yet.") : tr("Open a run to see its results.");
    table2_->showEmpty(why);
    table3_->showEmpty(why);
    table3_intervals_->showEmpty(why);
    support_table_->showEmpty(why);
    support_intervals_->showEmpty(why);
    support_chart_->clearSeries();
    return;
  }
  const int k =
      k_box_->currentData().isValid() ? k_box_->currentData().toInt() : ks_of(records).back();
  const std::string baseline = baseline_box_->currentText().isEmpty()
                                   ? shown_.baseline
                                   : baseline_box_->currentText().toStdString();
  table2_->setTable(table2(records, k, shown_.top_n, baseline));
  if (ks_of(records).size() > 1) {
    table3_->setTable(k_sweep_table(records, shown_.top_n));
    table3_intervals_->setTable(k_sweep_interval_table(records, shown_.top_n, baseline));
  } else {
    table3_intervals_->showEmpty({});
    table3_->showEmpty(tr("This run used one K (%1). Run several K on the Experiment page for "
                          "Table 3.")
                           .arg(k));
  }
  support_chart_->clearSeries();
  if (support_sizes_of(records).empty()) {
    support_table_->showEmpty(
        tr("This run used each user's own support. Set support sizes on "
           "the Experiment page for Fig. 2."));
    support_intervals_->showEmpty({});
  } else {
    support_table_->setTable(support_size_table(records, k, shown_.top_n));
    support_intervals_->setTable(support_size_interval_table(records, k, shown_.top_n, baseline));
    plotSupportSizes(support_chart_, records, k, shown_.top_n);
  }
  setTableExports(baseline);
}

void ResultsPage::compareRuns(qint64 run_a, qint64 run_b) {
  compare_reader_->read<ComparedRuns>(
      context_->storePath(),
      [run_a, run_b](ExperimentStore& store) { return load_compared_runs(store, run_a, run_b); },
      [this, run_a, run_b](ComparedRuns compared) {
        comparison_->setTable(comparison_table(compared));
        comparison_->setExport(
            [compared](TableFormat format) { return comparison_text(compared, format); },
            QStringLiteral("run%1_vs_run%2").arg(run_b).arg(run_a));
        tabs_->setCurrentWidget(comparison_);
        status(tr("Comparing run #%1 with run #%2").arg(run_b).arg(run_a));
      },
      [this](const QString& error) { QMessageBox::warning(this, tr("Compare runs"), error); });
}

void ResultsPage::status(const QString& message) {
  if (auto* main = qobject_cast<QMainWindow*>(window())) {
    main->statusBar()->showMessage(message, 8000);
  }
}

}  // namespace metacf::ui
