#include "ui/forms/load_options_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSignalBlocker>
#include <algorithm>
#include <utility>

#include "core/config/load_options_schema.h"

namespace metacf::ui {
namespace {
// How the user last chose to read files: kept across Opens and sessions.
// By name since the names are the schema's (older versions kept the enum's number).
const char* const kFormatKey = "data/formatName";
const char* const kDelimiterKey = "data/delimiterName";
const char* const kColumnOrderKey = "data/columnOrderName";
}  // namespace

// The combo of a schema field: its choices by name, its doc as the tooltip.
QComboBox* LoadOptionsForm::choiceCombo(const char* key, const char* object_name) {
  const FieldInfo& f = *load_options_schema().info().find(key);
  auto* combo = new QComboBox(this);
  combo->setObjectName(QString::fromLatin1(object_name));
  for (const std::string& choice : f.choices) {
    combo->addItem(QString::fromStdString(choice), QString::fromStdString(choice));
  }
  combo->setToolTip(QString::fromStdString(f.doc));
  return combo;
}

LoadOptionsForm::LoadOptionsForm(QWidget* parent) : QWidget(parent) {
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  const SchemaInfo& schema = load_options_schema().info();
  auto label = [&](const char* key) { return QString::fromStdString(schema.find(key)->label); };
  auto doc = [&](const char* key) { return QString::fromStdString(schema.find(key)->doc); };

  format_ = choiceCombo("format", "formatCombo");
  delimiter_ = choiceCombo("delimiter", "delimiterCombo");
  column_order_ = choiceCombo("column_order", "columnOrderCombo");

  lenient_ = new QCheckBox(label("lenient"), this);
  lenient_->setToolTip(doc("lenient"));

  use_threshold_ = new QCheckBox(label("rating_threshold"), this);
  use_threshold_->setToolTip(doc("rating_threshold"));
  threshold_ = new QDoubleSpinBox(this);
  const FieldRange range = schema.find("rating_threshold")->range;
  threshold_->setRange(range.lo, range.hi);
  threshold_->setDecimals(1);
  threshold_->setValue(4.0);
  threshold_->setEnabled(false);
  threshold_->setToolTip(use_threshold_->toolTip());

  row->addWidget(new QLabel(label("format") + QLatin1Char(':'), this));
  row->addWidget(format_);
  row->addSpacing(8);
  row->addWidget(new QLabel(label("delimiter") + QLatin1Char(':'), this));
  row->addWidget(delimiter_);
  row->addSpacing(8);
  row->addWidget(new QLabel(label("column_order") + QLatin1Char(':'), this));
  row->addWidget(column_order_);
  row->addSpacing(8);
  row->addWidget(lenient_);
  row->addSpacing(8);
  row->addWidget(use_threshold_);
  row->addWidget(threshold_);
  row->addStretch(1);

  auto notify = [this] { emit changed(); };
  connect(format_, &QComboBox::activated, this, notify);
  connect(delimiter_, &QComboBox::activated, this, notify);
  connect(column_order_, &QComboBox::activated, this, notify);
  connect(lenient_, &QCheckBox::toggled, this, notify);
  connect(use_threshold_, &QCheckBox::toggled, this, [this, notify](bool on) {
    threshold_->setEnabled(on);
    notify();
  });
  // Reload once the value is entered, not on every keystroke.
  connect(threshold_, &QDoubleSpinBox::editingFinished, this, [this, notify] {
    if (use_threshold_->isChecked()) notify();
  });
}

LoadOptions LoadOptionsForm::options() const {
  nlohmann::json j = {{"format", format_->currentData().toString().toStdString()},
                      {"delimiter", delimiter_->currentData().toString().toStdString()},
                      {"column_order", column_order_->currentData().toString().toStdString()},
                      {"lenient", lenient_->isChecked()}};
  if (use_threshold_->isChecked()) j["rating_threshold"] = threshold_->value();
  return read_load_options(j);  // the combos offer only the schema's choices
}

void LoadOptionsForm::setOptions(const LoadOptions& o) {
  const QSignalBlocker b1(format_), b2(column_order_), b3(lenient_), b4(use_threshold_),
      b5(threshold_), b6(delimiter_);
  const nlohmann::json j = load_options_schema().write(o);
  auto choose = [&](QComboBox* combo, const char* key) {
    combo->setCurrentIndex(combo->findData(QString::fromStdString(j.at(key).get<std::string>())));
  };
  choose(format_, "format");
  choose(delimiter_, "delimiter");
  choose(column_order_, "column_order");
  lenient_->setChecked(o.lenient);
  use_threshold_->setChecked(o.rating_threshold.has_value());
  threshold_->setEnabled(o.rating_threshold.has_value());
  if (o.rating_threshold) threshold_->setValue(*o.rating_threshold);
}

LoadOptions LoadOptionsForm::remembered() {
  // By name, as the schema writes them; a value this version does not know is left out.
  const QSettings settings;
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [setting, key] :
       {std::pair{kFormatKey, "format"}, std::pair{kDelimiterKey, "delimiter"},
        std::pair{kColumnOrderKey, "column_order"}}) {
    const std::string value = settings.value(setting).toString().toStdString();
    const auto& choices = load_options_schema().info().find(key)->choices;
    if (std::find(choices.begin(), choices.end(), value) != choices.end()) j[key] = value;
  }
  return read_load_options(j);
}

void LoadOptionsForm::remember(const LoadOptions& o) {
  const nlohmann::json j = load_options_schema().write(o);
  QSettings settings;
  settings.setValue(kFormatKey, QString::fromStdString(j.at("format").get<std::string>()));
  settings.setValue(kDelimiterKey, QString::fromStdString(j.at("delimiter").get<std::string>()));
  settings.setValue(kColumnOrderKey,
                    QString::fromStdString(j.at("column_order").get<std::string>()));
}

}  // namespace metacf::ui
