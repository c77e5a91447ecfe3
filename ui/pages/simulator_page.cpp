#include "ui/pages/simulator_page.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "core/experiment/stored_run.h"
#include "ui/simulator/catalogue_model.h"
#include "ui/simulator/catalogue_panel.h"
#include "ui/simulator/clicks_panel.h"
#include "ui/simulator/embedding_chart.h"
#include "ui/simulator/ranked_list_model.h"
#include "ui/simulator/step_list_panel.h"
#include "ui/simulator/view_export.h"
#include "ui/studio_context.h"
#include "ui/worker/job_worker.h"

namespace metacf::ui {
namespace {

constexpr int kPlayIntervalMs = 400;
const char* kTopNKey = "simulator/topN";
const char* kCompareKey = "simulator/compareWith";

// Learners the simulator picks first: the paper's best, then the rest of MetaCF.
const std::vector<std::string> kPreferredMain{"metacf_p_neural", "metacf_p_linear", "metacf_g",
                                              "melu", "bpr"};
const std::vector<std::string> kPreferredCompare{"bpr", "pop", "itemknn", "itemknn_q", "melu"};

QString learnerText(const LearnerKey& key, bool detailed) {
  const QString name = QString::fromStdString(key.name);
  return detailed ? QStringLiteral("%1 (K=%2, seed %3)").arg(name).arg(key.k).arg(key.seed) : name;
}

QVariant keyData(const LearnerKey& key) {
  return QVariantList{QString::fromStdString(key.name), key.k, QVariant::fromValue<qulonglong>(key.seed)};
}

std::optional<LearnerKey> keyOf(const QComboBox* combo) {
  const QVariantList data = combo->currentData().toList();
  if (data.size() != 3) return std::nullopt;
  return LearnerKey{data[0].toString().toStdString(), data[1].toInt(),
                    static_cast<std::uint64_t>(data[2].toULongLong())};
}

QString micros(double us) {
  return us < 1000 ? QStringLiteral("%1 µs").arg(us, 0, 'f', us < 10 ? 1 : 0)
                   : QStringLiteral("%1 ms").arg(us / 1000, 0, 'f', 2);
}

}  // namespace

SimulatorPage::SimulatorPage(StudioContext* context, QWidget* parent)
    : QWidget(parent), context_(context) {
  loader_ = new JobWorker(this);
  play_timer_ = new QTimer(this);
  play_timer_->setInterval(kPlayIntervalMs);
  buildUi();

  connect(loader_, &JobWorker::succeeded, this, &SimulatorPage::onLoadSucceeded);
  connect(loader_, &JobWorker::failed, this, &SimulatorPage::onLoadFailed);
  connect(loader_, &JobWorker::cancelled, this, [this] { onLoadFailed(tr("cancelled")); });
  connect(play_timer_, &QTimer::timeout, this, &SimulatorPage::playTick);
  connect(context_, &StudioContext::runsChanged, this, &SimulatorPage::refreshRuns);
  connect(context_, &StudioContext::storeChanged, this, [this] {
    cache_ = {};
    refreshRuns();
  });
  connect(context_, &StudioContext::currentRunChanged, this, [this](qint64 id) { selectRun(id); });
  refreshRuns();
}

SimulatorPage::~SimulatorPage() {
  loader_->cancel();
  loader_->wait();
}

// ---------------------------------------------------------------- layout

void SimulatorPage::buildUi() {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 10, 10, 10);
  layout->addWidget(buildRunBar());

  auto* right = new QSplitter(Qt::Vertical, this);
  right->addWidget(buildListsArea());
  auto* chart_box = new QWidget(right);
  auto* chart_layout = new QVBoxLayout(chart_box);
  chart_layout->setContentsMargins(0, 0, 0, 0);
  chart_ = new EmbeddingChart(chart_box);
  chart_note_ = new QLabel(chart_box);
  chart_note_->setWordWrap(true);
  chart_note_->hide();
  auto* save_chart = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton),
                                     tr("Save chart…"), chart_box);
  save_chart->setToolTip(tr("Save the embedding chart as PNG, SVG or PDF"));
  connect(save_chart, &QPushButton::clicked, this, [this] { saveView(chart_, tr("chart")); });
  auto* chart_row = new QHBoxLayout;
  chart_row->addWidget(chart_note_, 1);
  chart_row->addWidget(save_chart, 0, Qt::AlignRight | Qt::AlignTop);
  chart_layout->addWidget(chart_, 1);
  chart_layout->addLayout(chart_row);
  right->addWidget(chart_box);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 2);

  auto* main = new QSplitter(Qt::Horizontal, this);
  main->addWidget(buildLeftColumn());
  main->addWidget(right);
  main->setStretchFactor(0, 2);
  main->setStretchFactor(1, 3);
  main->setSizes({520, 800});
  layout->addWidget(main, 1);
  updateEnabled();
}

QWidget* SimulatorPage::buildRunBar() {
  auto* box = new QGroupBox(tr("Trained run"), this);
  auto* row = new QHBoxLayout(box);
  run_combo_ = new QComboBox(box);
  run_combo_->setObjectName(QStringLiteral("runCombo"));
  run_combo_->setMinimumContentsLength(28);
  run_combo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  run_combo_->setToolTip(tr("A completed or cancelled run of the experiment store whose trained "
                            "learners were stored. Nothing is retrained."));
  for (int side = 0; side < kSides; ++side) {
    auto* combo = new QComboBox(box);
    combo->setObjectName(side == 0 ? QStringLiteral("learnerCombo") : QStringLiteral("compareCombo"));
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    combo->setToolTip(side == 0 ? tr("The learner the new user is simulated with (left list and "
                                     "the embedding chart)")
                                : tr("A second learner adapting on the same clicks (right list), "
                                     "to see the gap between them"));
    sides_[static_cast<std::size_t>(side)].combo = combo;
    connect(combo, &QComboBox::currentIndexChanged, this, [this, side] {
      if (side == 1) {
        QSettings().setValue(kCompareKey, sides_[1].combo->currentText());
      }
      requestLoad();
    });
  }
  top_n_ = new QSpinBox(box);
  top_n_->setRange(1, 100);
  top_n_->setValue(QSettings().value(kTopNKey, 10).toInt());
  top_n_->setToolTip(tr("Length of the recommended lists"));
  connect(top_n_, &QSpinBox::valueChanged, this, [this](int n) {
    QSettings().setValue(kTopNKey, n);
    recompute();
  });
  load_state_ = new QLabel(box);
  load_state_->setTextFormat(Qt::PlainText);

  row->addWidget(new QLabel(tr("Run:"), box));
  row->addWidget(run_combo_, 2);
  row->addSpacing(12);
  row->addWidget(new QLabel(tr("Learner:"), box));
  row->addWidget(sides_[0].combo, 1);
  row->addWidget(new QLabel(tr("Compare with:"), box));
  row->addWidget(sides_[1].combo, 1);
  row->addSpacing(12);
  row->addWidget(new QLabel(tr("Top N:"), box));
  row->addWidget(top_n_);
  row->addWidget(load_state_, 2);
  connect(run_combo_, &QComboBox::currentIndexChanged, this, &SimulatorPage::onRunChosen);
  return box;
}

QWidget* SimulatorPage::buildLeftColumn() {
  auto* column = new QWidget(this);
  auto* layout = new QVBoxLayout(column);
  layout->setContentsMargins(0, 0, 0, 0);
  catalogue_panel_ = new CataloguePanel(column);
  connect(catalogue_panel_, &CataloguePanel::addRequested, this, &SimulatorPage::addClick);
  clicks_panel_ = new ClicksPanel(column);
  connect(clicks_panel_, &ClicksPanel::clicksEdited, this,
          [this](const std::vector<std::int32_t>& clicks) { setClicks(clicks); });
  connect(clicks_panel_, &ClicksPanel::resetRequested, this, &SimulatorPage::resetUser);

  auto* replay_box = new QGroupBox(tr("Replay a test user"), column);
  auto* replay_layout = new QVBoxLayout(replay_box);
  replay_layout->setContentsMargins(6, 6, 6, 6);
  auto* row = new QHBoxLayout;
  test_users_ = new QComboBox(replay_box);
  test_users_->setObjectName(QStringLiteral("testUserCombo"));
  test_users_->setToolTip(tr("A meta-test user of the run's split: never trained on. Her "
                             "support set becomes the clicks; her query items are marked as hits "
                             "in the lists."));
  replay_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Replay"),
                            replay_box);
  replay_->setToolTip(tr("Click her support items in order and mark her query items"));
  connect(replay_, &QPushButton::clicked, this,
          [this] { replayTestUser(test_users_->currentIndex()); });
  row->addWidget(test_users_, 1);
  row->addWidget(replay_);
  test_note_ = new QLabel(replay_box);
  test_note_->setWordWrap(true);
  replay_layout->addLayout(row);
  replay_layout->addWidget(test_note_);

  layout->addWidget(catalogue_panel_, 3);
  layout->addWidget(clicks_panel_, 1);
  layout->addWidget(replay_box);
  return column;
}

QWidget* SimulatorPage::buildListsArea() {
  auto* area = new QWidget(this);
  auto* layout = new QVBoxLayout(area);
  layout->setContentsMargins(0, 0, 0, 0);

  auto* steps = new QHBoxLayout;
  play_ = new QToolButton(area);
  play_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  play_->setToolTip(tr("Play the adaptation steps 0 … K (Ctrl+Space)"));
  play_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
  connect(play_, &QToolButton::clicked, this, &SimulatorPage::togglePlay);
  step_slider_ = new QSlider(Qt::Horizontal, area);
  step_slider_->setObjectName(QStringLiteral("stepSlider"));
  step_slider_->setRange(0, 0);
  step_slider_->setTickPosition(QSlider::TicksBelow);
  step_slider_->setTickInterval(1);
  step_slider_->setPageStep(1);
  step_slider_->setToolTip(tr("Step 0 is the learner's initial guess from the clicks; steps "
                              "1 … K are its local updates"));
  connect(step_slider_, &QSlider::valueChanged, this, &SimulatorPage::showStep);
  step_label_ = new QLabel(area);
  step_label_->setMinimumWidth(step_label_->fontMetrics().horizontalAdvance(tr("Step 20 of 20")));
  steps->addWidget(play_);
  steps->addWidget(step_slider_, 1);
  steps->addWidget(step_label_);
  layout->addLayout(steps);

  lists_view_ = new QWidget(area);
  auto* lists = new QHBoxLayout(lists_view_);
  lists->setContentsMargins(0, 0, 0, 0);
  for (int side = 0; side < kSides; ++side) {
    auto& s = sides_[static_cast<std::size_t>(side)];
    s.panel = new StepListPanel(side == 0 ? tr("Learner") : tr("Compared with"), lists_view_);
    s.panel->view()->setObjectName(side == 0 ? QStringLiteral("mainList")
                                             : QStringLiteral("compareList"));
    lists->addWidget(s.panel, 1);
  }
  layout->addWidget(lists_view_, 1);

  auto* bottom = new QHBoxLayout;
  timing_ = new QLabel(area);
  timing_->setTextFormat(Qt::PlainText);
  timing_->setWordWrap(true);
  // Long timings wrap rather than widen the lists and squeeze the catalogue.
  timing_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  timing_->setToolTip(tr("Time the engine took: each adaptation step, the ranking of every item "
                         "for each list, and the whole update (all K steps and K + 1 rankings)"));
  auto* export_lists = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton),
                                       tr("Export lists…"), area);
  export_lists->setToolTip(tr("The lists at this step as CSV, Markdown, LaTeX or JSON"));
  connect(export_lists, &QPushButton::clicked, this, &SimulatorPage::exportLists);
  auto* save_lists = new QPushButton(tr("Save view…"), area);
  save_lists->setToolTip(tr("The two lists as they look, as PNG, SVG or PDF"));
  connect(save_lists, &QPushButton::clicked, this, [this] { saveView(lists_view_, tr("lists")); });
  bottom->addWidget(timing_, 1);
  bottom->addWidget(export_lists);
  bottom->addWidget(save_lists);
  layout->addLayout(bottom);
  return area;
}

QString SimulatorPage::storePath() const {
  if (!context_->storePath().isEmpty()) return context_->storePath();
  try {
    return QString::fromStdString(default_store_path());
  } catch (const std::exception&) {
    return {};
  }
}

// ---------------------------------------------------------------- runs and learners

void SimulatorPage::refreshRuns() {
  const qint64 keep = run_combo_->currentData().toLongLong();
  QList<QPair<QString, qint64>> entries;
  try {
    auto store = ExperimentStore::open(storePath().toStdString(), ExperimentStore::Access::kReadOnly);
    for (const auto& run : store.list_runs()) {
      if (run.status != RunStatus::kCompleted && run.status != RunStatus::kCancelled) continue;
      if (stored_learners(store, run.id).empty()) continue;
      const auto data = run.config.value("data", nlohmann::json::object());
      const QString file = QFileInfo(QString::fromStdString(data.value("path", ""))).fileName();
      QString text = QStringLiteral("#%1  %2").arg(run.id).arg(file);
      if (!run.label.empty()) text += QStringLiteral("  \"%1\"").arg(QString::fromStdString(run.label));
      if (run.status == RunStatus::kCancelled) text += tr("  (cancelled)");
      text += QStringLiteral("  %1").arg(QString::fromStdString(run.started_at).left(16));
      entries.append({text, run.id});
    }
  } catch (const std::exception& e) {
    load_state_->setText(tr("Store: %1").arg(QString::fromUtf8(e.what())));
  }
  {
    const QSignalBlocker block(run_combo_);
    run_combo_->clear();
    for (const auto& [text, id] : entries) run_combo_->addItem(text, id);
    qint64 want = keep ? keep : context_->currentRun();
    int index = run_combo_->findData(want);
    if (index < 0) index = run_combo_->findData(context_->currentRun());
    run_combo_->setCurrentIndex(index >= 0 ? index : (entries.isEmpty() ? -1 : 0));
  }
  if (entries.isEmpty()) {
    load_state_->setText(tr("No trained run with stored learners yet: train one on the "
                            "Experiment page (or with `metacf run`)."));
  }
  if (run_combo_->currentData().toLongLong() != run_id_ || entries.isEmpty()) onRunChosen();
}

void SimulatorPage::selectRun(qint64 run_id) {
  int index = run_combo_->findData(run_id);
  if (index < 0) {
    refreshRuns();  // a run finished since the list was filled
    index = run_combo_->findData(run_id);
  }
  if (index >= 0) run_combo_->setCurrentIndex(index);
}

void SimulatorPage::onRunChosen() {
  const qint64 id = run_combo_->currentData().toLongLong();
  if (id == run_id_ && id != 0) return;
  play_timer_->stop();
  run_id_ = id;
  clicks_.clear();
  query_.clear();
  replayed_user_ = -1;
  for (auto& side : sides_) {
    side.update.reset();
    side.before.clear();
  }
  std::vector<LearnerKey> keys;
  if (id != 0) {
    try {
      auto store = ExperimentStore::open(storePath().toStdString(), ExperimentStore::Access::kReadOnly);
      keys = stored_learners(store, id);
    } catch (const std::exception& e) {
      load_state_->setText(QString::fromUtf8(e.what()));
    }
  }
  fillLearnerCombos(keys);
  requestLoad();
}

void SimulatorPage::fillLearnerCombos(const std::vector<LearnerKey>& keys) {
  stored_ = keys;
  // K and seed are shown only when they tell entries apart (a K sweep, several seeds).
  bool several = false;
  for (const auto& k : keys) several = several || k.k != keys.front().k || k.seed != keys.front().seed;
  // The remembered choice, else the first preferred name that is stored (and not `avoid`).
  auto find = [](QComboBox* combo, const std::vector<std::string>& preferred,
                 const QString& remembered, const std::string& avoid) {
    const int index = remembered.isEmpty() ? -1 : combo->findText(remembered);
    if (index >= 0) return index;
    for (const auto& name : preferred) {
      if (name == avoid) continue;
      for (int i = 0; i < combo->count(); ++i) {
        if (combo->itemData(i).toList().value(0).toString().toStdString() == name) return i;
      }
    }
    return -1;
  };
  for (int side = 0; side < kSides; ++side) {
    QComboBox* combo = sides_[static_cast<std::size_t>(side)].combo;
    const QSignalBlocker block(combo);
    combo->clear();
    if (side == 1) combo->addItem(tr("(none)"));
    for (const auto& key : keys) combo->addItem(learnerText(key, several), keyData(key));
  }
  {
    QComboBox* combo = sides_[0].combo;
    const QSignalBlocker block(combo);
    combo->setCurrentIndex(std::max(0, find(combo, kPreferredMain, {}, {})));
  }
  {
    QComboBox* combo = sides_[1].combo;
    const QSignalBlocker block(combo);
    const auto main = keyOf(sides_[0].combo);
    const std::string avoid = main ? main->name : std::string();
    int index = find(combo, kPreferredCompare, QSettings().value(kCompareKey).toString(), avoid);
    for (int i = 1; index < 0 && i < combo->count(); ++i) {
      if (combo->itemData(i).toList().value(0).toString().toStdString() != avoid) index = i;
    }
    combo->setCurrentIndex(std::max(0, index));
  }
}

bool SimulatorPage::selectLearner(int side, const QString& name) {
  QComboBox* combo = sides_.at(static_cast<std::size_t>(side)).combo;
  if (name.isEmpty()) {
    if (side == 0) return false;
    combo->setCurrentIndex(0);
    return true;
  }
  for (int i = 0; i < combo->count(); ++i) {
    if (combo->itemData(i).toList().value(0).toString() == name) {
      combo->setCurrentIndex(i);
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------- loading off the UI thread

bool SimulatorPage::isReady() const {
  return !loader_->running() && !pending_ && sides_[0].simulation && catalogue_;
}

void SimulatorPage::requestLoad() {
  play_timer_->stop();
  if (run_id_ == 0 || stored_.empty()) {
    for (auto& side : sides_) {
      side.learner.reset();
      side.simulation.reset();
      side.update.reset();
      side.panel->model()->setList({});
    }
    updateEnabled();
    return;
  }
  SimulatorLoadRequest request;
  request.store_path = storePath().toStdString();
  request.run_id = run_id_;
  for (int side = 0; side < kSides; ++side) {
    request.learners[static_cast<std::size_t>(side)] = keyOf(sides_[static_cast<std::size_t>(side)].combo);
  }
  if (!request.learners[0]) return;
  if (loader_->running()) {
    pending_ = request;  // the newest choice wins once the running load ends
    return;
  }
  startLoad(request);
}

void SimulatorPage::startLoad(const SimulatorLoadRequest& request) {
  pending_.reset();
  const SimulatorCache cache =
      cache_.catalogue && cache_.catalogue->run_id == request.run_id ? cache_ : SimulatorCache{};
  loading_ = std::make_shared<SimulatorLoad>();
  auto out = loading_;
  load_state_->setText(tr("Loading run %1…").arg(request.run_id));
  showStatus(tr("Loading the stored learners of run %1…").arg(request.run_id));
  loader_->start([out, request, cache](JobControl&) { *out = load_for_simulator(request, cache); });
  updateEnabled();
}

void SimulatorPage::onLoadSucceeded() {
  const SimulatorLoad load = *loading_;
  if (pending_) {
    // Keep what was read, then load the newer choice.
    if (load.catalogue) cache_.catalogue = load.catalogue;
    startLoad(*pending_);
    return;
  }
  if (load.run_id != run_id_) return;
  applyLoad(load);
  emit learnersLoaded();
}

void SimulatorPage::onLoadFailed(const QString& message) {
  if (pending_) {
    startLoad(*pending_);
    return;
  }
  load_state_->setText(tr("Cannot load: %1").arg(message));
  load_state_->setToolTip(message);
  showStatus(tr("Simulator: %1").arg(message));
  updateEnabled();
  emit loadFailed(message);
}

void SimulatorPage::applyLoad(const SimulatorLoad& load) {
  if (!cache_.catalogue || cache_.catalogue->run_id != load.run_id) cache_ = {};
  cache_.catalogue = load.catalogue;
  cache_.seeds[load.seed_view->seed] = load.seed_view;
  for (const auto& learner : load.learners) {
    if (learner) cache_.learners[{learner->name, learner->k, learner->seed}] = learner;
  }

  if (catalogue_ != load.catalogue) {
    catalogue_ = load.catalogue;
    for (auto& side : sides_) side.panel->model()->setCatalogue(catalogue_);
  }
  const bool training = !load.seed_view->training_counts.empty();
  if (seed_view_ != load.seed_view || catalogue_panel_->model()->rowCount() == 0) {
    seed_view_ = load.seed_view;
    catalogue_panel_->model()->setCatalogue(
        catalogue_, training ? seed_view_->training_counts : catalogue_->record_counts,
        training ? tr("Records of the training users (pretraining and meta-training) of seed %1")
                       .arg(seed_view_->seed)
                 : tr("Records in the whole data set"));
    catalogue_panel_->proxy()->sort(CatalogueModel::kPopularity, Qt::DescendingOrder);
    chart_->setProjection(std::shared_ptr<const Projection2D>(seed_view_, &seed_view_->projection),
                          seed_view_->dimensions);
    fillTestUsers();
  }
  catalogue_panel_->model()->setClicked(clicks_);

  for (std::size_t i = 0; i < sides_.size(); ++i) {
    Side& side = sides_[i];
    if (side.learner != load.learners[i]) {
      side.learner = load.learners[i];
      side.update.reset();
      side.before.clear();  // another learner's lists are no "before" for this one
      side.simulation =
          side.learner ? std::make_unique<NewUserSimulation>(*side.learner->learner, side.learner->k,
                                                             catalogue_->data.num_items(),
                                                             side.learner->seed)
                       : nullptr;
    }
    side.panel->setTitle(side.learner ? QString::fromStdString(side.learner->name)
                                      : tr("Compared with: none"));
  }
  if (!load.compare_error.empty()) {
    sides_[1].panel->setTitle(tr("Compared with: cannot load"));
    sides_[1].panel->setToolTip(QString::fromStdString(load.compare_error));
  }
  load_state_->setText(tr("%1 items, D = %2").arg(catalogue_->data.num_items()).arg(seed_view_->dimensions));
  load_state_->setToolTip({});
  showStatus(tr("Simulator ready: run %1, %2").arg(run_id_).arg(sides_[0].combo->currentText()));
  recompute();
}

void SimulatorPage::fillTestUsers() {
  const QSignalBlocker block(test_users_);
  test_users_->clear();
  const auto& users = seed_view_->test_users;
  const Dataset& data = catalogue_->data;
  for (const auto& task : users) {
    const QString id = task.user >= 0 && task.user < data.num_users()
                           ? QString::fromStdString(data.user_ids[static_cast<std::size_t>(task.user)])
                           : QString::number(task.user);
    test_users_->addItem(tr("user %1  (%2 clicks, %3 to find)")
                             .arg(id)
                             .arg(task.support.size())
                             .arg(task.query.size()));
  }
  test_note_->setText(users.empty() ? tr("No test users: %1.")
                                          .arg(QString::fromStdString(seed_view_->test_users_note))
                                    : tr("%1 meta-test users of seed %2.")
                                          .arg(users.size())
                                          .arg(seed_view_->seed));
  updateEnabled();
}

// ---------------------------------------------------------------- clicks

void SimulatorPage::addClick(std::int32_t item) {
  if (!catalogue_ || item < 0 || item >= catalogue_->data.num_items()) return;
  if (std::find(clicks_.begin(), clicks_.end(), item) != clicks_.end()) {
    showStatus(tr("%1 is already clicked").arg(sides_[0].panel->model()->title(item)));
    return;
  }
  auto next = clicks_;
  next.push_back(item);
  setClicks(std::move(next));
}

void SimulatorPage::setClicks(std::vector<std::int32_t> clicks) {
  clicks_ = std::move(clicks);
  clicksChanged();
}

void SimulatorPage::removeClickAt(int index) {
  if (index < 0 || index >= static_cast<int>(clicks_.size())) return;
  auto next = clicks_;
  next.erase(next.begin() + index);
  setClicks(std::move(next));
}

void SimulatorPage::resetUser() {
  play_timer_->stop();
  query_.clear();
  replayed_user_ = -1;
  for (auto& side : sides_) side.before.clear();
  clicks_.clear();
  clicksChanged();
}

void SimulatorPage::clicksChanged() {
  for (auto& side : sides_) {
    if (side.update) side.before = side.update->steps.back().items;
  }
  recompute();
}

void SimulatorPage::replayTestUser(int index) {
  if (!seed_view_ || index < 0 || index >= static_cast<int>(seed_view_->test_users.size())) return;
  play_timer_->stop();
  const Task& task = seed_view_->test_users[static_cast<std::size_t>(index)];
  replayed_user_ = index;
  if (test_users_->currentIndex() != index) test_users_->setCurrentIndex(index);
  query_ = task.query;
  clicks_ = task.support;
  // Her last click's lists move against what she saw before it, clicking in order, as
  // `metacf simulate` replays clicks.
  for (auto& side : sides_) {
    side.before.clear();
    side.update.reset();
    if (!side.simulation || clicks_.size() < 2) continue;
    const auto earlier = side.simulation->replay(
        std::span<const std::int32_t>(clicks_).first(clicks_.size() - 1), topN());
    side.before = earlier.back().steps.back().items;
  }
  recompute();
}

int SimulatorPage::testUserCount() const {
  return seed_view_ ? static_cast<int>(seed_view_->test_users.size()) : 0;
}

// ---------------------------------------------------------------- the engine

void SimulatorPage::recompute() {
  play_timer_->stop();
  QElapsedTimer wall;
  wall.start();
  for (auto& side : sides_) recomputeSide(side);
  const double wall_ms = static_cast<double>(wall.nsecsElapsed()) / 1e6;

  const QSet<std::int32_t> query(query_.begin(), query_.end());
  for (auto& side : sides_) side.panel->model()->setHighlighted(query);
  catalogue_panel_->model()->setClicked(clicks_);
  if (catalogue_) {
    const RankedListModel* names = sides_[0].panel->model();
    clicks_panel_->setClicks(clicks_, [names](std::int32_t v) { return names->title(v); });
  }
  int last_step = 0;
  for (const auto& side : sides_) {
    if (side.update) last_step = std::max(last_step, static_cast<int>(side.update->steps.size()) - 1);
  }
  {
    const QSignalBlocker block(step_slider_);
    step_slider_->setRange(0, last_step);
    // After a click the final step is what the user sees; Play runs through the steps.
    step_slider_->setValue(last_step);
  }
  showStep();
  showTiming(wall_ms);
  updateEnabled();
  emit listsUpdated();
}

void SimulatorPage::recomputeSide(Side& side) {
  side.update.reset();
  if (!side.simulation || clicks_.empty()) return;
  side.update = side.simulation->update(clicks_, topN(), side.before.empty() ? nullptr : &side.before);
}

void SimulatorPage::showStep() {
  const int step = step_slider_->value();
  step_label_->setText(tr("Step %1 of %2").arg(step).arg(step_slider_->maximum()));
  const QSet<std::int32_t> query(query_.begin(), query_.end());
  for (auto& side : sides_) {
    if (!side.update) {
      side.panel->model()->setList({});
      side.panel->setHits(0, static_cast<int>(query_.size()));
      side.panel->setNote(!side.learner ? QString()
                          : clicks_.empty() ? tr("Click items in the catalogue to start.")
                                            : QString());
      continue;
    }
    const auto& steps = side.update->steps;
    const auto& list = steps[static_cast<std::size_t>(std::min<int>(step, static_cast<int>(steps.size()) - 1))];
    side.panel->model()->setList(list.items);
    side.panel->setHits(side.panel->model()->hits(), static_cast<int>(query_.size()));
    side.panel->setNote(tr("K=%1, seed %2 · step %3: adapt %4, rank %5")
                            .arg(side.learner->k)
                            .arg(side.learner->seed)
                            .arg(list.step)
                            .arg(micros(list.adapt_us))
                            .arg(micros(list.rank_us)));
  }
  if (sides_[0].update) {
    chart_->showState(clicks_, query_, sides_[0].update->steps, step,
                      QString::fromStdString(sides_[0].learner->name));
  } else {
    chart_->clearState();
    chart_->showState(clicks_, query_, {}, 0, {});
  }
  chart_note_->setText(chart_->trajectoryNote());
  chart_note_->setVisible(!chart_->trajectoryNote().isEmpty());
}

void SimulatorPage::showTiming(double wall_ms) {
  QStringList parts;
  for (const auto& side : sides_) {
    if (!side.update) continue;
    parts << tr("%1 %2").arg(QString::fromStdString(side.learner->name)).arg(micros(side.update->total_us));
  }
  if (parts.isEmpty()) {
    timing_->clear();
    return;
  }
  const QString text = tr("Update after %n click(s): ", nullptr, static_cast<int>(clicks_.size())) +
                       parts.join(QStringLiteral(", ")) +
                       tr("  (wall time on this page, timing repeats included: %1 ms)").arg(wall_ms, 0, 'f', 1);
  timing_->setText(text);
  showStatus(text);
}

// ---------------------------------------------------------------- steps, play

void SimulatorPage::setStep(int step) { step_slider_->setValue(step); }
int SimulatorPage::step() const { return step_slider_->value(); }
void SimulatorPage::setTopN(int n) { top_n_->setValue(n); }
int SimulatorPage::topN() const { return top_n_->value(); }

void SimulatorPage::togglePlay() {
  if (play_timer_->isActive()) {
    play_timer_->stop();
    updateEnabled();
    return;
  }
  if (step_slider_->maximum() == 0) return;
  step_slider_->setValue(0);
  play_timer_->start();
  updateEnabled();
}

void SimulatorPage::playTick() {
  if (step_slider_->value() >= step_slider_->maximum()) {
    play_timer_->stop();
    updateEnabled();
    return;
  }
  step_slider_->setValue(step_slider_->value() + 1);
}

void SimulatorPage::updateEnabled() {
  const bool ready = isReady();
  catalogue_panel_->setEnabled(ready);
  clicks_panel_->setEnabled(ready);
  test_users_->setEnabled(ready && test_users_->count() > 0);
  replay_->setEnabled(ready && test_users_->count() > 0);
  step_slider_->setEnabled(step_slider_->maximum() > 0);
  play_->setEnabled(step_slider_->maximum() > 0);
  play_->setIcon(style()->standardIcon(play_timer_->isActive() ? QStyle::SP_MediaPause
                                                               : QStyle::SP_MediaPlay));
}

// ---------------------------------------------------------------- read-outs for tests and export

const ClickUpdate* SimulatorPage::currentUpdate(int side) const {
  const auto& s = sides_.at(static_cast<std::size_t>(side));
  return s.update ? &*s.update : nullptr;
}

const StoredLearner* SimulatorPage::learner(int side) const {
  return sides_.at(static_cast<std::size_t>(side)).learner.get();
}

const RankedListModel* SimulatorPage::listModel(int side) const {
  return sides_.at(static_cast<std::size_t>(side)).panel->model();
}

QString SimulatorPage::hitsText(int side) const {
  return sides_.at(static_cast<std::size_t>(side)).panel->hitsText();
}

Table SimulatorPage::listsTable() const {
  Table table;
  table.caption = "Run " + std::to_string(run_id_) + ", new user with " +
                  std::to_string(clicks_.size()) + " clicks, step " + std::to_string(step());
  table.columns = {"learner", "step", "rank", "item", "title", "score", "change"};
  if (!query_.empty()) table.columns.push_back("hit");
  const QSet<std::int32_t> query(query_.begin(), query_.end());
  for (const auto& side : sides_) {
    if (!side.update) continue;
    const auto& steps = side.update->steps;
    const auto& list = steps[static_cast<std::size_t>(std::min<int>(step(), static_cast<int>(steps.size()) - 1))];
    const RankedListModel* names = side.panel->model();
    for (const auto& item : list.items) {
      std::vector<Cell> row{side.learner->name,
                            Cell::of(list.step, 0),
                            Cell::of(item.rank, 0),
                            names->itemId(item.item).toStdString(),
                            names->title(item.item).toStdString(),
                            Cell::of(item.score, 4),
                            RankedListModel::changeWords(item).toStdString()};
      if (!query_.empty()) row.emplace_back(query.contains(item.item) ? "yes" : "");
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

void SimulatorPage::exportLists() {
  if (!sides_[0].update) {
    showStatus(tr("Nothing to export yet: click an item first"));
    return;
  }
  QString filter;
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export lists"), QStringLiteral("simulator_lists.csv"),
      tr("CSV (*.csv);;Markdown (*.md);;LaTeX (*.tex);;JSON (*.json)"), &filter);
  if (path.isEmpty()) return;
  try {
    const TableFormat format = parse_table_format(QFileInfo(path).suffix().toLower().toStdString());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
      throw std::runtime_error(QStringLiteral("%1: %2").arg(path, file.errorString()).toStdString());
    }
    file.write(QByteArray::fromStdString(write_table(listsTable(), format)));
    showStatus(tr("Lists saved to %1").arg(path));
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Export lists"),
                         tr("%1\nUse a .csv, .md, .tex or .json file name.").arg(QString::fromUtf8(e.what())));
  }
}

void SimulatorPage::saveView(QWidget* view, const QString& what) {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save the %1").arg(what), QStringLiteral("simulator_%1.png").arg(what),
      viewExportFilter());
  if (path.isEmpty()) return;
  const QString error = saveWidgetView(view, path);
  if (!error.isEmpty()) {
    QMessageBox::warning(this, tr("Save the %1").arg(what), error);
    return;
  }
  showStatus(tr("Saved %1").arg(path));
}

void SimulatorPage::showStatus(const QString& message) {
  if (!isVisible()) return;  // another page is showing: its messages matter there
  if (auto* main = qobject_cast<QMainWindow*>(window())) main->statusBar()->showMessage(message, 8000);
}

}  // namespace metacf::ui
