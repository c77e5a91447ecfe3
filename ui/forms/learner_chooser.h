#pragma once
// The learners of an experiment: a checkbox per registered learner (the MetaCF variants folded
// away), and the settings of one of them in a form generated from its schema. Only settings
// that differ from the defaults are kept.
#include <QGroupBox>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

class QCheckBox;
class QComboBox;
class QToolButton;
class QVBoxLayout;

namespace metacf::ui {

class LearnerSettingsForm;

class LearnerChooser : public QGroupBox {
  Q_OBJECT
 public:
  LearnerChooser(std::vector<std::string> known, QWidget* parent = nullptr);

  // The ticked learners, in list order.
  [[nodiscard]] std::vector<std::string> chosen() const;
  // learner name -> non-default settings, for the chosen learners only.
  [[nodiscard]] nlohmann::json chosenSettings() const;
  // Ticks `learners` (names not listed are left out) and keeps `settings`. Emits nothing.
  void setChosen(const std::vector<std::string>& learners, const nlohmann::json& settings);
  // Why the settings shown cannot be used; empty when they can.
  [[nodiscard]] QString error() const;

 signals:
  void chosenChanged();
  void settingsChanged();

 private:
  void buildVariantsToggle();
  void addLearnerChecks(QVBoxLayout* layout);
  void addSettingsChooser(QVBoxLayout* layout);
  void connectChoices();
  void showSettings(const QString& learner);

  std::vector<std::string> known_;
  nlohmann::json overrides_ = nlohmann::json::object();  // learner -> non-default settings
  std::vector<std::pair<std::string, QCheckBox*>> learner_boxes_;
  QToolButton* variants_toggle_ = nullptr;  // folds the MetaCF variants' checkboxes
  QWidget* variants_panel_ = nullptr;
  QComboBox* settings_for_ = nullptr;
  QGroupBox* settings_group_ = nullptr;
  LearnerSettingsForm* learner_form_ = nullptr;
  bool filling_ = false;
};

}  // namespace metacf::ui
