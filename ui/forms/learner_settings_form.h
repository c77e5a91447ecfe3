#pragma once
// The settings of one learner: a form generated from the learner's configuration schema (its
// registry descriptor), or a JSON editor for a name the registry does not know.
#include <QWidget>
#include <nlohmann/json.hpp>
#include <string>

class QLabel;
class QPlainTextEdit;
class QVBoxLayout;

namespace metacf::ui {

class SchemaForm;

class LearnerSettingsForm : public QWidget {
  Q_OBJECT
 public:
  explicit LearnerSettingsForm(QWidget* parent = nullptr);

  // Shows `learner` with `overrides` (keys absent take their defaults). Emits nothing.
  void setLearner(const std::string& learner, const nlohmann::json& overrides);
  [[nodiscard]] const std::string& learner() const { return learner_; }
  // The values that differ from the defaults (an object, possibly empty).
  [[nodiscard]] nlohmann::json overrides() const;
  // Why what is typed cannot be used (raw JSON that is not an object, a list that does not
  // parse); empty when it can.
  [[nodiscard]] QString error() const;

 signals:
  void overridesChanged(const QString& learner);

 private:
  std::string learner_;
  SchemaForm* fields_ = nullptr;  // null for a learner the registry does not know
  QString json_error_;
  nlohmann::json generic_value_ = nlohmann::json::object();
  QVBoxLayout* layout_ = nullptr;
  QLabel* note_ = nullptr;
  QPlainTextEdit* json_ = nullptr;
};

}  // namespace metacf::ui
