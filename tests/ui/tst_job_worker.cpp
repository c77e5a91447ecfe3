// The worker delivers every finished epoch, throttles signals, cancels promptly and turns
// core exceptions into failed().
#include <QSignalSpy>
#include <QTest>
#include <chrono>
#include <thread>

#include "ui/worker/job_worker.h"

using metacf::JobControl;
using metacf::Progress;
using metacf::ui::JobWorker;

class TestJobWorker : public QObject {
  Q_OBJECT
 private slots:
  void deliversEveryEpochWithFewSignals() {
    JobWorker worker;
    int epochs_seen = 0;
    int batches = 0;
    connect(&worker, &JobWorker::reportsReady, this, [&] {
      ++batches;
      for (const auto& p : worker.takeReports()) epochs_seen += p.epoch_done ? 1 : 0;
    });
    QSignalSpy done(&worker, &JobWorker::succeeded);
    QVERIFY(worker.start([](JobControl& job) {
      for (int e = 1; e <= 2000; ++e) {
        Progress p;
        p.epoch = e;
        p.epoch_done = true;
        job.report(p);
        if (e % 100 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }));
    QVERIFY(done.wait(10000));
    QCoreApplication::processEvents();
    QCOMPARE(epochs_seen, 2000);
    QVERIFY2(batches < 100, qPrintable(QString::number(batches)));
  }

  void cancelStopsARunningJob() {
    JobWorker worker;
    QSignalSpy cancelled(&worker, &JobWorker::cancelled);
    QVERIFY(worker.start([](JobControl& job) {
      for (;;) {
        job.check();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }));
    QVERIFY(worker.running());
    QVERIFY(!worker.start([](JobControl&) {}));  // busy
    const auto start = std::chrono::steady_clock::now();
    worker.cancel();
    QVERIFY(cancelled.wait(5000));
    QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1000));
    QVERIFY(!worker.running());
  }

  void exceptionsBecomeFailedSignals() {
    JobWorker worker;
    QSignalSpy failed(&worker, &JobWorker::failed);
    QVERIFY(worker.start([](JobControl&) { throw std::runtime_error("ratings.csv:3: bad line"); }));
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().first().toString(), QStringLiteral("ratings.csv:3: bad line"));
  }
};

QTEST_MAIN(TestJobWorker)
#include "tst_job_worker.moc"
