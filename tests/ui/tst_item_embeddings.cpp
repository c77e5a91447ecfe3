// The Data page's item embeddings: a CSV or a Spark ALS item-factors folder chosen in the
// studio is read off the UI thread, matched to the data set's items by id, and carried to the
// run as `metacf run --item-embeddings` carries it (recorded in the run's configuration, stored
// as the run's Q, no pretraining); a file that does not fit is shown naming file, line and
// reason, and runs pretrain.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

#include "core/experiment/experiment_config_file.h"
#include "tests/ui/studio_fixture.h"
#include "ui/forms/item_embeddings_picker.h"
#include "ui/pages/data_page.h"
#include "ui/run_controller.h"

using namespace metacf;
using namespace metacf::ui;

namespace {

constexpr int kDims = 4;

// A value that differs by item and dimension, so a row matched to the wrong item shows.
float value(int item, int d) { return static_cast<float>(std::sin(1.7 * item + 0.3 * d)); }

bool writeText(const QString& path, const QByteArray& text) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

// item_id,v1..v4 for every item of `data`, last item first (rows are matched by id, not order).
QByteArray embeddingsCsv(const Dataset& data) {
  QByteArray text = "item_id,v1,v2,v3,v4\n";
  for (int v = data.num_items() - 1; v >= 0; --v) {
    text += QByteArray::fromStdString(data.item_ids[static_cast<std::size_t>(v)]);
    for (int d = 0; d < kDims; ++d) text += "," + QByteArray::number(value(v, d), 'g', 9);
    text += "\n";
  }
  return text;
}

}  // namespace

class TestItemEmbeddings : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void aChosenCsvIsUsedByTheRunInsteadOfPretraining() {
    QTemporaryDir dir;
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    const QString problem = testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const auto data = context.dataset();
    ItemEmbeddingsPicker* picker = page.itemEmbeddingsPicker();
    QVERIFY(picker);
    QVERIFY(!context.itemEmbeddings());

    const QString csv = QDir(dir.path()).filePath(QStringLiteral("q.csv"));
    QVERIFY(writeText(csv, embeddingsCsv(*data)));
    QSignalSpy finished(picker, &ItemEmbeddingsPicker::loadFinished);
    picker->choose(csv);
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    const auto& chosen = context.itemEmbeddings();
    QVERIFY(chosen);
    QCOMPARE(chosen->matrix->rows(), static_cast<Eigen::Index>(data->num_items()));
    QCOMPARE(chosen->matrix->cols(), static_cast<Eigen::Index>(kDims));
    for (int v : {0, 7, data->num_items() - 1}) {
      for (int d = 0; d < kDims; ++d) QCOMPARE((*chosen->matrix)(v, d), value(v, d));
    }
    QVERIFY(picker->errorText().isEmpty());
    // The command line the Experiment page copies names the file as the run records it.
    ExperimentConfig config = testing::quick_config();
    config.seeds = {1};
    const std::string command = run_command_line(context.runSource(), config, "c.json");
    QVERIFY2(command.find("--item-embeddings " + csv.toStdString()) != std::string::npos,
             command.c_str());

    RunController runs(&context);
    QSignalSpy done(&runs, &RunController::finished);
    QVERIFY(runs.start(config));
    QVERIFY(done.wait(120000));
    QCOMPARE(done.first().at(1).value<RunStatus>(), RunStatus::kCompleted);
    const qint64 run_id = done.first().at(0).toLongLong();
    auto store = metacf::ui::testing::open_store(context);
    const RunRecord run = store.run(run_id);
    QCOMPARE(QString::fromStdString(run.config["data"]["item_embeddings"].get<std::string>()), csv);
    for (const CurvePoint& p : store.curves(run_id)) QVERIFY(p.stage != Stage::kPretrain);
    const auto q = store.load_parameters(run_id, kItemEmbeddingsKey, 1);
    QCOMPARE(q.size(), std::size_t{1});
    QCOMPARE(q[0].rows, static_cast<std::int64_t>(data->num_items()));
    QCOMPARE(q[0].cols, static_cast<std::int64_t>(kDims));
    QCOMPARE(q[0].values[static_cast<std::size_t>(7 * kDims + 2)], value(7, 2));

    // "Pretrain" forgets them: the next run pretrains.
    picker->clear();
    QVERIFY(!context.itemEmbeddings());
    QVERIFY(!context.runSource().load.contains("item_embeddings"));
  }

  void aSparkFolderIsReadAndABadFileIsNamedWithItsLine() {
    QTemporaryDir dir;
    StudioContext context;
    DataPage page(&context);
    page.setInteractive(false);
    const QString problem = testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const auto data = context.dataset();
    ItemEmbeddingsPicker* picker = page.itemEmbeddingsPicker();
    QSignalSpy finished(picker, &ItemEmbeddingsPicker::loadFinished);

    // Spark's itemFactors.write.json(dir): part files of {"id", "features"} lines.
    QDir folder(dir.path());
    QVERIFY(folder.mkdir(QStringLiteral("factors")));
    folder.cd(QStringLiteral("factors"));
    QByteArray part;
    for (int v = 0; v < data->num_items(); ++v) {
      part += "{\"id\":" + QByteArray::fromStdString(data->item_ids[static_cast<std::size_t>(v)]) +
              ",\"features\":[";
      for (int d = 0; d < kDims; ++d) {
        part += (d ? "," : "") + QByteArray::number(value(v, d), 'g', 9);
      }
      part += "]}\n";
    }
    QVERIFY(writeText(folder.filePath(QStringLiteral("part-00000.json")), part));
    QVERIFY(writeText(folder.filePath(QStringLiteral("_SUCCESS")), ""));
    picker->choose(folder.path());
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(context.itemEmbeddings());
    QCOMPARE((*context.itemEmbeddings()->matrix)(3, 1), value(3, 1));

    // Line 3 holds a word where a number should be: the page says which file, line and why,
    // and the embeddings read before are no longer used.
    const QString bad = QDir(dir.path()).filePath(QStringLiteral("bad_q.csv"));
    QByteArray text = embeddingsCsv(*data);
    const int third = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
    text.insert(text.indexOf(',', third) + 1, "oops");
    QVERIFY(writeText(bad, text));
    finished.clear();
    picker->choose(bad);
    QVERIFY(finished.wait(30000));
    QVERIFY(!finished.first().at(0).toBool());
    const QString error = picker->errorText();
    QVERIFY2(error.contains(QStringLiteral("bad_q.csv")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("line 3")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("not a number")), qPrintable(error));
    QVERIFY(!context.itemEmbeddings());
    auto* shown = page.findChild<QLabel*>(QStringLiteral("itemEmbeddingsError"));
    QVERIFY(shown && !shown->isHidden());
    QCOMPARE(shown->text(), error);
  }
};

QTEST_MAIN(TestItemEmbeddings)
#include "tst_item_embeddings.moc"
