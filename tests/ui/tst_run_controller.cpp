// The run controller runs an experiment off the UI thread, delivers its events as signals and
// leaves the run in the store as completed, or as cancelled with what it had when stopped.
#include <QSignalSpy>
#include <QTest>

#include "tests/ui/studio_fixture.h"
#include "ui/run_controller.h"

using namespace metacf;
using namespace metacf::ui;

class TestRunController : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void refusesToStartWithoutData() {
    StudioContext context;
    RunController runs(&context);
    QSignalSpy started(&runs, &RunController::started);
    QVERIFY(!runs.start(testing::quick_config()));
    QVERIFY(!runs.running());
    QCOMPARE(started.count(), 0);
  }

  void completedRunArrivesAndIsStored() {
    QTemporaryDir dir;
    StudioContext context;
    const QString problem = testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    RunController runs(&context);
    QSignalSpy started(&runs, &RunController::started);
    QSignalSpy results(&runs, &RunController::resultReady);
    QSignalSpy finished(&runs, &RunController::finished);
    std::size_t points = 0;
    std::size_t pretrain_points = 0;
    connect(&runs, &RunController::curvePoints, this, [&](const std::vector<CurvePoint>& batch) {
      points += batch.size();
      for (const auto& p : batch) pretrain_points += p.stage == Stage::kPretrain ? 1 : 0;
    });
    const ExperimentConfig config = testing::quick_config();
    QVERIFY(runs.start(config, QStringLiteral("quick")));
    QVERIFY(runs.running());
    QVERIFY(!runs.start(config));  // one run at a time
    QVERIFY(finished.wait(120000));

    QCOMPARE(started.count(), 1);
    const qint64 id = started.first().first().toLongLong();
    QCOMPARE(finished.first().at(0).toLongLong(), id);
    QCOMPARE(finished.first().at(1).value<RunStatus>(), RunStatus::kCompleted);
    QVERIFY(finished.first().at(2).toString().isEmpty());
    // 3 learners x 1 K x 2 seeds, each with its per-user values for paired differences.
    QCOMPARE(results.count(), 3 * 1 * 2);
    for (const auto& args : results) {
      const auto r = args.first().value<ResultRecord>();
      QCOMPARE(static_cast<qint64>(r.per_user.size()), r.users);
      QVERIFY(r.hr > 0 && r.hr <= 1);
    }
    // Pretraining runs at most max_epochs per seed; every epoch reaches the UI and the store.
    QVERIFY(pretrain_points >= 2);
    QVERIFY(pretrain_points <= static_cast<std::size_t>(2 * config.pretrain.max_epochs));
    auto store = metacf::ui::testing::open_store(context);
    QCOMPARE(store.run(id).status, RunStatus::kCompleted);
    QCOMPARE(store.run(id).label, std::string("quick"));
    QCOMPARE(store.curves(id).size(), points);
    QCOMPARE(store.results(id).size(), std::size_t{6 * 2});  // hr and ndcg rows
  }

  void cancelMidRunStoresCancelled() {
    QTemporaryDir dir;
    StudioContext context;
    const QString problem = testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    RunController runs(&context);
    QSignalSpy finished(&runs, &RunController::finished);
    QSignalSpy batches(&runs, &RunController::curvePoints);
    ExperimentConfig config = testing::quick_config();
    config.pretrain.max_epochs = 1000;  // far longer than the test waits
    config.pretrain.patience = 1000;
    QVERIFY(runs.start(config));
    QVERIFY(batches.wait(60000));  // at least one finished epoch
    runs.cancel();
    QVERIFY(finished.wait(30000));
    const qint64 id = finished.first().at(0).toLongLong();
    QCOMPARE(finished.first().at(1).value<RunStatus>(), RunStatus::kCancelled);
    auto store = metacf::ui::testing::open_store(context);
    QCOMPARE(store.run(id).status, RunStatus::kCancelled);
    QVERIFY(!store.curves(id).empty());  // what ran is kept
    QVERIFY(store.curves(id).size() < 1000);
    QVERIFY(!runs.running());
  }
};

QTEST_MAIN(TestRunController)
#include "tst_run_controller.moc"
