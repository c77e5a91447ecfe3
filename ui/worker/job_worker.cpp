#include "ui/worker/job_worker.h"

#include <exception>

namespace metacf::ui {
namespace {
constexpr auto kReportInterval = std::chrono::milliseconds(100);
}

JobWorker::JobWorker(QObject* parent) : QObject(parent) {}

JobWorker::~JobWorker() {
  cancel();
  wait();
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
  enum class End { kSucceeded, kCancelled, kFailed } end = End::kSucceeded;
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
  running_ = false;
  emit reportsReady();
  switch (end) {
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

}  // namespace metacf::ui
