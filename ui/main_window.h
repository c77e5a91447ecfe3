#pragma once
// The frame: a sidebar of pages (data, experiment, training, results, simulator), menus and
// a status bar. Each page is its own class in its own file.
#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace metacf::ui {

class StudioContext;
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

  // Adds a page to the sidebar; the window takes ownership.
  void addPage(const QString& title, QWidget* page);

 private:
  void buildMenus();

  StudioContext* context_ = nullptr;
  RunController* runs_ = nullptr;
  DataPage* data_page_ = nullptr;
  ExperimentPage* experiment_page_ = nullptr;
  TrainingPage* training_page_ = nullptr;
  ResultsPage* results_page_ = nullptr;
  SimulatorPage* simulator_page_ = nullptr;
  QListWidget* sidebar_ = nullptr;
  QStackedWidget* pages_ = nullptr;
};

}  // namespace metacf::ui
