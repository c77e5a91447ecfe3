#include "ui/run_controller.h"

#include <QMetaObject>
#include <memory>
#include <mutex>

#include "ui/studio_context.h"

namespace metacf::ui {
namespace {

// Forwards store events the pages need while the run goes on; runs in the job's thread.
class QueuedObserver final : public ExperimentObserver {
 public:
  explicit QueuedObserver(RunController* target) : target_(target) {}
  void on_result(const ResultRecord& result) override {
    // The record crosses threads through a mutex ThreadSanitizer can see; the queued call only
    // says that one is waiting (Qt's event queue orders it too, but out of TSan's sight).
    auto box = std::make_shared<Box>();
    {
      const std::lock_guard lock(box->mutex);
      box->result = result;
    }
    QMetaObject::invokeMethod(
        target_,
        [t = target_, box] {
          ResultRecord taken;
          {
            const std::lock_guard lock(box->mutex);
            taken = std::move(box->result);
          }
          emit t->resultReady(taken);
        },
        Qt::QueuedConnection);
  }

 private:
  struct Box {
    std::mutex mutex;
    ResultRecord result;
  };
  RunController* target_;
};

}  // namespace

RunController::RunController(StudioContext* context, QObject* parent)
    : QObject(parent), context_(context) {
  qRegisterMetaType<metacf::Progress>();
  qRegisterMetaType<metacf::ResultRecord>();
  qRegisterMetaType<metacf::CurvePoint>();
  qRegisterMetaType<metacf::RunStatus>();
  connect(&worker_, &JobWorker::reportsReady, this, &RunController::deliverReports);
  connect(&worker_, &JobWorker::succeeded, this, [this] { deliverFinished({}); });
  connect(&worker_, &JobWorker::cancelled, this, [this] { deliverFinished({}); });
  connect(&worker_, &JobWorker::failed, this, &RunController::deliverFinished);
}

void RunController::deliverFinished(const QString& failure) {
  StoredRun run;
  {
    std::lock_guard lock(outcome_mutex_);
    run = outcome_;
  }
  if (!failure.isEmpty()) {
    // The store failed before or after the experiment (RunRequest::execute reports the rest
    // itself), or the run was not admitted.
    run.status = RunStatus::kFailed;
    run.error = failure.toStdString();
    if (run.run_id == 0) run.run_id = run_id_;
  }
  run_id_ = run.run_id;
  emit finished(run.run_id, run.status, QString::fromStdString(run.error));
}

void RunController::deliverReports() {
  std::vector<CurvePoint> points;
  Progress latest;
  bool has_latest = false;
  for (const Progress& p : worker_.takeReports()) {
    if (p.epoch_done) points.push_back(curve_point(p));
    latest = p;
    has_latest = true;
  }
  if (!points.empty()) emit curvePoints(points);
  if (has_latest) emit progress(latest);
}

bool RunController::start(const ExperimentConfig& config, const QString& label) {
  // With item embeddings chosen, the data set they were aligned to (as `metacf run` does).
  auto data = context_->runDataset();
  // No store yet (still opening, or refused): a run would have nowhere to keep its results.
  if (!data || worker_.running() || context_->storePath().isEmpty()) return false;
  config_ = config;
  run_id_ = 0;
  {
    std::lock_guard lock(outcome_mutex_);
    outcome_ = {};
  }
  const RunRequest request{context_->runSource(), config, label.toStdString()};
  const std::shared_ptr<const Eigen::MatrixXf> embeddings =
      context_->itemEmbeddings() ? context_->itemEmbeddings()->matrix : nullptr;
  const std::string store_path = context_->storePath().toStdString();
  return worker_.start([this, data, request, embeddings, store_path](JobControl& job) {
    auto store = ExperimentStore::open(store_path);
    QueuedObserver observer(this);
    auto announce = [this](std::int64_t id) {
      QMetaObject::invokeMethod(
          this,
          [this, id] {
            run_id_ = id;
            emit started(id);
          },
          Qt::QueuedConnection);
    };
    const ExperimentInputs inputs{*data, nullptr, embeddings.get()};
    StoredRun run = request.execute(store, inputs, job, &observer, announce);
    std::lock_guard lock(outcome_mutex_);
    outcome_ = std::move(run);
  });
}

}  // namespace metacf::ui
