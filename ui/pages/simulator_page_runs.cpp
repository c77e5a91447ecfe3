// The simulator page's runs and learners: which runs can serve a new user and which learners
// the chosen one stored, both read off the UI thread.
#include <QComboBox>
#include <QLabel>
#include <QSettings>

#include "ui/pages/simulator_page.h"
#include "ui/simulator/learner_combos.h"
#include "ui/simulator/simulator_controller.h"
#include "ui/simulator/simulator_runs.h"
#include "ui/simulator/step_player.h"
#include "ui/studio_context.h"
#include "ui/worker/store_reader.h"

namespace metacf::ui {

void SimulatorPage::refreshRuns() {
  runs_reader_->read<std::vector<ServableRun>>(
      simulatorStorePath(*context_), &servableRuns,
      [this](std::vector<ServableRun> runs) { showRuns(runs); },
      [this](const QString& error) {
        showRuns({});
        load_state_->setText(tr("Store: %1").arg(error));
      });
}

void SimulatorPage::showRuns(const std::vector<ServableRun>& runs) {
  const qint64 keep = run_combo_->currentData().toLongLong();
  {
    const QSignalBlocker block(run_combo_);
    run_combo_->clear();
    for (const auto& run : runs) run_combo_->addItem(run.text, run.id);
    // A run asked for while the list was read (it finished since), else the one shown, else the
    // one open in Results.
    int index = run_combo_->findData(wanted_run_);
    if (index < 0) index = run_combo_->findData(keep ? keep : context_->currentRun());
    if (index < 0) index = run_combo_->findData(context_->currentRun());
    // Otherwise the newest completed run (the list is newest first): a cancelled run's learners
    // are partial, so it is shown first only when no run completed.
    for (std::size_t i = 0; index < 0 && i < runs.size(); ++i) {
      if (runs[i].completed) index = static_cast<int>(i);
    }
    run_combo_->setCurrentIndex(index >= 0 ? index : (runs.empty() ? -1 : 0));
  }
  wanted_run_ = 0;
  if (runs.empty()) {
    load_state_->setText(
        tr("No trained run with stored learners yet: train one on the "
           "Experiment page (or with `metacf run`)."));
  }
  if (run_combo_->currentData().toLongLong() != run_id_ || runs.empty()) onRunChosen();
}

void SimulatorPage::selectRun(qint64 run_id) {
  const int index = run_combo_->findData(run_id);
  if (index >= 0) {
    run_combo_->setCurrentIndex(index);
    return;
  }
  wanted_run_ = run_id;
  refreshRuns();  // a run finished since the list was filled
}

void SimulatorPage::onRunChosen() {
  const qint64 id = run_combo_->currentData().toLongLong();
  if (id == run_id_ && id != 0) return;
  player_->stop();
  run_id_ = id;
  controller_->session().reset();
  if (id == 0) {
    learners_reader_->forget();
    showLearners({});
    return;
  }
  learners_reader_->read<std::vector<StoredLearnerKey>>(
      simulatorStorePath(*context_),
      [id](ExperimentStore& store) { return stored_learners(store, id); },
      [this](std::vector<StoredLearnerKey> keys) { showLearners(std::move(keys)); },
      [this](const QString& error) {
        showLearners({});
        load_state_->setText(error);
      });
}

void SimulatorPage::showLearners(std::vector<StoredLearnerKey> keys) {
  stored_ = std::move(keys);
  fillLearnerCombos({sides_[0].combo, sides_[1].combo}, stored_,
                    QSettings().value(kCompareKey).toString());
  requestLoad();
  sessionChanged();
}

}  // namespace metacf::ui
