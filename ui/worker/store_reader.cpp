#include "ui/worker/store_reader.h"

namespace metacf::ui {

std::atomic<int> StoreReader::pending_everywhere_{0};

StoreReader::StoreReader(QObject* parent, Answers answers, ExperimentStore::Access access)
    : QObject(parent), answers_(answers), access_(access) {}

// Workers still reading are waited for with the children; their answers no longer count.
StoreReader::~StoreReader() { pending_everywhere_ -= pending_; }

void StoreReader::finished(JobWorker* worker) {
  worker->deleteLater();  // its thread has announced its end: the wait in its destructor is short
  end();
}

}  // namespace metacf::ui
