// The Experiment page's widgets and how they are arranged for the window's width.
#include <QComboBox>
#include <QEvent>
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
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "core/config/config_schema.h"
#include "core/learners/learner_factory.h"
#include "ui/forms/experiment_presets.h"
#include "ui/forms/learner_chooser.h"
#include "ui/forms/schema_form.h"
#include "ui/pages/experiment_page.h"

namespace metacf::ui {
namespace {

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

// ---------------------------------------------------------------- building the form

void ExperimentPage::buildForm() {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(12, 12, 12, 12);

  // The form and the run panel share the width through a splitter, so neither is squeezed
  // below what it needs on a small window and the user may give either more room.
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setObjectName(QStringLiteral("experimentSplitter"));
  splitter->setChildrenCollapsible(false);
  form_scroll_ = new QScrollArea(splitter);
  form_scroll_->setWidgetResizable(true);
  form_scroll_->setFrameShape(QFrame::NoFrame);
  auto* form = new QWidget(form_scroll_);
  form_grid_ = new QGridLayout(form);
  form_grid_->setContentsMargins(0, 0, 0, 0);
  form_grid_->setSpacing(12);

  auto* presets = new QGroupBox(tr("Presets"), form);
  preset_grid_ = new QGridLayout(presets);
  const QStringList preset_tips{
      tr("Every learner at K = 5, as in the paper's Table 2"),
      tr("Every learner at K = 1..5, as in the paper's Table 3"),
      tr("Meta-test supports fixed to 1..5 records, as in the paper's Fig. 2"),
      tr("Short pretraining and meta-training on a few learners: a first result in seconds"),
      tr("Table 2 with the MetaCF learners' α and β chosen on held-out meta-training users "
         "(about five times their training time)")};
  const QStringList names = preset_names();
  for (int i = 0; i < names.size(); ++i) {
    auto* button = new QPushButton(names[i], presets);
    button->setToolTip(preset_tips.value(i));
    connect(button, &QPushButton::clicked, this, [this, name = names[i]] { applyPreset(name); });
    preset_buttons_.push_back(button);
  }

  // Split and pretraining stacked beside the (taller) learners group when there is room.
  stages_ = new QWidget(form);
  auto* stages = new QVBoxLayout(stages_);
  stages->setContentsMargins(0, 0, 0, 0);
  stages->setSpacing(12);
  stages->addWidget(buildSplitGroup());
  stages->addWidget(buildPretrainGroup());
  stages->addStretch(1);
  form_grid_->addWidget(presets, 0, 0, 1, 2);
  learners_ = new LearnerChooser(known_, form);
  evaluation_ = buildEvaluationGroup();
  form_grid_->setColumnStretch(0, 1);
  form_grid_->setColumnStretch(1, 1);
  form_scroll_->setWidget(form);
  arrangeForm(false);
  form_scroll_->viewport()->installEventFilter(this);

  QWidget* run_panel = buildRunPanel();
  run_panel->setMinimumWidth(260);
  splitter->addWidget(form_scroll_);
  splitter->addWidget(run_panel);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 0);
  splitter->setSizes({1000, 340});
  layout->addWidget(splitter);
}

// Side by side when the form's viewport holds the two columns at their minimum widths; one
// column (learners under split and pretraining, presets two by two) otherwise, so a small
// window never scrolls the form across.
void ExperimentPage::arrangeForm(bool narrow) {
  if (narrow == narrow_ && !preset_grid_->isEmpty()) return;
  narrow_ = narrow;
  for (QWidget* w : {stages_, static_cast<QWidget*>(learners_), evaluation_}) {
    form_grid_->removeWidget(w);
  }
  for (int row = 1; row < 5; ++row) form_grid_->setRowStretch(row, 0);
  if (narrow) {
    form_grid_->addWidget(stages_, 1, 0, 1, 2);
    form_grid_->addWidget(learners_, 2, 0, 1, 2);
    form_grid_->addWidget(evaluation_, 3, 0, 1, 2);
    form_grid_->setRowStretch(4, 1);
  } else {
    form_grid_->addWidget(stages_, 1, 0);
    form_grid_->addWidget(learners_, 1, 1);
    form_grid_->addWidget(evaluation_, 2, 0, 1, 2);
    form_grid_->setRowStretch(3, 1);
  }
  for (QPushButton* button : preset_buttons_) preset_grid_->removeWidget(button);
  const int per_row = narrow ? 2 : static_cast<int>(preset_buttons_.size());
  for (int i = 0; i < static_cast<int>(preset_buttons_.size()); ++i) {
    preset_grid_->addWidget(preset_buttons_[static_cast<std::size_t>(i)], i / per_row, i % per_row);
  }
  preset_grid_->setColumnStretch(per_row, 1);
}

bool ExperimentPage::eventFilter(QObject* watched, QEvent* event) {
  if (watched == form_scroll_->viewport() && event->type() == QEvent::Resize) {
    const int side_by_side = stages_->minimumSizeHint().width() +
                             learners_->minimumSizeHint().width() + form_grid_->spacing();
    int presets_in_a_row = 0;
    for (const QPushButton* button : preset_buttons_) {
      presets_in_a_row += button->sizeHint().width() + preset_grid_->spacing();
    }
    const int needed = std::max(side_by_side, presets_in_a_row + 24);
    arrangeForm(form_scroll_->viewport()->width() < needed);
  }
  return QWidget::eventFilter(watched, event);
}

QWidget* ExperimentPage::buildSplitGroup() {
  auto* box = new QGroupBox(tr("Split"), this);
  box->setObjectName(QStringLiteral("splitGroup"));
  auto* layout = new QVBoxLayout(box);
  split_form_ =
      new SchemaForm(settable(split_config_schema().info()), SchemaForm::Naming::kCamelCase, box);
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
  baseline_->setToolTip(
      tr("Every learner is compared with this one by the paired per-user "
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
  layout->addWidget(buildConfigFileRow(panel));

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

}  // namespace metacf::ui
