#include "ui/forms/learner_settings_form.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "core/learners/registry.h"
#include "core/util/json_limits.h"
#include "core/util/json_text.h"
#include "ui/forms/schema_form.h"

namespace metacf::ui {

LearnerSettingsForm::LearnerSettingsForm(QWidget* parent) : QWidget(parent) {
  layout_ = new QVBoxLayout(this);
  layout_->setContentsMargins(0, 0, 0, 0);
  note_ = new QLabel(this);
  note_->setWordWrap(true);
  note_->setStyleSheet(QStringLiteral("color: palette(mid);"));
  json_ = new QPlainTextEdit(this);
  json_->setObjectName(QStringLiteral("rawJson"));
  json_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  json_->setMaximumHeight(110);
  json_->setToolTip(tr("Settings for this learner as a JSON object, e.g. {\"lr\": 0.01}"));
  json_->hide();
  layout_->addWidget(note_);
  layout_->addWidget(json_);

  connect(json_, &QPlainTextEdit::textChanged, this, [this] {
    if (fields_) return;
    const std::string text = json_->toPlainText().trimmed().toStdString();
    const auto value =
        text.empty() ? nlohmann::json::object() : parse_bounded_json_or_discarded(text);
    if (value.is_object()) {
      generic_value_ = value;
      json_error_.clear();
    } else {
      json_error_ = tr("the settings of %1 are not a JSON object such as {\"lr\": 0.01}")
                        .arg(QString::fromStdString(learner_));
    }
    emit overridesChanged(QString::fromStdString(learner_));
  });
}

void LearnerSettingsForm::setLearner(const std::string& learner, const nlohmann::json& overrides) {
  learner_ = learner;
  json_error_.clear();
  delete fields_;
  fields_ = nullptr;
  std::optional<LearnerDescriptor> descriptor;
  try {
    descriptor = find_learner(learner);
  } catch (const std::invalid_argument&) {
    // A malformed variant name: offered as raw JSON, and the experiment's check says why.
  }
  json_->setVisible(!descriptor);
  if (!descriptor) {
    note_->setText(tr("Settings as JSON; the learner's own check says which keys it takes."));
    generic_value_ = overrides.is_object() ? overrides : nlohmann::json::object();
    const QSignalBlocker block(json_);
    json_->setPlainText(
        generic_value_.empty() ? QString() : QString::fromStdString(json_text(generic_value_, 2)));
    return;
  }
  fields_ = new SchemaForm(descriptor->offered_settings(), SchemaForm::Naming::kKey, this);
  fields_->setValues(overrides);
  layout_->insertWidget(1, fields_);
  note_->setText(fields_->fields().empty() ? tr("This learner has no settings of its own.")
                                           : tr("Values left at their defaults are not stored."));
  connect(fields_, &SchemaForm::changed, this,
          [this] { emit overridesChanged(QString::fromStdString(learner_)); });
}

nlohmann::json LearnerSettingsForm::overrides() const {
  return fields_ ? fields_->changedValues() : generic_value_;
}

QString LearnerSettingsForm::error() const {
  if (!fields_) return json_error_;
  return fields_->problems().join(QLatin1Char('\n'));
}

}  // namespace metacf::ui
