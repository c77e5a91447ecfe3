// The simulator's ways out on a small run trained here: the embedding plot exported as SVG
// names every series it draws in full (no legend entry cut short), and "export every step"
// replays the whole history on a worker, with progress and cancel, writing every click's
// lists at every step while the UI thread goes on serving events.
#include <QFile>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXYSeries>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/data/dataset_loader.h"
#include "core/data/dataset_stats.h"
#include "core/data/titles_loader.h"
#include "core/experiment/run_request.h"
#include "core/simulate/click_history_table.h"
#include "tests/ui/studio_fixture.h"
#include "ui/charts/chart_legend.h"
#include "ui/export/chart_export.h"
#include "ui/pages/simulator_page.h"
#include "ui/simulator/embedding_chart.h"
#include "ui/simulator/view_export.h"
#include "ui/studio_context.h"

using namespace metacf;
using metacf::ui::SimulatorPage;
using metacf::ui::StudioContext;

namespace {

constexpr int kSteps = 2;

QString readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// SVG writes text with XML escapes.
QString svgEscaped(const QString& text) { return text.toHtmlEscaped(); }

}  // namespace

class TestSimulatorExport : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MetaCF"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_simulator_export"));
    QSettings().clear();
    QVERIFY(dir_.isValid());
    const QString store_path = dir_.filePath(QStringLiteral("experiments.sqlite"));
    const std::string ratings = METACF_SAMPLE_DIR "/ratings.csv";
    const std::string titles = METACF_SAMPLE_DIR "/items.csv";
    Dataset data = load_dataset(ratings);
    (void)load_titles(data, titles);
    num_items_ = data.num_items();

    ExperimentConfig config;
    config.learners = {"bpr", "metacf_p_linear"};
    config.ks = {kSteps};
    config.seeds = {1};
    config.pretrain.max_epochs = 5;
    config.learner_configs = {{"metacf_p_linear", {{"meta_epochs", 5}}}};
    config.validate_every = 5;
    config.baseline = "bpr";
    auto store = ExperimentStore::open(store_path.toStdString());
    JobControl job;
    const DataSource source{ratings, data.format, titles, compute_stats(data)};
    const StoredRun run =
        RunRequest{source, config, {}}.execute(store, ExperimentInputs{data}, job);
    QCOMPARE(static_cast<int>(run.status), static_cast<int>(RunStatus::kCompleted));

    context_ = new StudioContext(this);
    QCOMPARE(metacf::ui::testing::use_store(*context_, store_path), QString());
    context_->setCurrentRun(run.run_id);
  }

  // Both learners' paths drawn on a small window: every series with points is named whole in
  // the exported SVG, and the legend on screen holds the same full names.
  void theEmbeddingPlotsLegendNamesEverySeriesInFull() {
    SimulatorPage page(context_, nullptr);
    page.resize(1024, 700);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    QVERIFY(page.selectLearner(0, QStringLiteral("metacf_p_linear")));
    QVERIFY(page.selectLearner(1, QStringLiteral("bpr")));
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    page.setClicks({4, 9, 21});
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady() && page.currentUpdate(0), 20000);
    ui::EmbeddingChart* chart = page.embeddingChart();
    QCOMPARE(chart->trajectoryPoints(), kSteps + 1);
    QCOMPARE(chart->secondTrajectoryPoints(), kSteps + 1);
    QVERIFY(!chart->chart()->legend()->isVisible());  // Qt's own legend elides: not shown

    QStringList names;
    for (QAbstractSeries* s : chart->chart()->series()) {
      auto* xy = qobject_cast<QXYSeries*>(s);
      if (xy && xy->count() > 0) names << xy->name();
    }
    QVERIFY(names.size() >= 7);  // items, top-N, clicked, two paths, two current points
    // The path's name says how much it was drawn scaled.
    QCOMPARE(names.filter(QStringLiteral("metacf_p_linear p0 → p%1 (× ").arg(kSteps)).size(), 1);
    QStringList legend;
    for (const ui::LegendEntry& e : chart->legend()->entries()) legend << e.name;
    for (const QString& name : names) QVERIFY2(legend.contains(name), qPrintable(name));

    // On screen the legend lies inside the view (a column of long names once pushed the chart
    // wider than its view, and the legend out of sight).
    QCOMPARE(chart->chart()->size().toSize(), chart->size());
    QVERIFY(QRectF(QPointF(0, 0), chart->size()).contains(chart->legend()->sceneBoundingRect()));
    const QString svg_path = dir_.filePath(QStringLiteral("embedding.svg"));
    QCOMPARE(ui::exportChart(chart, svg_path, ui::ImageFormat::kSvg, {QSize(800, 500), 96}),
             QString());
    const QString svg = readAll(svg_path);
    for (const QString& name : names) {
      QVERIFY2(svg.contains(QStringLiteral(">%1<").arg(svgEscaped(name))), qPrintable(name));
    }
    QVERIFY(!svg.contains(QStringLiteral("…")));  // nothing elided anywhere in the plot
    // As it looks on screen ("Save view…"), the same.
    const QString view_path = dir_.filePath(QStringLiteral("embedding_view.svg"));
    QCOMPARE(ui::saveWidgetView(chart, view_path), QString());
    const QString view = readAll(view_path);
    for (const QString& name : names) {
      QVERIFY2(view.contains(QStringLiteral(">%1<").arg(svgEscaped(name))), qPrintable(name));
    }
  }

  // A long history (many clicks, the longest lists) exported as JSON: every click of each
  // learner at every step with its full list, as the engine replays it, while a timer on the
  // UI thread keeps firing.
  void everyStepIsExportedOnAWorker() {
    SimulatorPage page(context_, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    QVERIFY(page.selectLearner(0, QStringLiteral("metacf_p_linear")));
    QVERIFY(page.selectLearner(1, QStringLiteral("bpr")));
    page.setTopN(100);
    std::vector<std::int32_t> clicks;
    for (std::int32_t item = 0; item < std::min(num_items_, 120); ++item) clicks.push_back(item);
    page.setClicks(clicks);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady() && page.currentUpdate(0), 60000);

    const QString path = dir_.filePath(QStringLiteral("every_step.json"));
    QSignalSpy ended(&page, &SimulatorPage::everyStepExported);
    int ticks_during_export = 0;
    QTimer ticker;
    ticker.setInterval(1);
    connect(&ticker, &QTimer::timeout, this, [&] { ticks_during_export += page.exporting(); });
    ticker.start();
    QVERIFY(page.exportEveryStep(path));
    QVERIFY(page.exporting());
    QVERIFY(page.exportProgressBar()->isVisibleTo(&page));
    QVERIFY(!page.exportEveryStep(dir_.filePath(QStringLiteral("second.json"))));  // one at a time
    QVERIFY(ended.wait(120000));
    ticker.stop();
    QCOMPARE(ended.first().at(1).toString(), QString());
    QVERIFY2(ticks_during_export > 0, "the UI thread served no timer during the export");
    QVERIFY(!page.exportProgressBar()->isVisibleTo(&page));

    const auto rows = nlohmann::json::parse(readAll(path).toStdString());
    const Table expected = click_history_table(page.session());
    QCOMPARE(rows.size(), expected.rows.size());
    QCOMPARE(static_cast<int>(rows.size()),
             2 * static_cast<int>(clicks.size()) * (kSteps + 1) * page.topN());
    // (learner, click, step) -> list length, and each row's clicked item is that click's.
    std::map<std::tuple<std::string, int, int>, int> lists;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto& row = rows[r];
      const int click = row["click"].get<int>();
      QVERIFY(click >= 1 && click <= static_cast<int>(clicks.size()));
      QCOMPARE(QString::fromStdString(row["clicked_item"].get<std::string>()),
               QString::fromStdString(
                   page.session().item_id(clicks[static_cast<std::size_t>(click - 1)])));
      ++lists[{row["learner"].get<std::string>(), click, row["step"].get<int>()}];
      // The same lists as the engine's replay (timings aside).
      const auto& want = expected.rows[r];
      QCOMPARE(QString::fromStdString(row["item"].get<std::string>()),
               QString::fromStdString(want[5].text));
      QCOMPARE(row["rank"].get<double>(), *want[4].number);
    }
    QCOMPARE(static_cast<int>(lists.size()), 2 * static_cast<int>(clicks.size()) * (kSteps + 1));
    for (const auto& [key, length] : lists) QCOMPARE(length, page.topN());
  }

  void aCancelledExportLeavesTheFileAsItWas() {
    SimulatorPage page(context_, nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    page.setTopN(100);
    std::vector<std::int32_t> clicks;
    for (std::int32_t item = 0; item < std::min(num_items_, 120); ++item) clicks.push_back(item);
    page.setClicks(clicks);
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady() && page.currentUpdate(0), 60000);
    const QString path = dir_.filePath(QStringLiteral("kept.csv"));
    {
      QFile before(path);
      QVERIFY(before.open(QIODevice::WriteOnly));
      before.write("what was there\n");
    }
    QSignalSpy ended(&page, &SimulatorPage::everyStepExported);
    QVERIFY(page.exportEveryStep(path));
    page.cancelExport();
    QVERIFY(ended.wait(60000));
    QCOMPARE(ended.first().at(1).toString(), QStringLiteral("cancelled"));
    QCOMPARE(readAll(path), QStringLiteral("what was there\n"));
    QVERIFY(!page.exporting());
  }

 private:
  QTemporaryDir dir_;
  int num_items_ = 0;
  StudioContext* context_ = nullptr;
};

QTEST_MAIN(TestSimulatorExport)
#include "tst_simulator_export.moc"
