#include "ui/simulator/simulator_controller.h"

#include <algorithm>
#include <stdexcept>

#include "core/simulate/click_history_table.h"
#include "ui/export/output_file.h"
#include "ui/worker/job_worker.h"

namespace metacf::ui {

SimulatorController::SimulatorController(QObject* parent)
    : QObject(parent),
      loader_(new JobWorker(this)),
      computer_(new JobWorker(this)),
      exporter_(new JobWorker(this)),
      warmer_(new JobWorker(this)) {
  connect(warmer_, &JobWorker::succeeded, this, &SimulatorController::onWarmSucceeded);
  // A learner that cannot be warmed is loaded (and its error shown) when it is chosen.
  connect(warmer_, &JobWorker::failed, this, [this] {
    warming_.reset();
    if (pending_load_ && !loader_->running()) startLoad(*pending_load_);
    startWarm();
  });
  connect(warmer_, &JobWorker::cancelled, this, [this] { warming_.reset(); });
  connect(loader_, &JobWorker::succeeded, this, &SimulatorController::onLoadSucceeded);
  connect(loader_, &JobWorker::failed, this, &SimulatorController::onLoadFailed);
  connect(loader_, &JobWorker::cancelled, this, [this] { onLoadFailed(tr("cancelled")); });
  connect(computer_, &JobWorker::succeeded, this, &SimulatorController::onComputeSucceeded);
  connect(computer_, &JobWorker::failed, this, &SimulatorController::onComputeFailed);
  connect(computer_, &JobWorker::cancelled, this, [this] { onComputeFailed(tr("cancelled")); });
  connect(exporter_, &JobWorker::reportsReady, this, [this] {
    const std::vector<Progress> reports = exporter_->takeReports();
    if (!reports.empty()) emit historyExportProgress(reports.back().fraction);
  });
  connect(exporter_, &JobWorker::succeeded, this, [this] { emit historyExported(export_path_); });
  connect(exporter_, &JobWorker::failed, this, &SimulatorController::historyExportFailed);
  connect(exporter_, &JobWorker::cancelled, this, &SimulatorController::historyExportCancelled);
}

SimulatorController::~SimulatorController() {
  loader_->cancel();
  exporter_->cancel();
  warmer_->cancel();
  warmer_->wait();
  loader_->wait();
  computer_->wait();
  exporter_->wait();
}

// ---------------------------------------------------------------- loading

bool SimulatorController::loading() const {
  return loader_->running() || pending_load_.has_value();
}

void SimulatorController::load(const SimulatorLoadRequest& request) {
  if (loader_->running()) {
    pending_load_ = request;  // the newest choice wins once the running load ends
    return;
  }
  if (waitsForWarm(request)) {
    pending_load_ = request;  // being loaded already: shown when that ends
    emit loadStarted(request.run_id);
    return;
  }
  startLoad(request);
}

void SimulatorController::clearCache() {
  cache_ = {};
  warm_keys_.clear();
  warm_run_ = 0;
  warming_run_ = 0;  // a warm still going is dropped when it ends
}

// By value: the request is often *pending_load_, which is reset here.
void SimulatorController::startLoad(SimulatorLoadRequest request) {
  pending_load_.reset();
  const SimulatorCache cache =
      cache_.catalogue && cache_.catalogue->run_id == request.run_id ? cache_ : SimulatorCache{};
  loading_ = std::make_shared<SimulatorLoad>();
  auto out = loading_;
  emit loadStarted(request.run_id);
  loader_->start([out, request, cache](JobControl&) { *out = load_for_simulator(request, cache); });
}

void SimulatorController::onLoadSucceeded() {
  const SimulatorLoad load = *loading_;
  if (pending_load_) {
    // Keep what was read, then load the newer choice. Cached learners belong to one run.
    if (load.catalogue) {
      if (!cache_.catalogue || cache_.catalogue->run_id != load.run_id) cache_ = {};
      cache_.catalogue = load.catalogue;
    }
    if (!waitsForWarm(*pending_load_)) startLoad(*pending_load_);
    return;
  }
  applyLoad(load);
  emit loaded();
}

void SimulatorController::onLoadFailed(const QString& message) {
  if (pending_load_) {
    if (!waitsForWarm(*pending_load_)) startLoad(*pending_load_);
    return;
  }
  emit loadError(message);
}

void SimulatorController::applyLoad(const SimulatorLoad& load) {
  if (!cache_.catalogue || cache_.catalogue->run_id != load.run_id) cache_ = {};
  cache_.catalogue = load.catalogue;
  cache_.seeds[load.seed_view->seed] = load.seed_view;
  for (const auto& learner : load.learners) {
    if (learner) cache_.learners[{learner->name, learner->k, learner->seed}] = learner;
  }
  loaded_run_ = load.run_id;
  compare_error_ = load.compare_error;
  session_.set_catalogue(load.catalogue);
  session_.set_seed_view(load.seed_view);
  for (int side = 0; side < kSimulatorSides; ++side) {
    session_.set_learner(side, load.learners[static_cast<std::size_t>(side)]);
  }
}

// ---------------------------------------------------------------- warming

void SimulatorController::warm(const std::string& store_path, std::int64_t run_id,
                               std::vector<LearnerKey> keys) {
  warm_store_ = store_path;
  warm_run_ = run_id;
  warm_keys_ = std::move(keys);
  startWarm();
}

bool SimulatorController::warming() const { return warmer_->running(); }

void SimulatorController::startWarm() {
  if (warmer_->running()) return;
  const bool same_run = cache_.catalogue && cache_.catalogue->run_id == warm_run_;
  while (same_run && !warm_keys_.empty()) {
    const LearnerKey key = warm_keys_.front();
    warm_keys_.erase(warm_keys_.begin());
    if (cached(key)) continue;
    warming_ = key;
    warming_run_ = warm_run_;
    warmed_ = std::make_shared<std::shared_ptr<const StoredLearner>>();
    warmer_->start([out = warmed_, key, store = warm_store_, run = warm_run_](JobControl&) {
      auto opened = ExperimentStore::open(store, ExperimentStore::Access::kReadOnly);
      *out = std::make_shared<const StoredLearner>(
          load_stored_learner(opened, run, key.name, key.k, key.seed));
    });
    return;
  }
}

void SimulatorController::onWarmSucceeded() {
  // Another run may have been opened (or the store changed) while it loaded.
  if (warming_ && *warmed_ && warming_run_ != 0 && cache_.catalogue &&
      cache_.catalogue->run_id == warming_run_) {
    cache_.learners[*warming_] = *warmed_;
  }
  warming_.reset();
  if (pending_load_ && !loader_->running()) startLoad(*pending_load_);
  startWarm();
}

bool SimulatorController::waitsForWarm(const SimulatorLoadRequest& request) const {
  if (!warming_ || request.run_id != warming_run_) return false;
  return std::any_of(request.learners.begin(), request.learners.end(),
                     [this](const auto& key) { return key && *key == *warming_; });
}

// ---------------------------------------------------------------- computing

void SimulatorController::recompute() {
  if (computing_) {
    compute_pending_ = true;  // the running result will be stale; compute the newest next
    return;
  }
  if (!session_.needs_compute()) {
    emit listsChanged();  // no clicks or no learner: the session holds no lists
    return;
  }
  startCompute();
}

void SimulatorController::startCompute() {
  compute_pending_ = false;
  computing_ = true;
  computed_ = std::make_shared<SessionResult>();
  auto out = computed_;
  computer_->start(
      [out, request = session_.request()](JobControl&) { *out = compute_session(request); });
}

void SimulatorController::onComputeSucceeded() {
  computing_ = false;
  compute_pending_ = false;
  // A result of the current state is shown even if a recompute was asked meanwhile without
  // changing anything; a stale one is dropped and the newest state computed instead.
  if (!session_.accept(std::move(*computed_))) {
    recompute();
    return;
  }
  emit listsChanged();
}

void SimulatorController::onComputeFailed(const QString& message) {
  computing_ = false;
  if (compute_pending_) {
    recompute();
    return;
  }
  emit computeError(message);
}

// ---------------------------------------------------------------- exporting

bool SimulatorController::exportingHistory() const { return exporter_->running(); }

void SimulatorController::cancelHistoryExport() { exporter_->cancel(); }

bool SimulatorController::startHistoryExport(const QString& path, TableFormat format) {
  if (exporter_->running()) return false;
  export_path_ = path;
  // A copy: the user may go on clicking while the history is replayed.
  return exporter_->start([session = session_, path, format](JobControl& job) {
    const Table table = click_history_table(session, job);
    const std::string text = write_table(table, format);
    job.check();  // a cancel before the write leaves the old file
    if (const QString error = writeOutputFile(path, QByteArray::fromStdString(text));
        !error.isEmpty()) {
      throw std::runtime_error(error.toStdString());
    }
  });
}

}  // namespace metacf::ui
