#include "ui/forms/learner_settings_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace metacf::ui {

LearnerSettingsForm::LearnerSettingsForm(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  note_ = new QLabel(this);
  note_->setWordWrap(true);
  note_->setStyleSheet(QStringLiteral("color: palette(mid);"));
  form_ = new QFormLayout;
  form_->setLabelAlignment(Qt::AlignRight);
  json_ = new QPlainTextEdit(this);
  json_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  json_->setMaximumHeight(110);
  json_->setToolTip(tr("Settings for this learner as a JSON object, e.g. {\"lr\": 0.01}"));
  json_->hide();
  layout->addWidget(note_);
  layout->addLayout(form_);
  layout->addWidget(json_);

  connect(json_, &QPlainTextEdit::textChanged, this, [this] {
    if (!generic_) return;
    const std::string text = json_->toPlainText().trimmed().toStdString();
    try {
      nlohmann::json value = text.empty() ? nlohmann::json::object() : nlohmann::json::parse(text);
      if (!value.is_object()) throw std::invalid_argument("not an object");
      generic_value_ = std::move(value);
      error_.clear();
    } catch (const std::exception&) {
      error_ = tr("the settings of %1 are not a JSON object such as {\"lr\": 0.01}")
                   .arg(QString::fromStdString(learner_));
    }
    emit overridesChanged(QString::fromStdString(learner_));
  });
}

void LearnerSettingsForm::clearFields() {
  while (form_->rowCount() > 0) form_->removeRow(0);
  editors_.clear();
  fields_.clear();
}

void LearnerSettingsForm::setLearner(const std::string& learner, const nlohmann::json& overrides) {
  learner_ = learner;
  clearFields();
  error_.clear();
  const auto fields = learner_fields(learner);
  generic_ = !fields.has_value();
  json_->setVisible(generic_);
  if (generic_) {
    note_->setText(tr("Settings as JSON; keys the learner does not read are ignored."));
    generic_value_ = overrides.is_object() ? overrides : nlohmann::json::object();
    const QSignalBlocker block(json_);
    json_->setPlainText(generic_value_.empty()
                            ? QString()
                            : QString::fromStdString(generic_value_.dump(2)));
    return;
  }
  fields_ = *fields;
  note_->setText(fields_.empty() ? tr("This learner has no settings of its own.")
                                 : tr("Values left at their defaults are not stored."));
  for (const LearnerField& f : fields_) {
    const nlohmann::json value = overrides.contains(f.key) ? overrides.at(f.key) : f.default_value;
    QWidget* editor = nullptr;
    switch (f.kind) {
      case LearnerField::Kind::kInt: {
        auto* spin = new QSpinBox(this);
        spin->setRange(static_cast<int>(f.min), static_cast<int>(f.max));
        spin->setValue(value.is_number() ? value.get<int>() : f.default_value.get<int>());
        connect(spin, &QSpinBox::valueChanged, this,
                [this] { emit overridesChanged(QString::fromStdString(learner_)); });
        editor = spin;
        break;
      }
      case LearnerField::Kind::kDouble: {
        auto* spin = new QDoubleSpinBox(this);
        spin->setDecimals(f.decimals);
        spin->setRange(f.min, f.max);
        spin->setSingleStep(std::max(f.default_value.get<double>() / 10, std::pow(10, -f.decimals)));
        spin->setValue(value.is_number() ? value.get<double>() : f.default_value.get<double>());
        connect(spin, &QDoubleSpinBox::valueChanged, this,
                [this] { emit overridesChanged(QString::fromStdString(learner_)); });
        editor = spin;
        break;
      }
      case LearnerField::Kind::kBool: {
        auto* check = new QCheckBox(this);
        check->setChecked(value.is_boolean() ? value.get<bool>() : f.default_value.get<bool>());
        connect(check, &QCheckBox::toggled, this,
                [this] { emit overridesChanged(QString::fromStdString(learner_)); });
        editor = check;
        break;
      }
      case LearnerField::Kind::kChoice: {
        auto* combo = new QComboBox(this);
        combo->addItems(f.choices);
        const QString chosen = QString::fromStdString(
            value.is_string() ? value.get<std::string>() : f.default_value.get<std::string>());
        combo->setCurrentIndex(std::max(0, static_cast<int>(combo->findText(chosen))));
        connect(combo, &QComboBox::currentIndexChanged, this,
                [this] { emit overridesChanged(QString::fromStdString(learner_)); });
        editor = combo;
        break;
      }
    }
    editor->setToolTip(f.tooltip);
    editor->setObjectName(QString::fromStdString(f.key));
    form_->addRow(f.label + QLatin1Char(':'), editor);
    editors_.push_back(editor);
  }
}

nlohmann::json LearnerSettingsForm::overrides() const {
  if (generic_) return generic_value_;
  nlohmann::json values = nlohmann::json::object();
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    const LearnerField& f = fields_[i];
    if (auto* spin = qobject_cast<QSpinBox*>(editors_[i])) {
      values[f.key] = spin->value();
    } else if (auto* dspin = qobject_cast<QDoubleSpinBox*>(editors_[i])) {
      values[f.key] = dspin->value();
    } else if (auto* check = qobject_cast<QCheckBox*>(editors_[i])) {
      values[f.key] = check->isChecked();
    } else if (auto* combo = qobject_cast<QComboBox*>(editors_[i])) {
      values[f.key] = combo->currentText().toStdString();
    }
  }
  return without_defaults(fields_, values);
}

}  // namespace metacf::ui
