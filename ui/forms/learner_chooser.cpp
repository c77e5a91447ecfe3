#include "ui/forms/learner_chooser.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "core/learners/registry.h"
#include "ui/forms/learner_settings_form.h"

namespace metacf::ui {

LearnerChooser::LearnerChooser(std::vector<std::string> known, QWidget* parent)
    : QGroupBox(tr("Learners"), parent), known_(std::move(known)) {
  auto* layout = new QVBoxLayout(this);
  buildVariantsToggle();
  addLearnerChecks(layout);
  addSettingsChooser(layout);
  connectChoices();
}

// The MetaCF variants (names with a +suffix) are many; they fold away below the learners most
// runs use.
void LearnerChooser::addLearnerChecks(QVBoxLayout* layout) {
  auto* checks = new QGridLayout;
  variants_panel_ = new QWidget(this);
  auto* variant_checks = new QGridLayout(variants_panel_);
  variant_checks->setContentsMargins(0, 0, 0, 0);
  int base = 0, variant = 0;
  for (const std::string& name : known_) {
    const LearnerDescriptor learner = describe_learner(name);
    const bool is_variant = learner.is_variant();
    auto* check = new QCheckBox(QString::fromStdString(name), is_variant ? variants_panel_ : this);
    check->setObjectName(QStringLiteral("learner_") + QString::fromStdString(name));
    check->setToolTip(
        tr("Train and evaluate %1: %2")
            .arg(QString::fromStdString(name), QString::fromStdString(learner.summary)));
    if (is_variant) {
      variant_checks->addWidget(check, variant / 2, variant % 2);
      ++variant;
    } else {
      checks->addWidget(check, base / 2, base % 2);
      ++base;
    }
    learner_boxes_.emplace_back(name, check);
  }
  layout->addLayout(checks);
  layout->addWidget(variants_toggle_);
  layout->addWidget(variants_panel_);
  variants_toggle_->setText(tr("MetaCF variants (%1)").arg(variant));
  variants_toggle_->setVisible(variant > 0);
  variants_panel_->hide();
  connect(variants_toggle_, &QToolButton::toggled, this, [this](bool open) {
    variants_toggle_->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    variants_panel_->setVisible(open);
  });
}

void LearnerChooser::buildVariantsToggle() {
  variants_toggle_ = new QToolButton(this);
  variants_toggle_->setObjectName(QStringLiteral("variantsToggle"));
  variants_toggle_->setToolTip(
      tr("+bias: an item bias in the score; +msgd: Meta-SGD, a learned "
         "step per dimension; +cooc: the support items' co-occurrence "
         "rows as input of the initialiser"));
  variants_toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  variants_toggle_->setAutoRaise(true);
  variants_toggle_->setCheckable(true);
  variants_toggle_->setArrowType(Qt::RightArrow);
}

void LearnerChooser::addSettingsChooser(QVBoxLayout* layout) {
  auto* chooser = new QHBoxLayout;
  settings_for_ = new QComboBox(this);
  settings_for_->setObjectName(QStringLiteral("settingsFor"));
  for (const std::string& name : known_) settings_for_->addItem(QString::fromStdString(name));
  settings_for_->setToolTip(tr("Whose settings the group below shows"));
  chooser->addWidget(new QLabel(tr("Settings of"), this));
  chooser->addWidget(settings_for_, 1);
  layout->addLayout(chooser);

  settings_group_ = new QGroupBox(this);
  auto* settings_layout = new QVBoxLayout(settings_group_);
  learner_form_ = new LearnerSettingsForm(settings_group_);
  settings_layout->addWidget(learner_form_);
  layout->addWidget(settings_group_);
  layout->addStretch(1);
}

void LearnerChooser::connectChoices() {
  for (const auto& [name, check] : learner_boxes_) {
    connect(check, &QCheckBox::toggled, this, [this, n = name](bool on) {
      if (filling_) return;
      // Show the settings of a learner just chosen: that is usually what one edits next.
      if (on) settings_for_->setCurrentText(QString::fromStdString(n));
      emit chosenChanged();
    });
  }
  connect(settings_for_, &QComboBox::currentTextChanged, this, &LearnerChooser::showSettings);
  connect(learner_form_, &LearnerSettingsForm::overridesChanged, this,
          [this](const QString& learner) {
            const std::string name = learner.toStdString();
            const nlohmann::json values = learner_form_->overrides();
            if (values.empty()) {
              overrides_.erase(name);
            } else {
              overrides_[name] = values;
            }
            emit settingsChanged();
          });
}

std::vector<std::string> LearnerChooser::chosen() const {
  std::vector<std::string> out;
  for (const auto& [name, check] : learner_boxes_) {
    if (check->isChecked()) out.push_back(name);
  }
  return out;
}

nlohmann::json LearnerChooser::chosenSettings() const {
  // Settings of learners not chosen would only clutter the stored config.
  nlohmann::json out = nlohmann::json::object();
  for (const auto& name : chosen()) {
    if (overrides_.contains(name) && !overrides_.at(name).empty()) out[name] = overrides_.at(name);
  }
  return out;
}

void LearnerChooser::setChosen(const std::vector<std::string>& learners,
                               const nlohmann::json& settings) {
  filling_ = true;
  bool variant_chosen = false;
  for (const auto& [name, check] : learner_boxes_) {
    check->setChecked(std::find(learners.begin(), learners.end(), name) != learners.end());
    variant_chosen |= check->isChecked() && describe_learner(name).is_variant();
  }
  if (variant_chosen) variants_toggle_->setChecked(true);
  overrides_ = settings.is_object() ? settings : nlohmann::json::object();
  // Show the settings of the first chosen learner that has some.
  for (const std::string& name : learners) {
    const auto learner = find_learner(name);
    if (!learner || !learner->offered_settings().empty()) {
      settings_for_->setCurrentText(QString::fromStdString(name));
      break;
    }
  }
  showSettings(settings_for_->currentText());
  filling_ = false;
}

QString LearnerChooser::error() const { return learner_form_->error(); }

void LearnerChooser::showSettings(const QString& learner) {
  const std::string name = learner.toStdString();
  settings_group_->setTitle(tr("%1 settings").arg(learner));
  learner_form_->setLearner(name, overrides_.value(name, nlohmann::json::object()));
}

}  // namespace metacf::ui
