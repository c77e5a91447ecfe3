// The training page draws what a run reports: one pretraining point per epoch and seed, a
// progress bar that ends at 100 %, a clear outcome, and the same curves and log for a stored
// run.
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>
#include <map>

#include "tests/ui/studio_fixture.h"
#include "ui/charts/curve_chart.h"
#include "ui/charts/training_charts.h"
#include "ui/pages/run_log_store.h"
#include "ui/pages/training_page.h"
#include "ui/run_controller.h"

using namespace metacf;
using namespace metacf::ui;

class TestTrainingPage : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void drawsALiveRunAndItsStoredCurves() {
    QTemporaryDir dir;
    StudioContext context;
    const QString problem = testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    RunController runs(&context);
    TrainingPage page(&context, &runs);
    page.resize(1200, 800);
    page.show();
    std::map<std::uint64_t, int> pretrain_epochs;  // seed -> points delivered
    connect(&runs, &RunController::curvePoints, this, [&](const std::vector<CurvePoint>& batch) {
      for (const auto& p : batch) pretrain_epochs[p.seed] += p.stage == Stage::kPretrain ? 1 : 0;
    });
    QSignalSpy finished(&runs, &RunController::finished);
    QVERIFY(runs.start(testing::quick_config()));
    QVERIFY(finished.wait(120000));
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCoreApplication::processEvents();
    const qint64 run_id = finished.first().at(0).toLongLong();

    QCOMPARE(page.progressBar()->value(), page.progressBar()->maximum());
    QVERIFY(page.outcomeLabel()->text().contains(QStringLiteral("completed")));
    QVERIFY(page.log()->toPlainText().contains(QStringLiteral("itemknn_q")));

    // Two seeds: each seed has its own series, one point per pretraining epoch.
    CurveChart* pretrain = page.charts()->pretrainChart();
    pretrain->flush();
    QCOMPARE(pretrain_epochs.size(), std::size_t{2});
    for (const auto& [seed, epochs] : pretrain_epochs) {
      const QString loss = QStringLiteral("loss s%1").arg(seed);
      QVERIFY2(pretrain->series(loss), qPrintable(pretrain->seriesNames().join(", ")));
      QCOMPARE(pretrain->pointCount(loss), epochs);
      QVERIFY(epochs >= 1 && epochs <= 5);
      // Points are (epoch, loss): epochs count up from 1, losses are positive.
      const auto points = pretrain->series(loss)->points();
      QCOMPARE(points.first().x(), 1.0);
      for (const QPointF& p : points) QVERIFY(p.y() > 0);
    }

    // Picking one seed shows its curves without the seed in the name.
    page.charts()->showSeed(1);
    QCOMPARE(pretrain->seriesNames().size(), 2);  // loss and validation HR
    QCOMPARE(pretrain->pointCount(QStringLiteral("loss")), pretrain_epochs[1]);

    // A second page opening the stored run draws the same curves from the store.
    TrainingPage stored(&context, &runs);
    stored.showStoredRun(run_id);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    CurveChart* again = stored.charts()->pretrainChart();
    for (const auto& [seed, epochs] : pretrain_epochs) {
      QCOMPARE(again->pointCount(QStringLiteral("loss s%1").arg(seed)), epochs);
    }
  }

  // A K sweep draws one meta-loss series per learner and K, told apart by line style and marker;
  // picking a K keeps only its series.
  void aKSweepCanBeShownOneKAtATime() {
    QTemporaryDir dir;
    StudioContext context;
    const QString problem = testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    RunController runs(&context);
    TrainingPage page(&context, &runs);
    ExperimentConfig config = testing::quick_config();
    config.learners = {"metacf_g", "metacf_p_linear"};
    config.ks = {1, 2};
    config.seeds = {1};
    config.learner_configs = {{"metacf_g", {{"meta_epochs", 3}}},
                              {"metacf_p_linear", {{"meta_epochs", 3}}}};
    QSignalSpy finished(&runs, &RunController::finished);
    QVERIFY(runs.start(config));
    QVERIFY(finished.wait(120000));
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCoreApplication::processEvents();
    CurveChart* meta = page.charts()->metaLossChart();
    meta->flush();
    QCOMPARE(meta->seriesNames().size(), 4);
    QVERIFY(meta->series(QStringLiteral("metacf_g K=2")));
    QCOMPARE(page.charts()->kBox()->count(), 3);  // all, K = 1, K = 2
    // One learner's two K share its colour, so they differ in line style and marker.
    const auto entry = [](CurveChart* chart, const QString& name) {
      for (const LegendEntry& e : chart->legend()->entries()) {
        if (e.name == name) return e;
      }
      return LegendEntry{};
    };
    CurveChart* validation = page.charts()->validationChart();
    validation->flush();
    for (const QString& learner : {QStringLiteral("metacf_g"), QStringLiteral("metacf_p_linear")}) {
      const LegendEntry k1 = entry(meta, learner + QStringLiteral(" K=1"));
      const LegendEntry k2 = entry(meta, learner + QStringLiteral(" K=2"));
      QVERIFY2(!k1.name.isEmpty() && !k2.name.isEmpty(), qPrintable(learner));
      QCOMPARE(k1.pen.color(), k2.pen.color());
      QVERIFY(k1.pen.style() != k2.pen.style());
      const LegendEntry hr1 = entry(validation, learner + QStringLiteral(" K=1 HR@10"));
      const LegendEntry hr2 = entry(validation, learner + QStringLiteral(" K=2 HR@10"));
      const LegendEntry ndcg2 = entry(validation, learner + QStringLiteral(" K=2 NDCG@10"));
      QVERIFY2(!hr1.name.isEmpty() && !hr2.name.isEmpty() && !ndcg2.name.isEmpty(),
               qPrintable(validation->seriesNames().join(QStringLiteral(", "))));
      QVERIFY(hr1.marker != hr2.marker);
      QCOMPARE(hr2.marker, ndcg2.marker);
      QVERIFY(hr2.pen.style() != ndcg2.pen.style());
    }
    page.charts()->showK(2);
    QCOMPARE(meta->seriesNames().size(), 2);
    QCOMPARE(meta->pointCount(QStringLiteral("metacf_p_linear")), 3);
  }

  // A run's log is stored with it when it ends: another window opening the run shows that
  // log, line for line; a run stored without one says so and lists what the store holds.
  void aStoredRunShowsItsOwnStoredLog() {
    QTemporaryDir dir;
    StudioContext context;
    const QString problem = testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    RunController runs(&context);
    TrainingPage page(&context, &runs);
    QSignalSpy stored(page.logStore(), &RunLogStore::stored);
    QSignalSpy finished(&runs, &RunController::finished);
    ExperimentConfig config = testing::quick_config();
    config.seeds = {1};
    QVERIFY(runs.start(config));
    QVERIFY(finished.wait(120000));
    QVERIFY(metacf::ui::testing::settle_store_reads());
    const qint64 run_id = finished.first().at(0).toLongLong();
    QVERIFY(stored.wait(30000));
    QCOMPARE(stored.first().at(0).toLongLong(), run_id);
    const QStringList live = page.log()->toPlainText().split(QLatin1Char('\n'));
    QVERIFY(live.size() >= 5);  // started, stages, results, completed

    StudioContext later;
    QVERIFY(metacf::ui::testing::use_store(later, context.storePath()).isEmpty());
    RunController later_runs(&later);
    TrainingPage later_page(&later, &later_runs);
    later_page.showStoredRun(run_id);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    const QStringList shown = later_page.log()->toPlainText().split(QLatin1Char('\n'));
    QVERIFY2(shown.first().contains(QStringLiteral("Its log, as stored with it")),
             qPrintable(shown.first()));
    QCOMPARE(shown.mid(1), live);

    // The same run with its log taken away, as a run of an older build or of `metacf run`.
    metacf::ui::testing::open_store(later).set_run_log(run_id, std::vector<std::string>{});
    TrainingPage without(&later, &later_runs);
    without.showStoredRun(run_id);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    const QString text = without.log()->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("no log stored for this run")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("itemknn_q K=5")), qPrintable(text));  // its results
  }

  // A stage that reports nothing for a while (ease's solve) still shows time passing: the
  // clock and the step's own time move each second between reports.
  void theClockMovesBetweenReports() {
    StudioContext context;
    RunController runs(&context);
    TrainingPage page(&context, &runs);
    auto* clock = page.findChild<QLabel*>(QStringLiteral("clockLine"));
    auto* stage = page.findChild<QLabel*>(QStringLiteral("stageLine"));
    QVERIFY(clock && stage);
    emit runs.started(7);
    Progress p;
    p.stage = Stage::kFit;
    p.learner = "ease";
    p.k = 5;
    p.seed = 1;
    p.overall = 0.5;
    emit runs.progress(p);
    const QString first = clock->text();
    QVERIFY2(first.startsWith(QStringLiteral("elapsed 0")), qPrintable(first));
    QTRY_VERIFY_WITH_TIMEOUT(clock->text() != first, 2500);
    QVERIFY2(!stage->text().contains(QStringLiteral("in this step")), qPrintable(stage->text()));
    QTRY_VERIFY_WITH_TIMEOUT(stage->text().contains(QStringLiteral("in this step")), 4500);
    QVERIFY2(stage->text().startsWith(QStringLiteral("Fitting ease K=5")),
             qPrintable(stage->text()));
    // The run's end stops the clock.
    emit runs.finished(7, RunStatus::kCompleted, QString());
    const QString took = clock->text();
    QTest::qWait(1200);
    QCOMPARE(clock->text(), took);
  }

  void cancelShowsTheOutcome() {
    QTemporaryDir dir;
    StudioContext context;
    const QString problem = testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    RunController runs(&context);
    TrainingPage page(&context, &runs);
    ExperimentConfig config = testing::quick_config();
    config.pretrain.max_epochs = 1000;
    config.pretrain.patience = 1000;
    QSignalSpy batches(&runs, &RunController::curvePoints);
    QSignalSpy finished(&runs, &RunController::finished);
    QVERIFY(runs.start(config));
    QVERIFY(batches.wait(60000));
    runs.cancel();
    QVERIFY(finished.wait(30000));
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QVERIFY(page.outcomeLabel()->text().contains(QStringLiteral("cancelled")));
    QVERIFY(page.progressBar()->value() < page.progressBar()->maximum());
    page.charts()->flush();
    QVERIFY(!page.charts()->pretrainChart()->seriesNames().isEmpty());
  }
};

QTEST_MAIN(TestTrainingPage)
#include "tst_training_page.moc"
