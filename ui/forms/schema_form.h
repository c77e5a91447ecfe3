#pragma once
// A form generated from a configuration schema (core/config/config_field.h): one editor per
// field, with the field's range, default, label and doc. Nothing is restated here: a new field
// in a config struct gets its editor by itself.
#include <QString>
#include <QStringList>
#include <QWidget>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/config/config_field.h"

class QFormLayout;

namespace metacf::ui {

class SchemaForm : public QWidget {
  Q_OBJECT
 public:
  // How editors are named (QObject::objectName): the JSON key ("max_epochs") or camel case
  // ("maxEpochs", as the Experiment page names its widgets).
  enum class Naming { kKey, kCamelCase };

  // Sections are skipped (give their fields a form of their own).
  SchemaForm(std::vector<FieldInfo> fields, Naming naming, QWidget* parent = nullptr);

  // Shows `values`; keys absent take their defaults, keys that are not fields are ignored.
  // Emits nothing.
  void setValues(const nlohmann::json& values);
  // Every field's value. A list that does not parse is empty; bad JSON keeps its last value.
  [[nodiscard]] nlohmann::json values() const;
  // Only the values that differ from their defaults.
  [[nodiscard]] nlohmann::json changedValues() const;
  // "K values: 'five' is not a whole number", "Seeds: 1 is listed more than once", one per
  // field that cannot be read. Such a list's editor is also framed in red, its tooltip saying
  // why, and its "problem" property holds the reason (empty when none).
  [[nodiscard]] QStringList problems() const;

  [[nodiscard]] const std::vector<FieldInfo>& fields() const { return fields_; }
  // The editor of a field, or null.
  [[nodiscard]] QWidget* editor(const std::string& key) const;

 signals:
  void changed();

 private:
  // The editor of field f, with its range, connected to changed(); f is not a section.
  QWidget* makeEditor(const FieldInfo& f);
  QWidget* makeIntEditor(const FieldRange& r);
  QWidget* makeDoubleEditor(const FieldInfo& f);
  QWidget* makeBoolEditor();
  QWidget* makeTextEditor(const FieldInfo& f);
  QWidget* makeListEditor(const FieldInfo& f);
  QWidget* makeJsonEditor();

  [[nodiscard]] nlohmann::json valueOf(std::size_t i) const;
  // Why list field i cannot be read; empty when it can (or is no list of numbers).
  [[nodiscard]] QString listProblem(std::size_t i) const;
  void markProblem(std::size_t i);
  void show(std::size_t i, const nlohmann::json& value);

  std::vector<FieldInfo> fields_;
  std::vector<QWidget*> editors_;          // one per field
  std::vector<nlohmann::json> last_json_;  // kJson fields: the last value that parsed
  QFormLayout* form_ = nullptr;
};

// "max_epochs" -> "maxEpochs".
QString camel_case(const std::string& key);

// `values` without the keys whose value equals the field's default (numbers within rounding).
nlohmann::json without_defaults(const std::vector<FieldInfo>& fields, const nlohmann::json& values);

}  // namespace metacf::ui
