// The Results page of a sampled run says, with Table 2, for how many users every unrated item
// was ranked; its per-user export names each user by the data set's own id with the row's
// seed, the same for the run going on and for the run read back from the store.
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <map>

#include "core/experiment/experiment_runner.h"
#include "core/split/split.h"
#include "tests/csv_reader.h"
#include "tests/ui/studio_fixture.h"
#include "ui/models/report_table_model.h"
#include "ui/pages/results_page.h"
#include "ui/run_controller.h"

using namespace metacf;
using namespace metacf::ui;

namespace {

QString captionWith(const QWidget& page, const QString& text) {
  for (const QLabel* label : page.findChildren<QLabel*>()) {
    if (label->text().contains(text)) return label->text();
  }
  return {};
}

QByteArray readFile(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestResultsExport : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void sampledRunSaysWhoWasRankedWhollyAndExportsUserIds() {
    QTemporaryDir dir;
    StudioContext context;
    const QString problem = metacf::ui::testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    RunController runs(&context);
    ResultsPage page(&context, &runs);

    // The sample's users have about 1,440 unrated items each: 5,000 candidates rank them all.
    ExperimentConfig config = metacf::ui::testing::quick_config();
    config.learners = {"pop", "itemknn"};
    config.protocol = Protocol::kSampled;
    config.sampled_candidates = 5000;
    QSignalSpy results(&runs, &RunController::resultReady);
    QSignalSpy finished(&runs, &RunController::finished);
    QVERIFY(runs.start(config, QStringLiteral("sampled")));
    QVERIFY(finished.wait(120000));
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCoreApplication::processEvents();
    const qint64 run = finished.takeFirst().at(0).toLongLong();
    QCOMPARE(results.size(), 4);  // 2 learners x 2 seeds
    std::int64_t users = 0;
    for (const auto& args : results) {
      const auto r = args.first().value<ResultRecord>();
      QCOMPARE(r.all_candidates_users, r.users);
      if (r.learner == "pop") users += r.users;
    }

    const QString count = QStringLiteral("%1 of %1").arg(users);
    const ReportTableModel* t2 = page.table2Model();
    int column = -1;
    for (int c = 0; c < t2->columnCount(); ++c) {
      if (t2->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString() == "all ranked") column = c;
    }
    QVERIFY(column > 0);
    QCOMPARE(t2->data(t2->index(0, column), Qt::DisplayRole).toString(), count);
    QVERIFY(!captionWith(page, QStringLiteral("every unrated item was ranked")).isEmpty());

    // Per-user values: the data set's ids of each seed's meta-test users, in task order.
    const QString live = dir.filePath(QStringLiteral("live.csv"));
    QCOMPARE(page.exportRunTable(QStringLiteral("per-user"), live), QString());
    const auto rows = metacf::testing::read_csv(readFile(live).toStdString());
    QVERIFY(rows.size() > 1);
    QCOMPARE(rows[0][3], std::string("seed"));
    QCOMPARE(rows[0][4], std::string("user_id"));
    std::map<std::string, std::vector<std::string>> ids;  // "learner/seed" -> ids in order
    for (std::size_t r = 1; r < rows.size(); ++r) {
      ids[rows[r][0] + "/" + rows[r][3]].push_back(rows[r][4]);
    }
    const Dataset& data = *context.dataset();
    for (const std::uint64_t seed : config.seeds) {
      SplitConfig split = config.split;
      split.seed = seed;
      std::vector<std::string> expected;
      for (const Task& t : make_split(data, split).meta_test) {
        expected.push_back(data.user_ids[static_cast<std::size_t>(t.user)]);
      }
      QCOMPARE(ids["pop/" + std::to_string(seed)], expected);
      QCOMPARE(ids["itemknn/" + std::to_string(seed)], expected);
    }

    // Read back from the store: the same count and the same file.
    ResultsPage fresh(&context, &runs);
    fresh.openRun(run);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    const ReportTableModel* s2 = fresh.table2Model();
    QCOMPARE(s2->data(s2->index(0, column), Qt::DisplayRole).toString(), count);
    const QString stored = dir.filePath(QStringLiteral("stored.csv"));
    QCOMPARE(fresh.exportRunTable(QStringLiteral("per-user"), stored), QString());
    QCOMPARE(readFile(stored), readFile(live));
  }
};

QTEST_MAIN(TestResultsExport)
#include "tst_results_export.moc"
