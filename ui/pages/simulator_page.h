#pragma once
// The new-user simulator: a new user clicks items of a trained run's catalogue; after each click
// the chosen learner (and a second one beside it) adapts step by step and each step's top-N
// list shows what entered, left and moved, how long each step took, and where the user's
// embedding went in the item space. A meta-test user of the run can be replayed, her query
// items marked as hits.
#include <QWidget>
#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "core/report/table.h"
#include "core/simulate/new_user_simulation.h"
#include "ui/simulator/simulator_loader.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;

namespace metacf::ui {

class StudioContext;
class JobWorker;
class CataloguePanel;
class ClicksPanel;
class StepListPanel;
class EmbeddingChart;
class RankedListModel;

class SimulatorPage : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kSides = 2;  // 0: the learner simulated, 1: the one compared with it

  SimulatorPage(StudioContext* context, QWidget* parent = nullptr);
  ~SimulatorPage() override;

  // ---- what the page shows (the menus and tests drive it through these)
  [[nodiscard]] qint64 run() const { return run_id_; }
  void selectRun(qint64 run_id);
  // Chooses a stored learner by name for a side (the first stored K/seed); an empty name leaves
  // side 1 empty. Returns false when the run has no such learner.
  bool selectLearner(int side, const QString& name);
  // True once the selected learners and the run's catalogue are loaded and nothing is pending.
  [[nodiscard]] bool isReady() const;

  void addClick(std::int32_t item);
  void setClicks(std::vector<std::int32_t> clicks);
  void removeClickAt(int index);
  void resetUser();
  [[nodiscard]] const std::vector<std::int32_t>& clicks() const { return clicks_; }

  // The lists after the latest change of clicks; null before the first click.
  [[nodiscard]] const ClickUpdate* currentUpdate(int side) const;
  [[nodiscard]] const StoredLearner* learner(int side) const;
  [[nodiscard]] const RankedListModel* listModel(int side) const;
  [[nodiscard]] QString hitsText(int side) const;
  [[nodiscard]] EmbeddingChart* embeddingChart() const { return chart_; }
  [[nodiscard]] std::shared_ptr<const RunCatalogue> catalogue() const { return catalogue_; }

  void setStep(int step);
  [[nodiscard]] int step() const;
  void setTopN(int n);
  [[nodiscard]] int topN() const;

  [[nodiscard]] int testUserCount() const;
  // Loads meta-test user `index` of the split: her support as clicks, her query marked.
  void replayTestUser(int index);
  [[nodiscard]] const std::vector<std::int32_t>& queryItems() const { return query_; }

  // The lists at the current step, one row per listed item (learner, step, rank, item, ...).
  [[nodiscard]] Table listsTable() const;

 signals:
  void learnersLoaded();
  void loadFailed(const QString& message);
  void listsUpdated();

 private:
  struct Side {
    std::shared_ptr<const StoredLearner> learner;
    std::unique_ptr<NewUserSimulation> simulation;
    std::optional<ClickUpdate> update;
    std::vector<RankedItem> before;  // the final list before the latest click change
    StepListPanel* panel = nullptr;
    QComboBox* combo = nullptr;
  };

  void buildUi();
  QWidget* buildRunBar();
  QWidget* buildLeftColumn();
  QWidget* buildListsArea();
  [[nodiscard]] QString storePath() const;

  void refreshRuns();
  void onRunChosen();
  void fillLearnerCombos(const std::vector<LearnerKey>& keys);
  void requestLoad();
  void startLoad(const SimulatorLoadRequest& request);
  void onLoadSucceeded();
  void onLoadFailed(const QString& message);
  void applyLoad(const SimulatorLoad& load);

  // Clicks changed: what each side showed becomes the "before" of the new lists.
  void clicksChanged();
  // Recomputes every side's lists for the current clicks (keeps each side's "before").
  void recompute();
  void recomputeSide(Side& side);
  void showStep();
  void showTiming(double wall_ms);
  void fillTestUsers();
  void togglePlay();
  void playTick();
  void updateEnabled();
  void exportLists();
  void saveView(QWidget* view, const QString& what);
  void showStatus(const QString& message);

  StudioContext* context_ = nullptr;
  JobWorker* loader_ = nullptr;
  std::shared_ptr<SimulatorLoad> loading_;  // written by the loader thread until it finishes
  std::optional<SimulatorLoadRequest> pending_;
  SimulatorCache cache_;
  std::vector<LearnerKey> stored_;  // the selected run's stored learners

  qint64 run_id_ = 0;
  std::shared_ptr<const RunCatalogue> catalogue_;
  std::shared_ptr<const SeedView> seed_view_;
  std::array<Side, kSides> sides_;
  std::vector<std::int32_t> clicks_;
  std::vector<std::int32_t> query_;
  int replayed_user_ = -1;

  QComboBox* run_combo_ = nullptr;
  QSpinBox* top_n_ = nullptr;
  QLabel* load_state_ = nullptr;
  CataloguePanel* catalogue_panel_ = nullptr;
  ClicksPanel* clicks_panel_ = nullptr;
  QComboBox* test_users_ = nullptr;
  QPushButton* replay_ = nullptr;
  QLabel* test_note_ = nullptr;
  QSlider* step_slider_ = nullptr;
  QToolButton* play_ = nullptr;
  QLabel* step_label_ = nullptr;
  QLabel* timing_ = nullptr;
  QWidget* lists_view_ = nullptr;
  EmbeddingChart* chart_ = nullptr;
  QLabel* chart_note_ = nullptr;
  QTimer* play_timer_ = nullptr;
};

}  // namespace metacf::ui
