// The Experiment page's undo history: every change of the form (an edit, a preset, a loaded
// file) can be taken back, so a preset clicked over a hand-made learner selection loses nothing.
#include <QAction>
#include <QDateTime>
#include <QIcon>
#include <QLineEdit>
#include <QStyle>
#include <QUndoCommand>
#include <QUndoStack>

#include "core/util/json_limits.h"
#include "core/util/json_text.h"
#include "ui/pages/experiment_page.h"

namespace metacf::ui {
namespace {

// Edits arriving this close together (the keystrokes of one number) are one step back.
constexpr qint64 kMergeWindowMs = 1000;
constexpr int kEditId = 1;

class FormChange : public QUndoCommand {
 public:
  FormChange(ExperimentPage* page, ExperimentFormState before, ExperimentFormState after,
             const QString& what, bool mergeable)
      : QUndoCommand(what),
        page_(page),
        before_(std::move(before)),
        after_(std::move(after)),
        mergeable_(mergeable),
        at_ms_(QDateTime::currentMSecsSinceEpoch()) {}

  // The change is already on screen when it is pushed; redo shows it again after an undo.
  void redo() override {
    if (first_) {
      first_ = false;
      return;
    }
    page_->showFormState(after_);
  }
  void undo() override { page_->showFormState(before_); }
  [[nodiscard]] int id() const override { return mergeable_ ? kEditId : -1; }
  bool mergeWith(const QUndoCommand* other) override {
    const auto* next = static_cast<const FormChange*>(other);
    if (next->at_ms_ - at_ms_ > kMergeWindowMs) return false;
    after_ = next->after_;
    at_ms_ = next->at_ms_;
    setObsolete(after_.config == before_.config);
    return true;
  }

 private:
  ExperimentPage* page_;
  ExperimentFormState before_;
  ExperimentFormState after_;
  bool mergeable_;
  qint64 at_ms_;
  bool first_ = true;
};

}  // namespace

void ExperimentPage::buildHistory() {
  history_ = new QUndoStack(this);
  undo_ = new QAction(
      QIcon::fromTheme(QStringLiteral("edit-undo"), style()->standardIcon(QStyle::SP_ArrowBack)),
      tr("Undo"), this);
  redo_ = new QAction(
      QIcon::fromTheme(QStringLiteral("edit-redo"), style()->standardIcon(QStyle::SP_ArrowForward)),
      tr("Redo"), this);
  undo_->setObjectName(QStringLiteral("undoFormChange"));
  redo_->setObjectName(QStringLiteral("redoFormChange"));
  undo_->setShortcut(QKeySequence::Undo);
  redo_->setShortcut(QKeySequence::Redo);
  // On this page only; a text field focused keeps its own Ctrl+Z for its typing.
  for (QAction* action : {undo_, redo_}) {
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setEnabled(false);
    addAction(action);
  }
  connect(undo_, &QAction::triggered, history_, &QUndoStack::undo);
  connect(redo_, &QAction::triggered, history_, &QUndoStack::redo);
  connect(history_, &QUndoStack::canUndoChanged, undo_, &QAction::setEnabled);
  connect(history_, &QUndoStack::canRedoChanged, redo_, &QAction::setEnabled);
  // The buttons stay short on a narrow run panel; what a step undoes is in their tooltip.
  connect(history_, &QUndoStack::undoTextChanged, this, [this](const QString& what) {
    undo_->setToolTip(what.isEmpty()
                          ? tr("Nothing to undo")
                          : tr("Undo the %1 (%2)")
                                .arg(what, undo_->shortcut().toString(QKeySequence::NativeText)));
  });
  connect(history_, &QUndoStack::redoTextChanged, this, [this](const QString& what) {
    redo_->setToolTip(what.isEmpty()
                          ? tr("Nothing to redo")
                          : tr("Redo the %1 (%2)")
                                .arg(what, redo_->shortcut().toString(QKeySequence::NativeText)));
  });
}

ExperimentFormState ExperimentPage::formState() const {
  return {json_text(nlohmann::json(config())), label_->text(), applied_preset_, applied_config_};
}

void ExperimentPage::showFormState(const ExperimentFormState& state) {
  ++recording_paused_;
  applied_preset_.clear();  // the label is set below, not re-derived while the form fills
  try {
    setConfig(read_stored_experiment_config(parse_bounded_json(state.config)));
  } catch (const std::exception&) {
    // Every state was read from the form itself; one that no longer reads is left alone.
  }
  label_->setText(state.label);
  applied_preset_ = state.preset;
  applied_config_ = state.preset_config;
  markPresetEdits();  // the label as the preset's own or "(edited)", as the form now is
  shown_ = formState();
  --recording_paused_;
}

void ExperimentPage::recordFormChange(const QString& what, bool mergeable) {
  if (recording_paused_ > 0 || history_ == nullptr) return;
  ExperimentFormState now = formState();
  if (now.config == shown_.config) {
    shown_ = std::move(now);  // a label typed or re-derived travels with its configuration
    return;
  }
  history_->push(new FormChange(this, shown_, now, what, mergeable));
  shown_ = std::move(now);
}

}  // namespace metacf::ui
