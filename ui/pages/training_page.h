#pragma once
// Watching a run: progress with ETA and cancel, live training curves, and a log. The log is
// kept with the run in the store when it ends, so a past run opened later (in this window or
// another) shows its stored curves and its own log.
#include <QElapsedTimer>
#include <QStringList>
#include <QWidget>
#include <map>
#include <optional>
#include <tuple>

#include "core/experiment/experiment_runner.h"
#include "core/store/curve_point.h"
#include "core/store/records.h"
#include "core/util/job.h"

class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;
class QSplitter;

namespace metacf::ui {

class StudioContext;
class RunController;
class RunLogStore;
class StoreReader;
class TrainingCharts;

class TrainingPage : public QWidget {
  Q_OBJECT
 public:
  TrainingPage(StudioContext* context, RunController* runs, QWidget* parent = nullptr);

  // Shows a stored run's curves and log, read off the UI thread (no-op while a run is going).
  void showStoredRun(qint64 run_id);

  [[nodiscard]] TrainingCharts* charts() const { return charts_; }
  [[nodiscard]] QProgressBar* progressBar() const { return progress_; }
  [[nodiscard]] QPlainTextEdit* log() const { return log_; }
  [[nodiscard]] QLabel* outcomeLabel() const { return outcome_; }
  // Writes each finished run's log to the store (tests wait for its stored() signal).
  [[nodiscard]] RunLogStore* logStore() const { return log_store_; }

 private:
  // The bar counts in these steps of the whole run.
  static constexpr int kProgressSteps = 1000;
  // The log shows this many lines and drops the oldest.
  static constexpr int kLogLines = 2000;

  // training_page_layout.cpp builds the widgets, in the order Tab visits them.
  void buildTitle();
  QGroupBox* buildProgressBox();
  QSplitter* buildChartsAndLog();
  void connectRun();

  void onStarted(qint64 run_id);
  void onProgress(const Progress& p);
  void onResult(const ResultRecord& r);
  void onFinished(qint64 run_id, RunStatus status, const QString& error);
  void appendLog(const QString& line);
  // A narrow chart cuts the learner names in its legend ("metacf_p..."): its tooltip lists
  // every line in full.
  void nameLinesInTooltips();
  // The log of a run that did not run in this window: the lines stored with it, or, for a run
  // stored without them (an older build, the command line), what the store holds for it
  // (status, times, results); either introduced as such.
  // A stored run as one read of the store brings it (off the UI thread).
  struct StoredRun {
    RunRecord run;
    std::vector<CurvePoint> curves;
    std::vector<std::string> log;
    std::vector<ResultRow> results;
  };
  void showStored(qint64 run_id, const StoredRun& stored);
  void showStoredLog(const RunRecord& run, const std::vector<std::string>& stored_lines,
                     const std::vector<ResultRow>& results);
  void showStatus(const QString& message);
  void setOutcome(const QString& text, const QString& color);
  // The stage line and the elapsed / left estimate from the last report and the clock.
  void showClock();

  StudioContext* context_;
  RunController* runs_;
  TrainingCharts* charts_;
  QLabel* title_;
  QProgressBar* progress_;
  QLabel* stage_;
  QLabel* eta_;
  QLabel* outcome_;
  QPushButton* cancel_;
  QPlainTextEdit* log_;
  RunLogStore* log_store_;
  StoreReader* stored_reader_;
  QElapsedTimer elapsed_;
  // Ticks each second while a run goes, so the clock and the step's time move through a
  // stage that reports nothing for a while (ease's solve, a long epoch).
  QTimer* clock_;
  QElapsedTimer step_elapsed_;
  std::optional<Progress> last_progress_;  // none before the run's first report
  qint64 live_run_ = 0;
  // The log lines of each run started in this window, to bring back when that run is shown
  // again after another one; appendLog() writes to logged_run_'s.
  qint64 logged_run_ = 0;
  std::map<qint64, QStringList> run_logs_;
  std::map<QWidget*, QString> chart_tips_;  // each chart's own tooltip, before the line names
  int top_n_ = 10;
  // What the last progress report was doing: a change is a line in the log.
  std::tuple<Stage, std::string, int, std::uint64_t> last_step_;
};

}  // namespace metacf::ui
