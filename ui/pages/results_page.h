#pragma once
// Results: the stored runs, and for the open run the paper's Table 2, Table 3 (K sweep) and
// Fig. 2 (support sizes), plus a side-by-side comparison of two runs. Every table comes from
// core/report (the cells and marks `metacf show` and `export` write); the page only shows them.
#include <QWidget>
#include <functional>
#include <string>
#include <vector>

#include "core/experiment/experiment_runner.h"
#include "core/report/run_export.h"
#include "core/store/records.h"
#include "ui/models/run_results.h"

class QComboBox;
class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace metacf::ui {

class StudioContext;
class RunController;
class CurveChart;
class TablePanel;
class ReportTableModel;
class StoreReader;

class ResultsPage : public QWidget {
  Q_OBJECT
 public:
  ResultsPage(StudioContext* context, RunController* runs, QWidget* parent = nullptr);

  // Re-reads the runs list from the store (the answer arrives later: store reads never run on
  // the UI thread).
  void refreshRuns();
  // Opens a run (sets it as the context's current run).
  void openRun(qint64 run_id);
  // Fills the comparison tab with run B against run A and shows it.
  void compareRuns(qint64 run_a, qint64 run_b);

  [[nodiscard]] const std::vector<qint64>& runIds() const { return run_ids_; }
  [[nodiscard]] ReportTableModel* runsModel() const;
  [[nodiscard]] ReportTableModel* table2Model() const;
  [[nodiscard]] ReportTableModel* table3Model() const;
  [[nodiscard]] ReportTableModel* supportModel() const;
  [[nodiscard]] ReportTableModel* comparisonModel() const;
  [[nodiscard]] ReportTableModel* table3IntervalModel() const;
  [[nodiscard]] CurveChart* supportChart() const { return support_chart_; }
  // Writes one of the open run's tables ("table2", "table3", "fig2", "per-user", "curves",
  // "results") in the format `path`'s suffix names, as `metacf export` writes it, against the
  // baseline chosen; empty on success, else why not. The tables' Export buttons write the same.
  QString exportRunTable(const QString& what, const QString& path);

 private:
  // results_page_layout.cpp: the widgets, and what the run controller's signals do.
  QWidget* buildRunsBox();
  QHBoxLayout* buildRunChoices();
  QWidget* buildRunPane();
  void connectToRuns();
  // Reads the run off the UI thread; showResults puts the answer on the page.
  void showRun(qint64 run_id);
  void showResults(bool same_run, RunResults results, RunStatus status);
  void showRuns(std::vector<RunRecord> runs);
  void rebuildTables();
  [[nodiscard]] std::vector<qint64> selectedRuns() const;
  void updateButtons();
  // One run selected by the user: it opens; restoring the selection after a refresh opens none.
  void onSelectionChanged();
  void renameSelected();
  void deleteSelected();
  void status(const QString& message);
  // results_page_export.cpp: what the tables' Export buttons write, from core/report.
  [[nodiscard]] std::function<std::string(TableFormat)> runExport(
      ExportWhat what, const std::string& baseline) const;
  void setTableExports(const std::string& baseline);

  StudioContext* context_;
  RunController* runs_;
  // Runs list
  ReportTableModel* runs_model_;
  QTableView* runs_view_;
  QPushButton* open_;
  QPushButton* compare_;
  QPushButton* rename_;
  QPushButton* delete_;
  std::vector<qint64> run_ids_;
  std::vector<RunRecord> listed_runs_;  // as the runs list read them, in its order
  bool restoring_selection_ = false;
  // The open run
  QLabel* heading_;
  QLabel* note_;
  QPlainTextEdit* choices_;
  QComboBox* k_box_;
  QComboBox* baseline_box_;
  QTabWidget* tabs_;
  TablePanel* table2_;
  TablePanel* table3_;
  TablePanel* table3_intervals_;
  TablePanel* support_intervals_;
  TablePanel* support_table_;
  CurveChart* support_chart_;
  QWidget* support_tab_;
  TablePanel* comparison_;
  RunResults shown_;
  // The open run as `metacf export` reads it, read with it: what its tables export.
  std::shared_ptr<const RunTables> shown_tables_;
  qint64 shown_run_ = 0;
  int chosen_k_ = -1;  // the K the user picked in the combo; -1: the default (5, else the last)
  // The run going on in this window: its records carry per-user values.
  qint64 live_run_ = 0;
  std::vector<ResultRecord> live_records_;
  // One per purpose, so that a newer request drops only the answer it overtakes.
  StoreReader* list_reader_;
  StoreReader* run_reader_;
  StoreReader* compare_reader_;
  StoreReader* write_reader_;
};

}  // namespace metacf::ui
