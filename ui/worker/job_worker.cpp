#include "ui/worker/job_worker.h"

#include <exception>

namespace metacf::ui {
namespace {
constexpr auto kReportInterval = std::chrono::milliseconds(100);
enum class End { kSucceeded, kCancelled, kFailed };
}  // namespace

JobWorker::JobWorker(QObject* parent) : QObject(parent) {
  connect(this, &JobWorker::jobEnded, this, &JobWorker::announceEnd, Qt::QueuedConnection);
}

void JobWorker::announceEnd(int end, const QString& message) {
  // Acquires what the job's thread released with `running_ = false`: everything the job wrote
  // is visible to the slots below. Qt's queued signal orders it too, but inside libQt6Core,
  // where ThreadSanitizer cannot see it; this load makes the order one it checks.
  (void)running_.load(std::memory_order_acquire);
  switch (static_cast<End>(end)) {
    case End::kSucceeded:
      emit succeeded();
      break;
    case End::kCancelled:
      emit cancelled();
      break;
    case End::kFailed:
      emit failed(message);
      break;
  }
}

JobWorker::~JobWorker() {
  cancel();
  wait();
  // The join happens inside libQt6Core, where ThreadSanitizer cannot see it; acquiring what the
  // job's thread released with `running_ = false` makes its last writes ordered before the free.
  (void)running_.load(std::memory_order_acquire);
  delete thread_;  // parentless and finished: ours to free (LeakSanitizer found it left)
}

bool JobWorker::start(Job job) {
  if (running_.exchange(true)) return false;
  cancel_ = false;
  {
    std::lock_guard lock(mutex_);
    pending_.clear();
    latest_pending_ = false;
  }
  if (thread_) {
    thread_->wait();
    delete thread_;
  }
  thread_ = QThread::create([this, job = std::move(job)]() mutable { run(std::move(job)); });
  thread_->setObjectName(QStringLiteral("metacf-job"));
  thread_->start();
  return true;
}

void JobWorker::cancel() { cancel_ = true; }

void JobWorker::wait() {
  if (thread_) thread_->wait();
}

std::vector<Progress> JobWorker::takeReports() {
  std::lock_guard lock(mutex_);
  std::vector<Progress> out;
  out.swap(pending_);
  if (latest_pending_) out.push_back(latest_);
  latest_pending_ = false;
  return out;
}

void JobWorker::run(Job job) {
  JobControl control(
      [this](const Progress& p) {
        bool emit_now = false;
        {
          std::lock_guard lock(mutex_);
          if (p.epoch_done) pending_.push_back(p);
          latest_ = p;
          latest_pending_ = !p.epoch_done;
          const auto now = std::chrono::steady_clock::now();
          if (now - last_emit_ >= kReportInterval) {
            last_emit_ = now;
            emit_now = true;
          }
        }
        if (emit_now) emit reportsReady();
        return !cancel_.load();
      },
      &cancel_);
  // Core throws; this is the one boundary where exceptions become signals.
  End end = End::kSucceeded;
  QString message;
  try {
    job(control);
  } catch (const Cancelled&) {
    end = End::kCancelled;
  } catch (const std::exception& e) {
    end = End::kFailed;
    message = QString::fromUtf8(e.what());
  } catch (...) {
    end = End::kFailed;
    message = tr("unknown error");
  }
  running_.store(false, std::memory_order_release);
  emit reportsReady();
  emit jobEnded(static_cast<int>(end), message);
}

}  // namespace metacf::ui
