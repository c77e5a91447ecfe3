#include "ui/worker/store_reader.h"

#include <QCoreApplication>
#include <QThreadPool>

namespace metacf::ui {

std::atomic<int> StoreReader::pending_everywhere_{0};

StoreReader::StoreReader(QObject* parent, Answers answers, ExperimentStore::Access access)
    : QObject(parent), answers_(answers), access_(access) {}

// Answers still on their way are dropped with the watchers (its children); they no longer count.
StoreReader::~StoreReader() { pending_everywhere_ -= pending_; }

QThreadPool* StoreReader::pool() {
  // Its own pool, so a read never waits behind other work on Qt's global one; two threads
  // let one page's read go on while another waits for a lock.
  // A child of the application, so that its end waits for a read still running instead of
  // tearing the store down under it.
  static QThreadPool* readers = [] {
    auto* p = new QThreadPool(QCoreApplication::instance());
    p->setMaxThreadCount(2);
    return p;
  }();
  return readers;
}

}  // namespace metacf::ui
