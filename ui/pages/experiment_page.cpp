#include "ui/pages/experiment_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "core/config/config_schema.h"
#include "core/experiment/learner_registry.h"
#include "core/learners/registry.h"
#include "ui/forms/experiment_presets.h"
#include "ui/forms/learner_chooser.h"
#include "ui/forms/schema_form.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

namespace metacf::ui {
namespace {
const char* const kConfigKey = "experiment/lastConfig";
const char* const kLabelKey = "experiment/lastLabel";
const QString kFirstPreset = QStringLiteral("Quick look");

// The experiment's own fields other than the sections, the learners and the reference,
// which the page lays out itself.
std::vector<FieldInfo> evaluation_fields() {
  std::vector<FieldInfo> out;
  for (const FieldInfo& f : experiment_config_schema().info().fields) {
    if (f.kind != FieldKind::kSection && f.key != "learners" && f.key != "baseline" &&
        f.key != "learner_configs") {
      out.push_back(f);
    }
  }
  return out;
}

// A section's fields the user sets (its seed is each of the experiment's seeds).
std::vector<FieldInfo> settable(const SchemaInfo& schema) {
  std::vector<FieldInfo> out;
  for (const FieldInfo& f : schema.fields) {
    if (f.role == FieldRole::kSetting) out.push_back(f);
  }
  return out;
}
}  // namespace

ExperimentPage::ExperimentPage(StudioContext* context, RunController* runs, QWidget* parent)
    : QWidget(parent), context_(context), runs_(runs), known_(known_learners()) {
  buildForm();
  connectChanges();

  ExperimentConfig restored;
  bool have_restored = false;
  const QString saved = QSettings().value(kConfigKey).toString();
  if (!saved.isEmpty()) {
    try {
      // Leniently: a key an older version saved and this one no longer has is dropped.
      restored = read_stored_experiment_config(nlohmann::json::parse(saved.toStdString()));
      have_restored = true;
    } catch (const std::exception&) {
      // A config from an older version that no longer parses: start from the preset.
    }
  }
  if (have_restored) {
    setConfig(restored);
    label_->setText(QSettings().value(kLabelKey).toString());
  } else {
    applyPreset(kFirstPreset);
  }

  connect(context_, &StudioContext::datasetChanged, this, &ExperimentPage::updateRunControls);
  connect(context_, &StudioContext::storeChanged, this, &ExperimentPage::updateRunControls);
  connect(runs_, &RunController::finished, this,
          [this](qint64 run_id, RunStatus status, const QString& error) {
            run_going_ = false;
            QString text = tr("Run #%1 %2.").arg(run_id).arg(
                QString::fromUtf8(to_string(status).data(), to_string(status).size()));
            if (!error.isEmpty()) text += QLatin1Char(' ') + error;
            updateRunControls();
            setStatus(text, status == RunStatus::kFailed);
            status_is_outcome_ = true;
          });
}

// ---------------------------------------------------------------- building the form

void ExperimentPage::buildForm() {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(12, 12, 12, 12);
  layout->setSpacing(12);

  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* form = new QWidget(scroll);
  auto* grid = new QGridLayout(form);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setSpacing(12);

  auto* presets = new QGroupBox(tr("Presets"), form);
  auto* preset_row = new QHBoxLayout(presets);
  const QStringList preset_tips{
      tr("Every learner at K = 5, as in the paper's Table 2"),
      tr("Every learner at K = 1..5, as in the paper's Table 3"),
      tr("Meta-test supports fixed to 1..5 records, as in the paper's Fig. 2"),
      tr("Short pretraining and meta-training on a few learners: a first result in seconds")};
  const QStringList names = preset_names();
  for (int i = 0; i < names.size(); ++i) {
    auto* button = new QPushButton(names[i], presets);
    button->setToolTip(preset_tips.value(i));
    connect(button, &QPushButton::clicked, this, [this, name = names[i]] { applyPreset(name); });
    preset_row->addWidget(button);
  }
  preset_row->addStretch(1);

  // Split and pretraining stacked beside the (taller) learners group.
  auto* stages = new QVBoxLayout;
  stages->setSpacing(12);
  stages->addWidget(buildSplitGroup());
  stages->addWidget(buildPretrainGroup());
  stages->addStretch(1);
  grid->addWidget(presets, 0, 0, 1, 2);
  grid->addLayout(stages, 1, 0);
  learners_ = new LearnerChooser(known_, form);
  grid->addWidget(learners_, 1, 1);
  grid->addWidget(buildEvaluationGroup(), 2, 0, 1, 2);
  grid->setRowStretch(3, 1);
  grid->setColumnStretch(0, 1);
  grid->setColumnStretch(1, 1);
  scroll->setWidget(form);

  layout->addWidget(scroll, 1);
  QWidget* run_panel = buildRunPanel();
  run_panel->setFixedWidth(380);
  layout->addWidget(run_panel);
}

QWidget* ExperimentPage::buildSplitGroup() {
  auto* box = new QGroupBox(tr("Split"), this);
  box->setObjectName(QStringLiteral("splitGroup"));
  auto* layout = new QVBoxLayout(box);
  split_form_ = new SchemaForm(settable(split_config_schema().info()),
                               SchemaForm::Naming::kCamelCase, box);
  layout->addWidget(split_form_);
  return box;
}

QWidget* ExperimentPage::buildPretrainGroup() {
  auto* box = new QGroupBox(tr("Pretraining (item embeddings Q)"), this);
  box->setObjectName(QStringLiteral("pretrainGroup"));
  auto* layout = new QVBoxLayout(box);
  pretrain_form_ = new SchemaForm(settable(pretrain_config_schema().info()),
                                  SchemaForm::Naming::kCamelCase, box);
  layout->addWidget(pretrain_form_);
  return box;
}

QWidget* ExperimentPage::buildEvaluationGroup() {
  auto* box = new QGroupBox(tr("Adaptation and evaluation"), this);
  box->setObjectName(QStringLiteral("evaluationGroup"));
  auto* layout = new QVBoxLayout(box);
  evaluation_form_ = new SchemaForm(evaluation_fields(), SchemaForm::Naming::kCamelCase, box);
  baseline_ = new QComboBox(box);
  baseline_->setObjectName(QStringLiteral("baseline"));
  baseline_->setToolTip(tr("Every learner is compared with this one by the paired per-user "
                           "difference (same users, same split) with a 95% interval"));
  auto* reference = new QFormLayout;
  reference->setLabelAlignment(Qt::AlignRight);
  reference->addRow(tr("Baseline:"), baseline_);
  auto* note = new QLabel(tr("Sampled and full-ranking metrics are not comparable: results "
                             "are always labelled with their protocol."),
                          box);
  note->setWordWrap(true);
  note->setStyleSheet(QStringLiteral("color: palette(mid);"));
  layout->addWidget(evaluation_form_);
  layout->addLayout(reference);
  layout->addWidget(note);
  return box;
}

QWidget* ExperimentPage::buildRunPanel() {
  auto* panel = new QWidget(this);
  auto* layout = new QVBoxLayout(panel);
  layout->setContentsMargins(0, 0, 0, 0);

  auto* run_box = new QGroupBox(tr("Run"), panel);
  auto* run_layout = new QVBoxLayout(run_box);
  auto* label_row = new QFormLayout;
  label_ = new QLineEdit(run_box);
  label_->setObjectName(QStringLiteral("runLabel"));
  label_->setPlaceholderText(tr("optional, e.g. the preset's name"));
  label_->setToolTip(tr("A name for the run in the results and the store"));
  label_row->addRow(tr("Label"), label_);
  run_layout->addLayout(label_row);
  auto* buttons = new QHBoxLayout;
  start_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Start"), run_box);
  start_->setToolTip(tr("Run the experiment and watch it on the Training page (Ctrl+R)"));
  start_->setDefault(true);
  cancel_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Cancel"), run_box);
  cancel_->setToolTip(tr("Stop the run; what finished stays in the store (Esc)"));
  buttons->addWidget(start_);
  buttons->addWidget(cancel_);
  buttons->addStretch(1);
  run_layout->addLayout(buttons);
  status_ = new QLabel(run_box);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  run_layout->addWidget(status_);
  problems_ = new QLabel(run_box);
  problems_->setObjectName(QStringLiteral("problems"));
  problems_->setWordWrap(true);
  problems_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  problems_->setStyleSheet(QStringLiteral("color: #b00020;"));
  run_layout->addWidget(problems_);
  layout->addWidget(run_box);

  json_toggle_ = new QToolButton(panel);
  json_toggle_->setText(tr("Configuration as JSON"));
  json_toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  json_toggle_->setArrowType(Qt::RightArrow);
  json_toggle_->setCheckable(true);
  json_toggle_->setAutoRaise(true);
  json_toggle_->setToolTip(tr("The exact configuration the run will store"));
  json_view_ = new QPlainTextEdit(panel);
  json_view_->setObjectName(QStringLiteral("configJson"));
  json_view_->setReadOnly(true);
  json_view_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  json_view_->setLineWrapMode(QPlainTextEdit::NoWrap);
  json_view_->hide();
  layout->addWidget(json_toggle_);
  layout->addWidget(json_view_, 1);
  layout->addStretch(0);

  connect(json_toggle_, &QToolButton::toggled, this, [this](bool open) {
    json_toggle_->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    json_view_->setVisible(open);
  });
  connect(start_, &QPushButton::clicked, this, [this] { start(); });
  connect(cancel_, &QPushButton::clicked, this, &ExperimentPage::cancel);
  return panel;
}

void ExperimentPage::connectChanges() {
  auto changed = [this] { formChanged(); };
  for (SchemaForm* form : {split_form_, pretrain_form_, evaluation_form_}) {
    connect(form, &SchemaForm::changed, this, changed);
  }
  // Sampled candidates matter in the sampled protocol only.
  auto* protocol = qobject_cast<QComboBox*>(evaluation_form_->editor("protocol"));
  connect(protocol, &QComboBox::currentTextChanged, this, [this](const QString& name) {
    evaluation_form_->editor("sampled_candidates")
        ->setEnabled(name.toStdString() == protocol_name(Protocol::kSampled));
  });
  connect(label_, &QLineEdit::textChanged, this,
          [](const QString& text) { QSettings().setValue(kLabelKey, text); });
  connect(baseline_, &QComboBox::currentIndexChanged, this, changed);
  connect(learners_, &LearnerChooser::chosenChanged, this, [this] {
    refreshBaselines();
    formChanged();
  });
  connect(learners_, &LearnerChooser::settingsChanged, this, changed);
}

// ---------------------------------------------------------------- config <-> form

ExperimentConfig ExperimentPage::config() const {
  nlohmann::json j = evaluation_form_->values();
  j["split"] = split_form_->values();
  j["pretrain"] = pretrain_form_->values();
  j["learners"] = learners_->chosen();
  j["learner_configs"] = learners_->chosenSettings();
  j["baseline"] = baseline_->currentText().toStdString();
  // The form's values have the schema's keys and types; ranges are checked by validate().
  ExperimentConfig c = read_stored_experiment_config(j);
  // Each seed replaces these; the first is kept so the stored config reads naturally.
  c.split.seed = c.seeds.empty() ? 1 : c.seeds.front();
  c.pretrain.seed = c.split.seed;
  return c;
}

void ExperimentPage::setConfig(const ExperimentConfig& c) {
  filling_ = true;
  const nlohmann::json j = c;
  split_form_->setValues(j.at("split"));
  pretrain_form_->setValues(j.at("pretrain"));
  evaluation_form_->setValues(j);
  evaluation_form_->editor("sampled_candidates")->setEnabled(c.protocol == Protocol::kSampled);
  learners_->setChosen(c.learners, c.learner_configs);
  refreshBaselines();
  const int base = baseline_->findText(QString::fromStdString(c.baseline));
  if (base >= 0) baseline_->setCurrentIndex(base);
  filling_ = false;
  formChanged();
}

void ExperimentPage::applyPreset(const QString& name) {
  applied_preset_.clear();
  setConfig(make_preset(name, known_));
  applied_preset_ = name;
  applied_config_ = nlohmann::json(config()).dump();
  label_->setText(name);
}

// A run labelled with a preset's name must be that preset: once the form departs from it, the
// label says so (and says it no more when the form comes back). A label the user typed is hers.
void ExperimentPage::markPresetEdits() {
  if (applied_preset_.isEmpty()) return;
  const QString edited = tr("%1 (edited)").arg(applied_preset_);
  const QString label = label_->text();
  if (label != applied_preset_ && label != edited) return;
  const bool same = nlohmann::json(config()).dump() == applied_config_;
  label_->setText(same ? applied_preset_ : edited);
}

QString ExperimentPage::runLabel() const { return label_->text().trimmed(); }

void ExperimentPage::refreshBaselines() {
  const QString current = baseline_->currentText();
  const QSignalBlocker block(baseline_);
  baseline_->clear();
  for (const auto& name : learners_->chosen()) baseline_->addItem(QString::fromStdString(name));
  int index = baseline_->findText(current);
  if (index < 0) index = baseline_->findText(QString::fromStdString(default_reference_learner()));
  baseline_->setCurrentIndex(std::max(index, baseline_->count() > 0 ? 0 : -1));
}

// ---------------------------------------------------------------- checking and running

QString ExperimentPage::validationError() const {
  QStringList problems;
  for (SchemaForm* form : {split_form_, pretrain_form_, evaluation_form_}) {
    problems << form->problems();
  }
  if (!problems.isEmpty()) return problems.join(QLatin1Char('\n'));

  const ExperimentConfig c = config();
  try {
    c.validate();
  } catch (const std::exception& e) {
    problems << QString::fromUtf8(e.what());
  }
  if (!c.learners.empty() &&
      std::find(c.learners.begin(), c.learners.end(), c.baseline) == c.learners.end()) {
    problems << tr("choose a baseline among the chosen learners");
  }
  if (!learners_->error().isEmpty()) problems << learners_->error();
  if (!c.ks.empty()) {
    for (const std::string& problem :
         learner_settings_problems(c.learners, c.learner_configs, c.ks.front())) {
      problems << QString::fromStdString(problem);
    }
  }
  return problems.join(QLatin1Char('\n'));
}

void ExperimentPage::formChanged() {
  if (filling_) return;
  status_is_outcome_ = false;
  markPresetEdits();
  refresh();
  saveConfig();
}

void ExperimentPage::refresh() {
  const QString problems = validationError();
  problems_->setText(problems);
  problems_->setVisible(!problems.isEmpty());
  json_view_->setPlainText(QString::fromStdString(nlohmann::json(config()).dump(2)));
  updateRunControls();
}

void ExperimentPage::saveConfig() const {
  QSettings().setValue(kConfigKey, QString::fromStdString(nlohmann::json(config()).dump()));
}

void ExperimentPage::setStatus(const QString& text, bool problem) {
  status_->setText(text);
  status_->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QString());
  status_is_outcome_ = false;
}

QString ExperimentPage::statusText() const { return status_->text(); }

void ExperimentPage::updateRunControls() {
  const bool have_data = context_->dataset() != nullptr;
  const bool valid = problems_->text().isEmpty();
  start_->setEnabled(!run_going_ && have_data && valid);
  cancel_->setEnabled(run_going_);
  if (status_is_outcome_ && !run_going_) return;  // keep showing how the last run ended
  if (run_going_) {
    setStatus(tr("A run is going: watch it on the Training page. Esc cancels it."), false);
  } else if (!have_data) {
    setStatus(tr("Load a dataset set on the Data page to start."), false);
  } else if (context_->storePath().isEmpty()) {
    setStatus(tr("No experiment store is open: runs are stored, so choose one with File > "
                 "Open experiment store…"),
              true);
  } else if (valid) {
    const ExperimentConfig c = config();
    const auto dataset = context_->dataset();
    setStatus(tr("Ready: %1 learner(s) × %2 K value(s) × %3 seed(s) on %4.")
                  .arg(c.learners.size())
                  .arg(c.ks.size())
                  .arg(c.seeds.size())
                  .arg(QFileInfo(QString::fromStdString(dataset->source_path)).fileName()),
              false);
  } else {
    setStatus(tr("Fix the problems below to start."), false);
  }
}

bool ExperimentPage::start() {
  refresh();
  status_is_outcome_ = false;
  const QString problems = validationError();
  if (!problems.isEmpty()) {
    setStatus(tr("The experiment cannot start: fix the problems below."), true);
    return false;
  }
  if (!context_->dataset()) {
    setStatus(tr("Load a data set on the Data page first."), true);
    return false;
  }
  if (context_->storePath().isEmpty()) {
    setStatus(tr("A run needs an experiment store to keep its curves and results. Choose one "
                 "with File > Open experiment store…"),
              true);
    return false;
  }
  if (run_going_) {
    setStatus(tr("A run is already going."), true);
    return false;
  }
  // The controller reports `finished` from inside its job, a moment before its thread ends;
  // wait for that last moment rather than refuse the new run.
  if (runs_->running()) runs_->wait();
  if (!runs_->start(config(), runLabel())) {
    setStatus(tr("The run could not start."), true);
    return false;
  }
  run_going_ = true;
  updateRunControls();
  emit runStarted();
  return true;
}

void ExperimentPage::cancel() {
  if (!run_going_) return;
  runs_->cancel();
  setStatus(tr("Cancelling…"), false);
}

}  // namespace metacf::ui
