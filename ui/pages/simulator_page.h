#pragma once
// The new-user simulator: a new user clicks items of a trained run's catalogue; after each click
// the chosen learner (and a second one beside it) adapts step by step and each step's top-N
// list shows what entered, left and moved, how long each step took, and where the user's
// embedding went in the item space. A meta-test user of the run can be replayed, her query
// items marked as hits.
//
// The page is a view: clicks go to the SimulatorSession of its SimulatorController, which
// loads learners and computes the lists on job workers, never on the UI thread.
#include <QWidget>
#include <array>
#include <memory>
#include <vector>

#include "core/report/table.h"
#include "core/simulate/simulator_session.h"

class QComboBox;
class QHBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace metacf::ui {

class StudioContext;
class StoreReader;
struct ServableRun;
class SimulatorController;
class CataloguePanel;
class ClicksPanel;
class StepListPanel;
class StepPlayer;
class EmbeddingChart;
class RankedListModel;

class SimulatorPage : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kSides = kSimulatorSides;  // 0: the learner simulated, 1: compared

  SimulatorPage(StudioContext* context, QWidget* parent = nullptr);
  ~SimulatorPage() override;

  // ---- what the page shows (the menus and tests drive it through these)
  [[nodiscard]] qint64 run() const { return run_id_; }
  void selectRun(qint64 run_id);
  // Chooses a stored learner by name for a side (the first stored K/seed); an empty name leaves
  // side 1 empty. Returns false when the run has no such learner.
  bool selectLearner(int side, const QString& name);
  // True once the selected learners and the run's catalogue are loaded, and the lists shown
  // are those of the current clicks (no load or computation pending).
  [[nodiscard]] bool isReady() const;

  void addClick(std::int32_t item);
  void setClicks(std::vector<std::int32_t> clicks);
  void removeClickAt(int index);
  void resetUser();
  [[nodiscard]] const std::vector<std::int32_t>& clicks() const;

  // The lists shown (of the latest computed clicks); null before the first click.
  [[nodiscard]] const ClickUpdate* currentUpdate(int side) const;
  [[nodiscard]] const StoredLearner* learner(int side) const;
  [[nodiscard]] const RankedListModel* listModel(int side) const;
  [[nodiscard]] QString hitsText(int side) const;
  [[nodiscard]] EmbeddingChart* embeddingChart() const { return chart_; }
  [[nodiscard]] std::shared_ptr<const RunCatalogue> catalogue() const;
  // The session behind the page (its last result records the thread it was computed on).
  [[nodiscard]] const SimulatorSession& session() const;

  void setStep(int step);
  [[nodiscard]] int step() const;
  void setTopN(int n);
  [[nodiscard]] int topN() const;

  [[nodiscard]] int testUserCount() const;
  // Loads meta-test user `index` of the split: her support as clicks, her query marked.
  void replayTestUser(int index);
  [[nodiscard]] const std::vector<std::int32_t>& queryItems() const;

  // The lists at the current step, one row per listed item (learner, step, rank, item, ...).
  [[nodiscard]] Table listsTable() const;

  // ---- every list of every click and step as a file (simulator_page_export.cpp)
  // Writes them to `path` (.csv or .json) on a worker while the page shows the progress with a
  // Cancel button. False (with the reason in the status bar) when there is nothing to export,
  // the suffix is neither, or an export is already going.
  bool exportEveryStep(const QString& path);
  void cancelExport();
  [[nodiscard]] bool exporting() const;
  [[nodiscard]] QProgressBar* exportProgressBar() const { return export_progress_; }

 signals:
  void listsUpdated();
  // The export of every step ended: `error` is empty when `path` was written, else why not
  // ("cancelled" when it was).
  void everyStepExported(const QString& path, const QString& error);

 private:
  static constexpr const char* kTopNKey = "simulator/topN";
  static constexpr const char* kCompareKey = "simulator/compareWith";

  struct Side {
    StepListPanel* panel = nullptr;
    QComboBox* combo = nullptr;
  };

  void buildUi();
  QWidget* buildRunBar();
  QWidget* buildLeftColumn();
  QWidget* buildListsArea();
  // The progress bar and Cancel button of a running export, hidden while none runs.
  void buildExportControls(QWidget* parent, QHBoxLayout* row);
  void exportEnded(const QString& error);

  // The runs and a run's learners are read off the UI thread; show* put the answers up.
  void refreshRuns();
  void showRuns(const std::vector<ServableRun>& runs);
  void onRunChosen();
  void showLearners(std::vector<StoredLearnerKey> keys);
  void requestLoad();
  void onLoadStarted(qint64 run_id);
  void onLoaded();
  void onLoadError(const QString& message);
  void fillTestUsers();

  // The session's clicks changed: send them to be computed, show the clicks at once.
  void sessionChanged();
  void showLists();
  void showStep(int step);
  void showTiming();
  void updateEnabled();
  void showStatus(const QString& message);

  StudioContext* context_ = nullptr;
  SimulatorController* controller_ = nullptr;
  std::vector<StoredLearnerKey> stored_;  // the selected run's stored learners
  qint64 run_id_ = 0;
  qint64 wanted_run_ = 0;  // asked for before the runs list had it
  StoreReader* runs_reader_ = nullptr;
  StoreReader* learners_reader_ = nullptr;
  std::shared_ptr<const SeedView> seed_view_;  // the one the catalogue panel and chart show
  std::shared_ptr<const RunCatalogue> shown_catalogue_;
  std::array<Side, kSides> sides_;

  QComboBox* run_combo_ = nullptr;
  QSpinBox* top_n_ = nullptr;
  QLabel* load_state_ = nullptr;
  CataloguePanel* catalogue_panel_ = nullptr;
  ClicksPanel* clicks_panel_ = nullptr;
  QComboBox* test_users_ = nullptr;
  QPushButton* replay_ = nullptr;
  QLabel* test_note_ = nullptr;
  StepPlayer* player_ = nullptr;
  QLabel* timing_ = nullptr;
  QWidget* lists_view_ = nullptr;
  EmbeddingChart* chart_ = nullptr;
  QLabel* chart_note_ = nullptr;
  QProgressBar* export_progress_ = nullptr;
  QPushButton* export_cancel_ = nullptr;
  QString export_path_;
};

}  // namespace metacf::ui
