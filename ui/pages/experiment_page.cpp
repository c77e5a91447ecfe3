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
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "core/config/config_schema.h"
#include "core/experiment/run_request.h"
#include "core/learners/registry.h"
#include "core/util/json_limits.h"
#include "core/util/json_text.h"
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

}  // namespace

ExperimentPage::ExperimentPage(StudioContext* context, RunController* runs, QWidget* parent)
    : QWidget(parent), context_(context), runs_(runs), known_(learner_names()) {
  buildHistory();
  buildForm();
  connectChanges();

  ExperimentConfig restored;
  bool have_restored = false;
  const QString saved = QSettings().value(kConfigKey).toString();
  if (!saved.isEmpty()) {
    try {
      // Leniently: a key an older version saved and this one no longer has is dropped.
      restored = read_stored_experiment_config(parse_bounded_json(saved.toStdString()));
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
  history_->clear();  // the restored form is where the history starts
  shown_ = formState();

  connect(context_, &StudioContext::datasetChanged, this, &ExperimentPage::updateRunControls);
  connect(context_, &StudioContext::storeChanged, this, &ExperimentPage::updateRunControls);
  connect(runs_, &RunController::finished, this,
          [this](qint64 run_id, RunStatus status, const QString& error) {
            run_going_ = false;
            QString text =
                tr("Run #%1 %2.")
                    .arg(run_id)
                    .arg(QString::fromUtf8(to_string(status).data(), to_string(status).size()));
            if (!error.isEmpty()) text += QLatin1Char(' ') + error;
            updateRunControls();
            setStatus(text, status == RunStatus::kFailed);
            status_is_outcome_ = true;
          });
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
  connect(label_, &QLineEdit::textChanged, this, [this](const QString& text) {
    QSettings().setValue(kLabelKey, text);
    if (recording_paused_ == 0) shown_.label = text;
  });
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
  ++recording_paused_;
  applied_preset_.clear();
  setConfig(make_preset(name, known_));
  applied_preset_ = name;
  applied_config_ = json_text(nlohmann::json(config()));
  label_->setText(name);
  --recording_paused_;
  recordFormChange(tr("preset “%1”").arg(name), false);
}

// A run labelled with a preset's name must be that preset: once the form departs from it, the
// label says so (and says it no more when the form comes back). A label the user typed is hers.
void ExperimentPage::markPresetEdits() {
  if (applied_preset_.isEmpty()) return;
  const QString edited = tr("%1 (edited)").arg(applied_preset_);
  const QString label = label_->text();
  if (label != applied_preset_ && label != edited) return;
  const bool same = json_text(nlohmann::json(config())) == applied_config_;
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

  if (!learners_->error().isEmpty()) problems << learners_->error();
  // The run's own admission, as `metacf run` asks it, with the data set loaded now.
  const RunRequest request{context_->runSource(), config(), {}};
  for (const std::string& problem : request.problems(context_->runDataset().get())) {
    problems << QString::fromStdString(problem);
  }
  return problems.join(QLatin1Char('\n'));
}

void ExperimentPage::formChanged() {
  if (filling_) return;
  status_is_outcome_ = false;
  markPresetEdits();
  refresh();
  saveConfig();
  recordFormChange(tr("edit"), true);
}

void ExperimentPage::refresh() {
  const QString problems = validationError();
  problems_->setText(problems);
  problems_->setVisible(!problems.isEmpty());
  json_view_->setPlainText(QString::fromStdString(json_text(nlohmann::json(config()), 2)));
  updateRunControls();
}

void ExperimentPage::saveConfig() const {
  QSettings().setValue(kConfigKey, QString::fromStdString(json_text(nlohmann::json(config()))));
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
