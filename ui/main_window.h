#pragma once
// The frame: a sidebar of pages (data, experiment, training, results, simulator), menus and
// a status bar. Each page is its own class in its own file. The window also opens the
// experiment store and the first data set, remembers recent files and its geometry, and opens
// files dropped onto it.
#include <QMainWindow>
#include <QStringList>

class QAction;
class QDialog;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace metacf::ui {

class StudioContext;
class StoreReader;
class RunController;
class DataPage;
class ExperimentPage;
class TrainingPage;
class ResultsPage;
class SimulatorPage;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);

  [[nodiscard]] StudioContext* context() const { return context_; }
  [[nodiscard]] RunController* runs() const { return runs_; }
  [[nodiscard]] DataPage* dataPage() const { return data_page_; }
  [[nodiscard]] ExperimentPage* experimentPage() const { return experiment_page_; }
  [[nodiscard]] TrainingPage* trainingPage() const { return training_page_; }
  [[nodiscard]] ResultsPage* resultsPage() const { return results_page_; }
  [[nodiscard]] SimulatorPage* simulatorPage() const { return simulator_page_; }
  // Shows the page with this widget.
  void showPage(QWidget* page);
  [[nodiscard]] QWidget* currentPage() const;
  [[nodiscard]] int pageCount() const;

  // Adds a page to the sidebar; the window takes ownership.
  void addPage(const QString& title, QWidget* page);

  // Opens the store at `store` (default_store_path() when empty) and the data set `data_file` with
  // optional `titles`; without `data_file`, the bundled sample in `sample_dir` (ratings.csv with
  // items.csv as titles), so a first look shows something at once.
  void startUp(const QString& data_file, const QString& titles, const QString& sample_dir,
               const QString& store = {});

  // Uses the store at `path`, opened off the UI thread. On failure storeRefused shows why and,
  // when interactive, offers to pick another file or go on without a store.
  void openStore(const QString& path);
  // File dialog for another experiment store.
  void chooseStore();
  // Opens dropped or named files: ratings as the data set, a titles-looking file as titles.
  void openFiles(const QStringList& paths);
  // Most recent first; at most 8 data sets.
  [[nodiscard]] QStringList recentFiles() const;

  // Help > Getting started: load, run, results, simulate, export, and the shortcuts.
  void showGettingStarted();

  // false: never show a modal dialog (tests); problems go to the status bar and signals.
  void setInteractive(bool on);
  // Run > Cancel and Esc: asks first when interactive, since Esc also closes popups.
  void cancelRunAfterAsking();
  [[nodiscard]] bool interactive() const { return interactive_; }

  // u.item, movies.dat, movies.csv, items.csv: the names titles files come under.
  [[nodiscard]] static bool looksLikeTitlesFile(const QString& path);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildFrame();
  void buildPages();
  void buildMenus();
  void buildFileMenu();
  void buildEditMenu();
  void buildViewMenu();
  void buildRunMenu();
  void buildHelpMenu();
  void buildStatusBar();
  void keepOnScreen();
  void connectSignals();
  // File > Export report: the open run as an HTML page or a PDF.
  void exportReport();
  void rebuildRecentMenu();
  void rememberRecent(const QString& data_file, const QString& titles);
  void showDatasetSummary();
  void showStorePath();
  void storeOpened();
  void storeRefused(const QString& path, const QString& error);
  void updateRunActions();

  StudioContext* context_ = nullptr;
  RunController* runs_ = nullptr;
  StoreReader* report_reader_ = nullptr;
  DataPage* data_page_ = nullptr;
  ExperimentPage* experiment_page_ = nullptr;
  TrainingPage* training_page_ = nullptr;
  ResultsPage* results_page_ = nullptr;
  SimulatorPage* simulator_page_ = nullptr;
  QListWidget* sidebar_ = nullptr;
  QStackedWidget* pages_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  QAction* start_action_ = nullptr;
  QAction* cancel_action_ = nullptr;
  QLabel* dataset_label_ = nullptr;
  QLabel* store_label_ = nullptr;
  QDialog* getting_started_ = nullptr;
  bool interactive_ = true;
  bool run_going_ = false;
};

}  // namespace metacf::ui
