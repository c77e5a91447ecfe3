#include "ui/pages/simulator_page.h"

#include <QComboBox>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStatusBar>

#include "ui/simulator/catalogue_model.h"
#include "ui/simulator/catalogue_panel.h"
#include "ui/simulator/clicks_panel.h"
#include "ui/simulator/embedding_chart.h"
#include "ui/simulator/learner_combos.h"
#include "ui/simulator/ranked_list_model.h"
#include "ui/simulator/simulator_controller.h"
#include "ui/simulator/simulator_runs.h"
#include "ui/simulator/step_list_panel.h"
#include "ui/simulator/step_player.h"
#include "ui/studio_context.h"
#include "ui/worker/store_reader.h"

namespace metacf::ui {
namespace {

QString micros(double us) {
  return us < 1000 ? QStringLiteral("%1 µs").arg(us, 0, 'f', us < 10 ? 1 : 0)
                   : QStringLiteral("%1 ms").arg(us / 1000, 0, 'f', 2);
}

}  // namespace

SimulatorPage::SimulatorPage(StudioContext* context, QWidget* parent)
    : QWidget(parent),
      context_(context),
      controller_(new SimulatorController(this)),
      runs_reader_(
          new StoreReader(this, StoreReader::Answers::kLatest, ExperimentStore::Access::kReadOnly)),
      learners_reader_(new StoreReader(this, StoreReader::Answers::kLatest,
                                       ExperimentStore::Access::kReadOnly)) {
  buildUi();
  connect(controller_, &SimulatorController::loadStarted, this, &SimulatorPage::onLoadStarted);
  connect(controller_, &SimulatorController::loaded, this, &SimulatorPage::onLoaded);
  connect(controller_, &SimulatorController::loadError, this, &SimulatorPage::onLoadError);
  connect(controller_, &SimulatorController::listsChanged, this, &SimulatorPage::showLists);
  connect(controller_, &SimulatorController::computeError, this, [this](const QString& message) {
    showStatus(tr("Simulator: %1").arg(message));
    updateEnabled();
  });
  connect(context_, &StudioContext::runsChanged, this, &SimulatorPage::refreshRuns);
  connect(context_, &StudioContext::storeChanged, this, [this] {
    controller_->clearCache();
    refreshRuns();
  });
  connect(context_, &StudioContext::currentRunChanged, this, [this](qint64 id) { selectRun(id); });
  refreshRuns();
}

SimulatorPage::~SimulatorPage() = default;

bool SimulatorPage::selectLearner(int side, const QString& name) {
  QComboBox* combo = sides_.at(static_cast<std::size_t>(side)).combo;
  if (name.isEmpty()) {
    if (side == 0) return false;
    combo->setCurrentIndex(0);
    return true;
  }
  return selectLearnerNamed(combo, name);
}

// ---------------------------------------------------------------- loading (on the worker)

bool SimulatorPage::isReady() const {
  const SimulatorSession& session = controller_->session();
  return !controller_->loading() && !controller_->computing() && session.learner(0) &&
         session.catalogue();
}

void SimulatorPage::requestLoad() {
  player_->stop();
  if (run_id_ == 0 || stored_.empty()) {
    for (int side = 0; side < kSides; ++side) controller_->session().set_learner(side, nullptr);
    sessionChanged();
    return;
  }
  SimulatorLoadRequest request;
  request.store_path = simulatorStorePath(*context_).toStdString();
  request.run_id = run_id_;
  for (int side = 0; side < kSides; ++side) {
    request.learners[static_cast<std::size_t>(side)] =
        learnerKeyOf(sides_[static_cast<std::size_t>(side)].combo);
  }
  if (!request.learners[0]) return;
  controller_->load(request);
  updateEnabled();
}

void SimulatorPage::onLoadStarted(qint64 run_id) {
  load_state_->setText(tr("Loading run %1…").arg(run_id));
  showStatus(tr("Loading the stored learners of run %1…").arg(run_id));
  updateEnabled();
}

void SimulatorPage::onLoadError(const QString& message) {
  load_state_->setText(tr("Cannot load: %1").arg(message));
  load_state_->setToolTip(message);
  showStatus(tr("Simulator: %1").arg(message));
  updateEnabled();
}

void SimulatorPage::onLoaded() {
  const SimulatorSession& session = controller_->session();
  if (shown_catalogue_ != session.catalogue()) {
    shown_catalogue_ = session.catalogue();
    for (auto& side : sides_) side.panel->model()->setCatalogue(shown_catalogue_);
  }
  const auto& seed_view = session.seed_view();
  const bool training = !seed_view->training_counts.empty();
  if (seed_view_ != seed_view || catalogue_panel_->model()->rowCount() == 0) {
    seed_view_ = seed_view;
    catalogue_panel_->model()->setCatalogue(
        shown_catalogue_, training ? seed_view_->training_counts : shown_catalogue_->record_counts,
        training ? tr("Records of the training users (pretraining and meta-training) of seed %1")
                       .arg(seed_view_->seed)
                 : tr("Records in the whole data set"));
    catalogue_panel_->proxy()->sort(CatalogueModel::kPopularity, Qt::DescendingOrder);
    chart_->setTitleLookup([this](std::int32_t item) {
      return QString::fromStdString(controller_->session().title(item));
    });
    const bool has_q = seed_view_->projection.has_value();
    chart_->setProjection(
        has_q ? std::shared_ptr<const Projection2D>(seed_view_, &*seed_view_->projection) : nullptr,
        seed_view_->dimensions);
    // The note under it says why there is no picture.
    chart_->setVisible(has_q);
    fillTestUsers();
  }
  for (int side = 0; side < kSides; ++side) {
    const StoredLearner* learner = session.learner(side);
    const QString title =
        learner ? QString::fromStdString(learner->name) : tr("Compared with: none");
    // A narrow panel cuts its title; the tooltip keeps the learner's name whole.
    sides_[static_cast<std::size_t>(side)].panel->setTitle(title);
    sides_[static_cast<std::size_t>(side)].panel->setToolTip(title);
  }
  if (!controller_->compareError().empty()) {
    sides_[1].panel->setTitle(tr("Compared with: cannot load"));
    sides_[1].panel->setToolTip(QString::fromStdString(controller_->compareError()));
  }
  load_state_->setText(
      seed_view_->projection
          ? tr("%1 items, D = %2")
                .arg(shown_catalogue_->data.num_items())
                .arg(seed_view_->dimensions)
          : tr("%1 items, no item matrix").arg(shown_catalogue_->data.num_items()));
  // A run stored before catalogues were kept is served from its file, which may have changed.
  load_state_->setToolTip(
      shown_catalogue_->stored
          ? QString()
          : tr("Catalogue %1").arg(QString::fromStdString(shown_catalogue_->origin)));
  if (!shown_catalogue_->stored)
    load_state_->setText(load_state_->text() + tr(" (read from its file)"));
  showStatus(tr("Simulator ready: run %1, %2").arg(run_id_).arg(sides_[0].combo->currentText()));
  sessionChanged();
  // The other learners of this seed, loaded meanwhile, so that choosing one answers at once.
  std::vector<StoredLearnerKey> others;
  for (const StoredLearnerKey& key : stored_) {
    if (key.seed == seed_view_->seed && !controller_->cached(key)) others.push_back(key);
  }
  controller_->warm(simulatorStorePath(*context_).toStdString(), run_id_, std::move(others));
}

void SimulatorPage::fillTestUsers() {
  const QSignalBlocker block(test_users_);
  test_users_->clear();
  const auto& users = seed_view_->test_users;
  const Dataset& dataset = shown_catalogue_->data;
  for (const auto& task : users) {
    const QString id =
        task.user >= 0 && task.user < dataset.num_users()
            ? QString::fromStdString(dataset.user_ids[static_cast<std::size_t>(task.user)])
            : QString::number(task.user);
    test_users_->addItem(tr("user %1  (%2 clicks, %3 to find)")
                             .arg(id)
                             .arg(task.support.size())
                             .arg(task.query.size()));
  }
  test_note_->setText(
      users.empty()
          ? tr("No test users: %1.").arg(QString::fromStdString(seed_view_->test_users_note))
          : tr("%1 meta-test users of seed %2.").arg(users.size()).arg(seed_view_->seed));
  updateEnabled();
}

// ---------------------------------------------------------------- clicks

void SimulatorPage::addClick(std::int32_t item) {
  if (!controller_->session().add_click(item)) {
    if (controller_->session().catalogue()) {
      showStatus(tr("%1 is already clicked").arg(sides_[0].panel->model()->title(item)));
    }
    return;
  }
  sessionChanged();
}

void SimulatorPage::setClicks(std::vector<std::int32_t> clicks) {
  controller_->session().set_clicks(std::move(clicks));
  sessionChanged();
}

void SimulatorPage::removeClickAt(int index) {
  if (controller_->session().remove_click_at(index)) sessionChanged();
}

void SimulatorPage::resetUser() {
  controller_->session().reset();
  showLists();  // nothing to compute: the lists clear at once
  sessionChanged();
}

void SimulatorPage::replayTestUser(int index) {
  if (!controller_->session().replay_test_user(index)) return;
  if (test_users_->currentIndex() != index) test_users_->setCurrentIndex(index);
  sessionChanged();
}

void SimulatorPage::sessionChanged() {
  player_->stop();
  const auto& clicks = controller_->session().clicks();
  catalogue_panel_->model()->setClicked(clicks);
  if (shown_catalogue_) {
    const RankedListModel* names = sides_[0].panel->model();
    clicks_panel_->setClicks(clicks, [names](std::int32_t v) { return names->title(v); });
  }
  controller_->recompute();
  updateEnabled();
}

// ---------------------------------------------------------------- the lists

void SimulatorPage::showLists() {
  const auto& query = controller_->session().query();
  const QSet<std::int32_t> highlighted(query.begin(), query.end());
  for (auto& side : sides_) side.panel->model()->setHighlighted(highlighted);
  player_->showLists(controller_->session().last_step());  // shows the final step
  showTiming();
  updateEnabled();
  emit listsUpdated();
}

void SimulatorPage::showStep(int step) {
  const SimulatorSession& session = controller_->session();
  const auto& clicks = session.clicks();
  const auto& query = session.query();
  for (int i = 0; i < kSides; ++i) {
    Side& side = sides_[static_cast<std::size_t>(i)];
    const StepList* list = session.list_at(i, step);
    if (!list) {
      side.panel->model()->setList({});
      side.panel->setHits(0, static_cast<int>(query.size()));
      side.panel->setNote(!session.learner(i) ? QString()
                          : clicks.empty()    ? tr("Click items in the catalogue to start.")
                                              : QString());
      continue;
    }
    side.panel->model()->setList(list->items);
    side.panel->setHits(side.panel->model()->hits(), static_cast<int>(query.size()));
    const auto left = session.left_at(i, step);
    side.panel->setNote(tr("K=%1, seed %2 · step %3: adapt %4, rank %5 · %n left", nullptr,
                           static_cast<int>(left.size()))
                            .arg(session.steps(i))
                            .arg(session.learner(i)->seed)
                            .arg(list->step)
                            .arg(micros(list->adapt_us))
                            .arg(micros(list->rank_us)));
  }
  if (const ClickUpdate* update = session.update(0)) {
    chart_->showState(update->clicks, query, update->steps, step,
                      QString::fromStdString(session.learner(0)->name));
    const ClickUpdate* second = session.learner(1) ? session.update(1) : nullptr;
    chart_->showSecondPath(second ? second->steps : std::vector<StepList>{}, step,
                           second ? QString::fromStdString(session.learner(1)->name) : QString());
  } else {
    chart_->clearState();
    chart_->showState(clicks, query, {}, 0, {});
  }
  chart_note_->setText(chart_->trajectoryNote());
  chart_note_->setVisible(!chart_->trajectoryNote().isEmpty());
}

void SimulatorPage::showTiming() {
  const SimulatorSession& session = controller_->session();
  QStringList parts;
  for (int side = 0; side < kSides; ++side) {
    if (const ClickUpdate* update = session.update(side)) {
      parts << tr("%1 %2")
                   .arg(QString::fromStdString(session.learner(side)->name))
                   .arg(micros(update->total_us));
    }
  }
  if (parts.isEmpty() || !session.last_result()) {
    timing_->clear();
    return;
  }
  const int clicks = static_cast<int>(session.update(0) ? session.update(0)->clicks.size()
                                                        : session.clicks().size());
  const QString text = tr("Update after %n click(s): ", nullptr, clicks) +
                       parts.join(QStringLiteral(", ")) +
                       tr("  (wall time of the computation, timing repeats included: %1 ms)")
                           .arg(session.last_result()->wall_ms, 0, 'f', 1);
  timing_->setText(text);
  showStatus(text);
}

void SimulatorPage::updateEnabled() {
  const bool ready = !controller_->loading() && controller_->session().learner(0) &&
                     controller_->session().catalogue();
  catalogue_panel_->setEnabled(ready);
  clicks_panel_->setEnabled(ready);
  test_users_->setEnabled(ready && test_users_->count() > 0);
  replay_->setEnabled(ready && test_users_->count() > 0);
}

void SimulatorPage::showStatus(const QString& message) {
  if (message.isEmpty() || !isVisible())
    return;  // another page is showing: its messages matter there
  if (auto* main = qobject_cast<QMainWindow*>(window()))
    main->statusBar()->showMessage(message, 8000);
}

}  // namespace metacf::ui
