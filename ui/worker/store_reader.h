#pragma once
// The studio's reads (and short writes) of the experiment store, off the UI thread. An idle
// store answers in milliseconds, but opening one waits up to its busy timeout behind another
// process's write, and a large run's per-user results take a while to read: asked on the UI
// thread, either would freeze the studio. Each request opens its own connection on a pool
// thread and its answer comes back on the reader's thread.
//
// A reader keeps only its latest request: an answer overtaken by a newer request (the user
// clicked on) is dropped, so a slow read never overwrites what a later one showed. Give each
// independent purpose (a runs list, the run shown) a reader of its own. A reader for writes
// (rename, delete) keeps every answer instead: each write's outcome is reported.
//
// The store's exceptions become messages for the pages at the job worker, the studio's one
// boundary for them: `failed` gets the text.
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/store/experiment_store.h"
#include "ui/worker/job_worker.h"

namespace metacf::ui {

class StoreReader : public QObject {
  Q_OBJECT
 public:
  using Failed = std::function<void(const QString&)>;

  enum class Answers { kLatest, kEvery };

  explicit StoreReader(QObject* parent = nullptr, Answers answers = Answers::kLatest,
                       ExperimentStore::Access access = ExperimentStore::Access::kReadWrite);
  ~StoreReader() override;

  // Runs `query` on a connection to the store at `store_path`, on another thread, then `done`
  // with its answer (or `failed` with why not) on this reader's thread, unless a newer request
  // came in meanwhile. `query` must only use what it captured by value: it runs on another thread.
  template <typename Result>
  void read(const QString& store_path, std::function<Result(ExperimentStore&)> query,
            std::function<void(Result)> done, Failed failed);

  // Drops the answer to any request made so far (what it was for is gone).
  void forget() { forgotten_ = ++latest_; }

  // Requests whose answers have not yet been handed over, by this reader and by all of them
  // (tests wait for the latter to reach 0).
  [[nodiscard]] bool busy() const { return pending_ > 0; }
  [[nodiscard]] static int pendingEverywhere() { return pending_everywhere_.load(); }

 private:
  [[nodiscard]] bool wanted(quint64 ticket) const {
    return ticket == latest_ || (answers_ == Answers::kEvery && ticket > forgotten_);
  }
  void finished(JobWorker* worker);
  void begin() {
    ++pending_;
    ++pending_everywhere_;
  }
  void end() {
    --pending_;
    --pending_everywhere_;
  }

  Answers answers_;
  ExperimentStore::Access access_;
  quint64 latest_ = 0;
  quint64 forgotten_ = 0;  // answers to requests up to this one are dropped
  int pending_ = 0;
  static std::atomic<int> pending_everywhere_;
};

template <typename Result>
void StoreReader::read(const QString& store_path, std::function<Result(ExperimentStore&)> query,
                       std::function<void(Result)> done, Failed failed) {
  const quint64 ticket = ++latest_;
  begin();
  // Written by the job's thread before its worker announces the end (which orders it).
  auto answer = std::make_shared<std::optional<Result>>();
  auto* worker = new JobWorker(this);
  connect(worker, &JobWorker::succeeded, this,
          [this, worker, ticket, answer, done = std::move(done)] {
            if (wanted(ticket)) done(std::move(**answer));
            finished(worker);
          });
  connect(worker, &JobWorker::failed, this,
          [this, worker, ticket, failed = std::move(failed)](const QString& why) {
            if (wanted(ticket)) failed(why);
            finished(worker);
          });
  worker->start([path = store_path.toStdString(), access = access_, query = std::move(query),
                 answer](JobControl&) {
    auto store = ExperimentStore::open(path, access);
    *answer = query(store);
  });
}

}  // namespace metacf::ui
