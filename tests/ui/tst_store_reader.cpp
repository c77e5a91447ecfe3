// Store reads run off the UI thread, hand their answer back on it, keep only the newest
// request's answer (or every one, for writes) and turn the store's errors into messages.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "core/store/experiment_store.h"
#include "tests/ui/studio_fixture.h"
#include "ui/worker/store_reader.h"

using metacf::ExperimentStore;
using metacf::ui::StoreReader;
using metacf::ui::testing::settle_store_reads;

class TestStoreReader : public QObject {
  Q_OBJECT
 private slots:
  void init() { QVERIFY(dir_.isValid()); }

  void readsOnAnotherThreadAndAnswersOnItsOwn() {
    StoreReader reader;
    QThread* read_on = nullptr;
    QThread* answered_on = nullptr;
    std::size_t runs = 99;
    reader.read<std::size_t>(
        path(),
        [&read_on](ExperimentStore& store) {
          read_on = QThread::currentThread();
          return store.list_runs().size();
        },
        [&](std::size_t n) {
          answered_on = QThread::currentThread();
          runs = n;
        },
        [](const QString& error) { QFAIL(qPrintable(error)); });
    QVERIFY(reader.busy());
    QVERIFY(settle_store_reads());
    QVERIFY(!reader.busy());
    QCOMPARE(runs, std::size_t{0});
    QVERIFY(read_on != nullptr && read_on != QThread::currentThread());
    QCOMPARE(answered_on, QThread::currentThread());
  }

  void aNewerRequestDropsTheAnswerItOvertakes() {
    StoreReader reader;
    std::vector<int> answers;
    const auto slow = [](ExperimentStore&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return 1;
    };
    const auto fast = [](ExperimentStore&) { return 2; };
    const auto keep = [&answers](int n) { answers.push_back(n); };
    reader.read<int>(path(), slow, keep, [](const QString&) {});
    reader.read<int>(path(), fast, keep, [](const QString&) {});
    QVERIFY(settle_store_reads());
    QCOMPARE(answers, std::vector<int>{2});

    // A reader for writes reports every outcome.
    StoreReader writer(nullptr, StoreReader::Answers::kEvery);
    answers.clear();
    writer.read<int>(path(), slow, keep, [](const QString&) {});
    writer.read<int>(path(), fast, keep, [](const QString&) {});
    QVERIFY(settle_store_reads());
    std::sort(answers.begin(), answers.end());
    QCOMPARE(answers, (std::vector<int>{1, 2}));
  }

  void forgetDropsWhatWasAsked() {
    StoreReader reader(nullptr, StoreReader::Answers::kEvery);
    bool answered = false;
    reader.read<int>(
        path(), [](ExperimentStore&) { return 1; }, [&](int) { answered = true; },
        [&](const QString&) { answered = true; });
    reader.forget();
    QVERIFY(settle_store_reads());
    QVERIFY(!answered);
  }

  void aFileThatIsNoStoreFailsWithItsReason() {
    const QString garbage = dir_.filePath(QStringLiteral("garbage.sqlite"));
    QFile out(garbage);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QByteArray(4096, 'x'));
    out.close();
    StoreReader reader;
    QString error;
    bool done = false;
    reader.read<int>(
        garbage, [](ExperimentStore&) { return 1; }, [&](int) { done = true; },
        [&](const QString& why) { error = why; });
    QVERIFY(settle_store_reads());
    QVERIFY(!done);
    QVERIFY2(error.contains(QStringLiteral("garbage.sqlite")), qPrintable(error));
  }

  void aReaderGoneBeforeItsAnswerCountsNoMore() {
    bool answered = false;
    {
      StoreReader reader;
      reader.read<int>(
          path(),
          [](ExperimentStore&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            return 1;
          },
          [&](int) { answered = true; }, [&](const QString&) { answered = true; });
      QCOMPARE(StoreReader::pendingEverywhere(), 1);
    }
    QCOMPARE(StoreReader::pendingEverywhere(), 0);
    QTest::qWait(400);  // the read finishes with nobody to answer
    QVERIFY(!answered);
  }

 private:
  QString path() const { return dir_.filePath(QStringLiteral("store.sqlite")); }
  QTemporaryDir dir_;
};

QTEST_MAIN(TestStoreReader)
#include "tst_store_reader.moc"
