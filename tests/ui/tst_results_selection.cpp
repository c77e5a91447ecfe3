// Selecting a run in the Results list opens it, and the Training page then shows that run's own
// log: the live log of a run started in this window, or, for a run from before, what the store
// holds for it, said as such; never the log of another run.
#include <QItemSelectionModel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "tests/ui/studio_fixture.h"
#include "ui/models/report_table_model.h"
#include "ui/pages/results_page.h"
#include "ui/pages/training_page.h"
#include "ui/run_controller.h"

using namespace metacf;
using namespace metacf::ui;

namespace {

qint64 runOnce(RunController& runs, const ExperimentConfig& config, const QString& label) {
  QSignalSpy finished(&runs, &RunController::finished);
  if (!runs.start(config, label) || !finished.wait(120000)) return 0;
  if (!metacf::ui::testing::settle_store_reads()) return 0;
  QCoreApplication::processEvents();
  return finished.first().at(0).toLongLong();
}

void selectRun(ResultsPage& page, qint64 run_id) {
  auto* view = page.findChild<QTableView*>(QStringLiteral("runsView"));
  QVERIFY(view);
  const auto& ids = page.runIds();
  const auto row = std::find(ids.begin(), ids.end(), run_id) - ids.begin();
  QVERIFY(row < static_cast<std::ptrdiff_t>(ids.size()));
  view->selectionModel()->select(view->model()->index(static_cast<int>(row), 0),
                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

}  // namespace

class TestResultsSelection : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void selectingARowOpensItsRunWithItsOwnLog() {
    QTemporaryDir dir;
    StudioContext context;
    const QString problem = testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    RunController runs(&context);
    ResultsPage results(&context, &runs);
    TrainingPage training(&context, &runs);

    ExperimentConfig one_learner = testing::quick_config();
    one_learner.learners = {"pop"};
    one_learner.seeds = {1};
    const qint64 run_a = runOnce(runs, testing::quick_config(), QStringLiteral("A"));
    const qint64 run_b = runOnce(runs, one_learner, QStringLiteral("B"));
    QVERIFY(run_a > 0 && run_b > run_a);
    QCOMPARE(context.currentRun(), run_b);

    // Selecting A opens it: the context and Table 2 follow (A has three learners, B one).
    selectRun(results, run_a);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCOMPARE(context.currentRun(), run_a);
    QCOMPARE(results.table2Model()->rowCount(), 3);
    const QString log_a = training.log()->toPlainText();
    QVERIFY2(log_a.contains(QStringLiteral("Run #%1 started").arg(run_a)), qPrintable(log_a));
    QVERIFY2(log_a.contains(QStringLiteral("itemknn_q")), qPrintable(log_a));
    QVERIFY2(!log_a.contains(QStringLiteral("#%1").arg(run_b)), qPrintable(log_a));

    selectRun(results, run_b);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCOMPARE(context.currentRun(), run_b);
    QCOMPARE(results.table2Model()->rowCount(), 1);
    const QString log_b = training.log()->toPlainText();
    QVERIFY2(log_b.contains(QStringLiteral("Run #%1 started").arg(run_b)), qPrintable(log_b));
    QVERIFY2(!log_b.contains(QStringLiteral("itemknn")), qPrintable(log_b));

    // Two rows selected open neither (they are for Compare).
    auto* view = results.findChild<QTableView*>(QStringLiteral("runsView"));
    view->selectAll();
    QCOMPARE(context.currentRun(), run_b);

    // A window opened later has no live log of A: it says so and lists A's stored results.
    StudioContext later;
    QVERIFY(metacf::ui::testing::use_store(later, context.storePath()).isEmpty());
    RunController later_runs(&later);
    TrainingPage later_training(&later, &later_runs);
    later.setCurrentRun(run_a);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    const QString stored = later_training.log()->toPlainText();
    QVERIFY2(stored.contains(QStringLiteral("Run #%1 ran before this window opened").arg(run_a)),
             qPrintable(stored));
    QVERIFY2(stored.contains(QStringLiteral("itemknn_q K=5")), qPrintable(stored));
    QVERIFY2(!stored.contains(QStringLiteral("#%1").arg(run_b)), qPrintable(stored));
  }
};

QTEST_MAIN(TestResultsSelection)
#include "tst_results_selection.moc"
