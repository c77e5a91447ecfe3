#pragma once
// The Experiment page: the split, pretraining, learners (with each learner's settings), the
// K values, support sizes, seeds and protocol of an experiment; presets for the paper's tables;
// Start and Cancel. The form's problems are listed beside it and Start stays off until none
// is left. The last configuration is remembered between sessions.
#include <QString>
#include <QWidget>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/experiment/experiment_config.h"
#include "core/store/records.h"

class QCheckBox;
class QComboBox;
class QGridLayout;
class QGroupBox;
class QScrollArea;
class QAction;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QToolButton;
class QUndoStack;

namespace metacf::ui {

class StudioContext;
class RunController;
class LearnerChooser;
class SchemaForm;

// What the form shows, as the undo history keeps it (experiment_page_history.cpp).
struct ExperimentFormState {
  std::string config;         // the configuration as JSON
  QString label;              // the run's label
  QString preset;             // the preset the label names, if any
  std::string preset_config;  // that preset's configuration, to tell edits from it
};

class ExperimentPage : public QWidget {
  Q_OBJECT
 public:
  ExperimentPage(StudioContext* context, RunController* runs, QWidget* parent = nullptr);

  // Fills the form with a preset of preset_names() (ui/forms/experiment_presets.h).
  void applyPreset(const QString& name);
  // The experiment the form describes (list fields that do not parse are left empty).
  [[nodiscard]] ExperimentConfig config() const;
  // Fills the form; learners the registry does not know are left out.
  void setConfig(const ExperimentConfig& config);
  // Every problem with the form, one per line; empty when the experiment can run.
  [[nodiscard]] QString validationError() const;
  // The label the run is stored with (the preset's name unless edited).
  [[nodiscard]] QString runLabel() const;

  // Starts the experiment through the RunController; false (with the reason shown on the
  // page) when the form has problems, no data set or store is open, or a run is going.
  bool start();
  void cancel();
  // The form's undo history (Ctrl+Z / Ctrl+Shift+Z on this page, and the Edit menu): each
  // edit, preset and loaded file is a step; keystrokes within a second are one.
  [[nodiscard]] QAction* undoAction() const { return undo_; }
  [[nodiscard]] QAction* redoAction() const { return redo_; }
  [[nodiscard]] QUndoStack* history() const { return history_; }
  // Shows a state the history kept; not itself a step.
  void showFormState(const ExperimentFormState& state);

  // Why Start did nothing, or how the last run ended.
  [[nodiscard]] QString statusText() const;

  // ---- the configuration as a file (experiment_page_files.cpp): the JSON `metacf run
  // --config FILE` reads. Each returns an empty string on success, else the reason naming the
  // file (and the key, for a configuration that does not read).
  QString saveConfigTo(const QString& path);
  QString loadConfigFrom(const QString& path);
  // The `metacf run ...` command reproducing the form: the data set's flags, the learners, K,
  // seeds and protocol, and a --config file holding the rest (the file last saved or loaded
  // when the form still matches it, else one written under the studio's data folder). Empty
  // with `why` set when there is no data set or the form has problems.
  [[nodiscard]] QString cliCommand(QString* why = nullptr);
  // File dialogs and the clipboard, for the buttons and the File menu.
  void promptSaveConfig();
  void promptLoadConfig();
  void copyCliCommand();

 signals:
  // A run was started from this page (the window shows the Training page).
  void runStarted();

 private:
  void buildForm();
  QWidget* buildSplitGroup();
  QWidget* buildPretrainGroup();
  QWidget* buildEvaluationGroup();
  QWidget* buildRunPanel();
  QWidget* buildConfigFileRow(QWidget* parent);
  void arrangeForm(bool narrow);
  bool eventFilter(QObject* watched, QEvent* event) override;
  void connectChanges();
  void formChanged();
  void markPresetEdits();
  void refresh();
  void refreshBaselines();
  void updateRunControls();
  void setStatus(const QString& text, bool problem);
  void saveConfig() const;
  void buildHistory();
  [[nodiscard]] ExperimentFormState formState() const;
  // Pushes the change since the last state shown, when the configuration changed.
  void recordFormChange(const QString& what, bool mergeable);

  StudioContext* context_;
  RunController* runs_;
  std::vector<std::string> known_;
  QString applied_preset_;      // the preset last applied, while the label still names it
  std::string applied_config_;  // its configuration as JSON, to tell edits from it
  bool filling_ = false;        // the form is being filled by code: not a user edit
  bool run_going_ = false;
  bool status_is_outcome_ = false;  // the status shows how the last run ended
  QString config_file_;             // the file last saved or loaded
  std::string config_file_json_;    // what it holds, to tell whether the form still matches it
  QUndoStack* history_ = nullptr;
  QAction* undo_ = nullptr;
  QAction* redo_ = nullptr;
  ExperimentFormState shown_;  // the state the history's last step left on screen
  int recording_paused_ = 0;   // > 0 while a preset, a file or an undo fills the form

  // generated from the configuration schema (core/config): split, pretraining, the rest
  SchemaForm* split_form_ = nullptr;
  SchemaForm* pretrain_form_ = nullptr;
  SchemaForm* evaluation_form_ = nullptr;
  // the form's arrangement (experiment_page_layout.cpp)
  QScrollArea* form_scroll_ = nullptr;
  QGridLayout* form_grid_ = nullptr;
  QGridLayout* preset_grid_ = nullptr;
  std::vector<QPushButton*> preset_buttons_;
  QWidget* stages_ = nullptr;
  QWidget* evaluation_ = nullptr;
  bool narrow_ = false;
  LearnerChooser* learners_ = nullptr;
  QComboBox* baseline_ = nullptr;
  // run
  QLineEdit* label_ = nullptr;
  QPushButton* start_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* problems_ = nullptr;
  QToolButton* json_toggle_ = nullptr;
  QPlainTextEdit* json_view_ = nullptr;
};

}  // namespace metacf::ui
