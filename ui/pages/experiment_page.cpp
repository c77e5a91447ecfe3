#include "ui/pages/experiment_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
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
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "core/experiment/learner_registry.h"
#include "ui/forms/experiment_presets.h"
#include "ui/forms/learner_settings_form.h"
#include "ui/forms/number_list.h"
#include "ui/run_controller.h"
#include "ui/studio_context.h"

namespace metacf::ui {
namespace {
const char* const kConfigKey = "experiment/lastConfig";
const char* const kLabelKey = "experiment/lastLabel";
const QString kFirstPreset = QStringLiteral("Quick look");

QDoubleSpinBox* doubleSpin(QWidget* parent, const char* name, double lo, double hi, int decimals,
                           double step, const QString& tip) {
  auto* spin = new QDoubleSpinBox(parent);
  spin->setObjectName(QLatin1String(name));
  spin->setRange(lo, hi);
  spin->setDecimals(decimals);
  spin->setSingleStep(step);
  spin->setToolTip(tip);
  return spin;
}

QSpinBox* intSpin(QWidget* parent, const char* name, int lo, int hi, const QString& tip) {
  auto* spin = new QSpinBox(parent);
  spin->setObjectName(QLatin1String(name));
  spin->setRange(lo, hi);
  spin->setToolTip(tip);
  spin->setGroupSeparatorShown(true);
  return spin;
}

QLineEdit* listEdit(QWidget* parent, const char* name, const QString& placeholder,
                    const QString& tip) {
  auto* edit = new QLineEdit(parent);
  edit->setObjectName(QLatin1String(name));
  edit->setPlaceholderText(placeholder);
  edit->setToolTip(tip);
  return edit;
}

template <typename T>
std::vector<T> parsedList(const QLineEdit* edit, std::int64_t lo, std::int64_t hi) {
  QString ignored;
  const auto values = parse_number_list(edit->text(), lo, hi, &ignored);
  std::vector<T> out;
  if (values) {
    for (auto v : *values) out.push_back(static_cast<T>(v));
  }
  return out;
}

template <typename T>
QString listText(const std::vector<T>& values) {
  std::vector<std::int64_t> wide(values.begin(), values.end());
  return format_number_list(wide);
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
      restored = nlohmann::json::parse(saved.toStdString()).get<ExperimentConfig>();
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
  grid->addWidget(buildLearnersGroup(), 1, 1);
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
  auto* form = new QFormLayout(box);
  const QString ratio_tip = tr("Relative size of this user group (> 0); the paper splits 1:2:1");
  pretrain_ratio_ = doubleSpin(box, "pretrainRatio", 0.01, 1000, 2, 0.5,
                               tr("Pretraining users: their full histories train Q. ") + ratio_tip);
  meta_train_ratio_ = doubleSpin(box, "metaTrainRatio", 0.01, 1000, 2, 0.5,
                                 tr("Meta-training users: each is a task. ") + ratio_tip);
  meta_test_ratio_ = doubleSpin(box, "metaTestRatio", 0.01, 1000, 2, 0.5,
                                tr("Meta-test users: the new users scored. ") + ratio_tip);
  auto* ratios = new QHBoxLayout;
  ratios->addWidget(pretrain_ratio_);
  ratios->addWidget(new QLabel(QStringLiteral(":"), box));
  ratios->addWidget(meta_train_ratio_);
  ratios->addWidget(new QLabel(QStringLiteral(":"), box));
  ratios->addWidget(meta_test_ratio_);
  form->addRow(tr("Pretrain : meta-train : test"), ratios);

  const QString selected_tip =
      tr("Each task selects n ~ Uniform{min .. min(max, |records|)} of a user's records: the "
         "first half is the support, the rest the query (min >= 2, max >= min)");
  min_selected_ = intSpin(box, "minSelected", 2, 10000, selected_tip);
  max_selected_ = intSpin(box, "maxSelected", 2, 10000, selected_tip);
  auto* selected = new QHBoxLayout;
  selected->addWidget(min_selected_);
  selected->addWidget(new QLabel(tr("to"), box));
  selected->addWidget(max_selected_);
  form->addRow(tr("Records per task"), selected);

  seeds_ = listEdit(box, "seeds", tr("e.g. 1, 2, 3"),
                    tr("One split, pretraining and evaluation per seed; results are averaged "
                       "and paired per user across seeds. Commas, spaces or ranges (1-3)"));
  form->addRow(tr("Seeds"), seeds_);
  return box;
}

QWidget* ExperimentPage::buildPretrainGroup() {
  auto* box = new QGroupBox(tr("Pretraining (item embeddings Q)"), this);
  auto* form = new QFormLayout(box);
  dim_ = intSpin(box, "dim", 1, 1024, tr("Embedding dimension D of users and items (paper 32)"));
  lr_ = doubleSpin(box, "lr", 1e-6, 10, 6, 1e-3, tr("Adam learning rate of the factorisation"));
  l2_ = doubleSpin(box, "l2", 0, 100, 5, 1e-3,
                   tr("L2 weight on the embedding rows each pair touches (>= 0)"));
  batch_ = intSpin(box, "batch", 1, 1000000, tr("Positives per batch"));
  negatives_ = intSpin(box, "negatives", 1, 100,
                       tr("Negatives sampled per positive from the user's unrated items "
                          "(paper 3)"));
  max_epochs_ = intSpin(box, "maxEpochs", 1, 100000,
                        tr("Upper bound on pretraining epochs; early stopping usually ends "
                           "sooner"));
  patience_ = intSpin(box, "patience", 1, 10000,
                      tr("Epochs without a better validation HR@10 before stopping"));
  form->addRow(tr("Dimension D"), dim_);
  form->addRow(tr("Learning rate"), lr_);
  form->addRow(tr("L2"), l2_);
  form->addRow(tr("Batch size"), batch_);
  form->addRow(tr("Negatives"), negatives_);
  form->addRow(tr("Max epochs"), max_epochs_);
  form->addRow(tr("Patience"), patience_);
  return box;
}

QWidget* ExperimentPage::buildLearnersGroup() {
  auto* box = new QGroupBox(tr("Learners"), this);
  auto* layout = new QVBoxLayout(box);
  // The MetaCF variants (names with a +suffix) are many; they fold away below the learners
  // most runs use.
  auto* checks = new QGridLayout;
  variants_toggle_ = new QToolButton(box);
  variants_toggle_->setObjectName(QStringLiteral("variantsToggle"));
  variants_toggle_->setToolTip(tr("+bias: an item bias in the score; +msgd: Meta-SGD, a learned "
                                  "step per dimension; +cooc: the support items' co-occurrence "
                                  "rows as input of the initialiser"));
  variants_toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  variants_toggle_->setAutoRaise(true);
  variants_toggle_->setCheckable(true);
  variants_toggle_->setArrowType(Qt::RightArrow);
  variants_panel_ = new QWidget(box);
  auto* variant_checks = new QGridLayout(variants_panel_);
  variant_checks->setContentsMargins(0, 0, 0, 0);
  int base = 0, variant = 0;
  for (const std::string& name : known_) {
    const bool is_variant = name.find('+') != std::string::npos;
    auto* check = new QCheckBox(QString::fromStdString(name), is_variant ? variants_panel_ : box);
    check->setObjectName(QStringLiteral("learner_") + QString::fromStdString(name));
    check->setToolTip(tr("Train and evaluate %1").arg(QString::fromStdString(name)));
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

  auto* chooser = new QHBoxLayout;
  settings_for_ = new QComboBox(box);
  settings_for_->setObjectName(QStringLiteral("settingsFor"));
  for (const std::string& name : known_) settings_for_->addItem(QString::fromStdString(name));
  settings_for_->setToolTip(tr("Whose settings the group below shows"));
  chooser->addWidget(new QLabel(tr("Settings of"), box));
  chooser->addWidget(settings_for_, 1);
  layout->addLayout(chooser);

  settings_group_ = new QGroupBox(box);
  auto* settings_layout = new QVBoxLayout(settings_group_);
  learner_form_ = new LearnerSettingsForm(settings_group_);
  settings_layout->addWidget(learner_form_);
  layout->addWidget(settings_group_);
  layout->addStretch(1);
  return box;
}

QWidget* ExperimentPage::buildEvaluationGroup() {
  auto* box = new QGroupBox(tr("Adaptation and evaluation"), this);
  auto* grid = new QGridLayout(box);
  auto* left = new QFormLayout;
  auto* right = new QFormLayout;
  ks_ = listEdit(box, "ks", tr("e.g. 1, 2, 3, 4, 5"),
                 tr("Local steps K (0..20) a learner takes on a new user's support; several "
                    "give the paper's Table 3 (K sweep)"));
  support_sizes_ = listEdit(box, "supportSizes", tr("natural (empty) or e.g. 1-5"),
                            tr("Fix the meta-test support to these sizes (1..50) for the paper's "
                               "Fig. 2; empty keeps each user's natural support"));
  top_n_ = intSpin(box, "topN", 1, 100, tr("N of HR@N and NDCG@N (paper 10)"));
  baseline_ = new QComboBox(box);
  baseline_->setObjectName(QStringLiteral("baseline"));
  baseline_->setToolTip(tr("Every learner is compared with this one by the paired per-user "
                           "difference (same users, same split) with a 95% interval"));
  left->addRow(tr("K values"), ks_);
  left->addRow(tr("Support sizes"), support_sizes_);
  left->addRow(tr("Top-N"), top_n_);
  left->addRow(tr("Baseline"), baseline_);

  protocol_ = new QComboBox(box);
  protocol_->setObjectName(QStringLiteral("protocol"));
  protocol_->addItem(tr("full ranking"), static_cast<int>(Protocol::kFull));
  protocol_->addItem(tr("sampled"), static_cast<int>(Protocol::kSampled));
  protocol_->setToolTip(tr("full: rank every item except the user's support. sampled: rank each "
                           "query item against sampled unrated items"));
  sampled_candidates_ = intSpin(box, "sampledCandidates", 1, 100000,
                                tr("Unrated items each query item is ranked against (sampled "
                                   "protocol only)"));
  validation_share_ = doubleSpin(box, "validationShare", 0, 0.49, 2, 0.05,
                                 tr("Share of meta-training users held out to draw validation "
                                    "curves; never trained on, never the test users"));
  validate_every_ = intSpin(box, "validateEvery", 1, 1000,
                            tr("Meta-epochs between validation points on the curves"));
  right->addRow(tr("Protocol"), protocol_);
  right->addRow(tr("Sampled candidates"), sampled_candidates_);
  right->addRow(tr("Validation share"), validation_share_);
  right->addRow(tr("Validate every"), validate_every_);

  auto* note = new QLabel(tr("Sampled and full-ranking metrics are not comparable: results "
                             "are always labelled with their protocol."),
                          box);
  note->setWordWrap(true);
  note->setStyleSheet(QStringLiteral("color: palette(mid);"));
  grid->addLayout(left, 0, 0);
  grid->addLayout(right, 0, 1);
  grid->addWidget(note, 1, 0, 1, 2);
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
  for (QDoubleSpinBox* spin : {pretrain_ratio_, meta_train_ratio_, meta_test_ratio_, lr_, l2_,
                               validation_share_}) {
    connect(spin, &QDoubleSpinBox::valueChanged, this, changed);
  }
  for (QSpinBox* spin : {min_selected_, max_selected_, dim_, batch_, negatives_, max_epochs_,
                         patience_, sampled_candidates_, top_n_, validate_every_}) {
    connect(spin, &QSpinBox::valueChanged, this, changed);
  }
  for (QLineEdit* edit : {seeds_, ks_, support_sizes_}) {
    connect(edit, &QLineEdit::textChanged, this, changed);
  }
  connect(label_, &QLineEdit::textChanged, this,
          [this](const QString& text) { QSettings().setValue(kLabelKey, text); });
  connect(protocol_, &QComboBox::currentIndexChanged, this, [this, changed] {
    sampled_candidates_->setEnabled(protocol_->currentData().toInt() ==
                                    static_cast<int>(Protocol::kSampled));
    changed();
  });
  connect(baseline_, &QComboBox::currentIndexChanged, this, changed);
  for (const auto& [name, check] : learner_boxes_) {
    connect(check, &QCheckBox::toggled, this, [this, n = name](bool on) {
      if (filling_) return;
      refreshBaselines();
      // Show the settings of a learner just chosen: that is usually what one edits next.
      if (on) settings_for_->setCurrentText(QString::fromStdString(n));
      formChanged();
    });
  }
  connect(settings_for_, &QComboBox::currentTextChanged, this,
          &ExperimentPage::showLearnerSettings);
  connect(learner_form_, &LearnerSettingsForm::overridesChanged, this,
          [this](const QString& learner) {
            const std::string name = learner.toStdString();
            const nlohmann::json values = learner_form_->overrides();
            if (values.empty()) {
              overrides_.erase(name);
            } else {
              overrides_[name] = values;
            }
            formChanged();
          });
}

// ---------------------------------------------------------------- config <-> form

ExperimentConfig ExperimentPage::config() const {
  ExperimentConfig c;
  c.seeds = parsedList<std::uint64_t>(seeds_, 0, std::numeric_limits<std::int64_t>::max());
  c.split.pretrain_ratio = pretrain_ratio_->value();
  c.split.meta_train_ratio = meta_train_ratio_->value();
  c.split.meta_test_ratio = meta_test_ratio_->value();
  c.split.min_selected = min_selected_->value();
  c.split.max_selected = max_selected_->value();
  // Each seed replaces these; the first is kept so the stored config reads naturally.
  c.split.seed = c.seeds.empty() ? 1 : c.seeds.front();
  c.pretrain.dim = dim_->value();
  c.pretrain.lr = lr_->value();
  c.pretrain.l2 = l2_->value();
  c.pretrain.batch_size = batch_->value();
  c.pretrain.negatives = negatives_->value();
  c.pretrain.max_epochs = max_epochs_->value();
  c.pretrain.patience = patience_->value();
  c.pretrain.seed = c.split.seed;

  c.learners.clear();
  c.learner_configs = nlohmann::json::object();
  for (const auto& [name, check] : learner_boxes_) {
    if (!check->isChecked()) continue;
    c.learners.push_back(name);
    // Settings of learners not chosen would only clutter the stored config.
    if (overrides_.contains(name) && !overrides_.at(name).empty()) {
      c.learner_configs[name] = overrides_.at(name);
    }
  }
  c.ks = parsedList<int>(ks_, 0, 20);
  c.support_sizes = parsedList<int>(support_sizes_, 1, 50);
  c.protocol = static_cast<Protocol>(protocol_->currentData().toInt());
  c.sampled_candidates = sampled_candidates_->value();
  c.top_n = top_n_->value();
  c.baseline = baseline_->currentText().toStdString();
  c.validation_share = validation_share_->value();
  c.validate_every = validate_every_->value();
  return c;
}

void ExperimentPage::setConfig(const ExperimentConfig& c) {
  filling_ = true;
  pretrain_ratio_->setValue(c.split.pretrain_ratio);
  meta_train_ratio_->setValue(c.split.meta_train_ratio);
  meta_test_ratio_->setValue(c.split.meta_test_ratio);
  min_selected_->setValue(c.split.min_selected);
  max_selected_->setValue(c.split.max_selected);
  seeds_->setText(listText(c.seeds));
  dim_->setValue(c.pretrain.dim);
  lr_->setValue(c.pretrain.lr);
  l2_->setValue(c.pretrain.l2);
  batch_->setValue(c.pretrain.batch_size);
  negatives_->setValue(c.pretrain.negatives);
  max_epochs_->setValue(c.pretrain.max_epochs);
  patience_->setValue(c.pretrain.patience);
  bool variant_chosen = false;
  for (const auto& [name, check] : learner_boxes_) {
    check->setChecked(std::find(c.learners.begin(), c.learners.end(), name) != c.learners.end());
    variant_chosen |= check->isChecked() && name.find('+') != std::string::npos;
  }
  if (variant_chosen) variants_toggle_->setChecked(true);
  overrides_ = c.learner_configs.is_object() ? c.learner_configs : nlohmann::json::object();
  ks_->setText(listText(c.ks));
  support_sizes_->setText(listText(c.support_sizes));
  protocol_->setCurrentIndex(protocol_->findData(static_cast<int>(c.protocol)));
  sampled_candidates_->setValue(c.sampled_candidates);
  sampled_candidates_->setEnabled(c.protocol == Protocol::kSampled);
  top_n_->setValue(c.top_n);
  validation_share_->setValue(c.validation_share);
  validate_every_->setValue(c.validate_every);
  refreshBaselines();
  const int base = baseline_->findText(QString::fromStdString(c.baseline));
  if (base >= 0) baseline_->setCurrentIndex(base);
  // Show the settings of the first chosen learner that has some.
  for (const std::string& name : c.learners) {
    const auto fields = learner_fields(name);
    if (!fields || !fields->empty()) {
      settings_for_->setCurrentText(QString::fromStdString(name));
      break;
    }
  }
  showLearnerSettings(settings_for_->currentText());
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
  for (const auto& [name, check] : learner_boxes_) {
    if (check->isChecked()) baseline_->addItem(QString::fromStdString(name));
  }
  int index = baseline_->findText(current);
  if (index < 0) index = baseline_->findText(QStringLiteral("pop"));
  baseline_->setCurrentIndex(std::max(index, baseline_->count() > 0 ? 0 : -1));
}

void ExperimentPage::showLearnerSettings(const QString& learner) {
  const std::string name = learner.toStdString();
  settings_group_->setTitle(tr("%1 settings").arg(learner));
  learner_form_->setLearner(name, overrides_.value(name, nlohmann::json::object()));
}

// ---------------------------------------------------------------- checking and running

QString ExperimentPage::validationError() const {
  QStringList problems;
  auto check_list = [&](const QLineEdit* edit, const QString& field, std::int64_t lo,
                        std::int64_t hi) {
    QString error;
    if (!parse_number_list(edit->text(), lo, hi, &error)) {
      problems << tr("%1: %2").arg(field, error);
    }
  };
  check_list(seeds_, tr("Seeds"), 0, std::numeric_limits<std::int64_t>::max());
  check_list(ks_, tr("K values"), 0, 20);
  check_list(support_sizes_, tr("Support sizes"), 1, 50);
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
  if (!learner_form_->error().isEmpty()) problems << learner_form_->error();
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
    setStatus(tr("Load a data set on the Data page to start."), false);
  } else if (context_->storePath().isEmpty()) {
    setStatus(tr("No experiment store is open: runs are stored, so choose one with File > "
                 "Open experiment store…"),
              true);
  } else if (valid) {
    const ExperimentConfig c = config();
    const auto data = context_->dataset();
    setStatus(tr("Ready: %1 learner(s) × %2 K value(s) × %3 seed(s) on %4.")
                  .arg(c.learners.size())
                  .arg(c.ks.size())
                  .arg(c.seeds.size())
                  .arg(QFileInfo(QString::fromStdString(data->source_path)).fileName()),
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
