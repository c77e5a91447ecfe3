// The results page tabulates what a run produced: Table 2 means equal the ResultRecords', the
// best HR is bold, the runs list shows stored runs, and comparing two runs gives differences.
#include <QFont>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <map>

#include "tests/ui/studio_fixture.h"
#include "ui/models/report_table_model.h"
#include "ui/pages/results_page.h"
#include "ui/run_controller.h"

using namespace metacf;
using namespace metacf::ui;

namespace {

int column_of(const ReportTableModel* model, const QString& prefix) {
  for (int c = 0; c < model->columnCount(); ++c) {
    if (model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString().startsWith(prefix)) {
      return c;
    }
  }
  return -1;
}

int row_of(const ReportTableModel* model, const QString& learner) {
  for (int r = 0; r < model->rowCount(); ++r) {
    if (model->data(model->index(r, 0), Qt::DisplayRole).toString() == learner) return r;
  }
  return -1;
}

// Mean HR per learner over seeds, from the records the run delivered.
std::map<std::string, double> mean_hr(const QSignalSpy& results) {
  std::map<std::string, std::pair<double, int>> sums;
  for (const auto& args : results) {
    const auto r = args.first().value<ResultRecord>();
    sums[r.learner].first += r.hr;
    sums[r.learner].second += 1;
  }
  std::map<std::string, double> out;
  for (const auto& [name, s] : sums) out[name] = s.first / s.second;
  return out;
}

}  // namespace

class TestResultsPage : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void tablesRunsAndComparison() {
    QTemporaryDir dir;
    StudioContext context;
    const QString problem = testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    RunController runs(&context);
    ResultsPage page(&context, &runs);

    // Run A: two seeds.
    QSignalSpy results_a(&runs, &RunController::resultReady);
    QSignalSpy finished(&runs, &RunController::finished);
    QVERIFY(runs.start(testing::quick_config(), QStringLiteral("A")));
    QVERIFY(finished.wait(120000));
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCoreApplication::processEvents();
    const qint64 run_a = finished.takeFirst().at(0).toLongLong();
    const auto hr_a = mean_hr(results_a);
    QCOMPARE(hr_a.size(), std::size_t{3});

    // The page follows the live run: Table 2 has one row per learner with the records' means.
    QCOMPARE(context.currentRun(), run_a);
    const ReportTableModel* t2 = page.table2Model();
    QCOMPARE(t2->rowCount(), 3);
    const int hr_col = column_of(t2, QStringLiteral("HR@10"));
    const int delta_col = column_of(t2, QStringLiteral("ΔHR@10 vs pop"));
    QVERIFY(hr_col > 0 && delta_col > 0);
    double best = -1;
    int best_row = -1;
    for (const auto& [learner, hr] : hr_a) {
      const int row = row_of(t2, QString::fromStdString(learner));
      QVERIFY2(row >= 0, learner.c_str());
      const double shown = t2->data(t2->index(row, hr_col), Qt::UserRole).toDouble();
      QVERIFY(std::abs(shown - hr) < 1e-12);
      if (hr > best) {
        best = hr;
        best_row = row;
      }
    }
    const QVariant font = t2->data(t2->index(best_row, hr_col), Qt::FontRole);
    QVERIFY(font.isValid() && font.value<QFont>().bold());
    // Live records carry per-user values: every learner but the baseline has an interval.
    const int itemknn = row_of(t2, QStringLiteral("itemknn"));
    const QString live_interval =
        t2->data(t2->index(itemknn, delta_col), Qt::DisplayRole).toString();
    QVERIFY(live_interval.contains('['));
    // What "±" in the tables is, said above them.
    const auto* note = page.findChild<QLabel*>(QStringLiteral("runNote"));
    QVERIFY(note);
    QVERIFY2(note->text().contains(QStringLiteral("± their standard deviation across seeds")),
             qPrintable(note->text()));

    // Run B: one seed, so its means are seed 1's values.
    ExperimentConfig one_seed = testing::quick_config();
    one_seed.seeds = {1};
    QSignalSpy results_b(&runs, &RunController::resultReady);
    QVERIFY(runs.start(one_seed, QStringLiteral("B")));
    QVERIFY(finished.wait(120000));
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCoreApplication::processEvents();
    const qint64 run_b = finished.takeFirst().at(0).toLongLong();
    const auto hr_b = mean_hr(results_b);

    // Both runs are listed (newest first).
    QCOMPARE(page.runIds().size(), std::size_t{2});
    QCOMPARE(page.runIds().front(), run_b);
    QCOMPARE(page.runsModel()->rowCount(), 2);
    QCOMPARE(page.runsModel()->data(page.runsModel()->index(1, 0), Qt::UserRole).toLongLong(),
             run_a);

    page.compareRuns(run_a, run_b);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    const ReportTableModel* cmp = page.comparisonModel();
    QCOMPARE(cmp->rowCount(), 3);
    const int diff_col = column_of(cmp, QStringLiteral("Δ HR@10"));
    QVERIFY(diff_col > 0);
    for (const auto& [learner, hr] : hr_a) {
      const int row = row_of(cmp, QString::fromStdString(learner));
      const double diff = cmp->data(cmp->index(row, diff_col), Qt::UserRole).toDouble();
      QVERIFY(std::abs(diff - (hr_b.at(learner) - hr)) < 1e-12);
    }

    // A page that did not see the run reads it from the store: same means, and the same paired
    // interval from the per-user values stored with the results.
    ResultsPage fresh(&context, &runs);
    fresh.openRun(run_a);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    const ReportTableModel* s2 = fresh.table2Model();
    QCOMPARE(s2->rowCount(), 3);
    for (const auto& [learner, hr] : hr_a) {
      const int row = row_of(s2, QString::fromStdString(learner));
      QVERIFY(std::abs(s2->data(s2->index(row, hr_col), Qt::UserRole).toDouble() - hr) < 1e-12);
    }
    QCOMPARE(s2->data(s2->index(row_of(s2, QStringLiteral("itemknn")), delta_col), Qt::DisplayRole)
                 .toString(),
             live_interval);
  }
};

QTEST_MAIN(TestResultsPage)
#include "tst_results_page.moc"
