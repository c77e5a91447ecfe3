#pragma once
// The settings of one learner: a spin box or combo per known hyperparameter (defaults from
// learner_fields()), or a JSON editor for a learner the form does not know yet.
#include <QWidget>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ui/forms/learner_fields.h"

class QFormLayout;
class QLabel;
class QPlainTextEdit;

namespace metacf::ui {

class LearnerSettingsForm : public QWidget {
  Q_OBJECT
 public:
  explicit LearnerSettingsForm(QWidget* parent = nullptr);

  // Shows `learner` with `overrides` (keys absent take their defaults). Emits nothing.
  void setLearner(const std::string& learner, const nlohmann::json& overrides);
  [[nodiscard]] const std::string& learner() const { return learner_; }
  // The values that differ from the defaults (an object, possibly empty).
  [[nodiscard]] nlohmann::json overrides() const;
  // Why the JSON typed for an unknown learner cannot be used; empty when it can.
  [[nodiscard]] QString error() const { return error_; }

 signals:
  void overridesChanged(const QString& learner);

 private:
  void clearFields();

  std::string learner_;
  std::vector<LearnerField> fields_;
  std::vector<QWidget*> editors_;  // one per field
  bool generic_ = false;
  QString error_;
  nlohmann::json generic_value_ = nlohmann::json::object();
  QFormLayout* form_ = nullptr;
  QLabel* note_ = nullptr;
  QPlainTextEdit* json_ = nullptr;
};

}  // namespace metacf::ui
