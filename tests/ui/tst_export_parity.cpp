// Every table the Results page exports is the file `metacf export` writes: two runs made in the
// studio, each table panel's Export code (what its button runs once a file is chosen) and the
// page's run exports against the command line on the same store, byte for byte, in every
// format. Table 2 holds every K whichever K is on screen, and the baseline chosen in the page is
// the command line's --reference.
#include <QComboBox>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include "tests/ui/studio_fixture.h"
#include "ui/export/table_panel.h"
#include "ui/pages/results_page.h"
#include "ui/run_controller.h"

using namespace metacf;
using namespace metacf::ui;

namespace {

const QStringList kFormats = {QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("md"),
                              QStringLiteral("tex")};

QByteArray readFile(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// `metacf export ARGS --db STORE -o PATH`; empty on success, else what it said.
QString cliExport(const QStringList& args, const QString& store, const QString& path) {
  QProcess cli;
  cli.start(QStringLiteral(METACF_CLI_PATH), QStringList{QStringLiteral("export")}
                                                 << args << QStringLiteral("--db") << store
                                                 << QStringLiteral("-o") << path);
  if (!cli.waitForFinished(60000)) return QStringLiteral("metacf export did not finish");
  if (cli.exitStatus() != QProcess::NormalExit || cli.exitCode() != 0) {
    return QString::fromUtf8(cli.readAllStandardError());
  }
  return {};
}

QComboBox* comboWith(const QWidget& page, const QString& item) {
  for (QComboBox* box : page.findChildren<QComboBox*>()) {
    if (box->findText(item) >= 0) return box;
  }
  return nullptr;
}

// Chooses `item` as a user would: the page acts on the combo's activated signal.
void choose(QComboBox* box, const QString& item) {
  box->setCurrentIndex(box->findText(item));
  emit box->activated(box->currentIndex());
}

}  // namespace

class TestExportParity : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void everyTableIsTheCommandLinesFile() {
    QTemporaryDir dir;
    StudioContext context;
    const QString problem = metacf::ui::testing::load_sample(context, dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    RunController runs(&context);
    ResultsPage page(&context, &runs);

    ExperimentConfig config = metacf::ui::testing::quick_config();
    config.ks = {1, 5};
    config.support_sizes = {2, 5};
    QSignalSpy finished(&runs, &RunController::finished);
    QVERIFY(runs.start(config, QStringLiteral("A")));
    QVERIFY(finished.wait(180000));
    QVERIFY(metacf::ui::testing::settle_store_reads());
    config.learners = {"pop", "itemknn"};
    config.support_sizes = {};
    QVERIFY(runs.start(config, QStringLiteral("B")));
    QVERIFY(finished.wait(180000));
    QVERIFY(metacf::ui::testing::settle_store_reads());
    QCoreApplication::processEvents();
    QCOMPARE(finished.size(), 2);
    const qint64 run_a = finished.at(0).at(0).toLongLong();
    const qint64 run_b = finished.at(1).at(0).toLongLong();
    const QString store = context.storePath();
    const QString a = QString::number(run_a);

    page.openRun(run_a);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    const auto same = [&](const QString& name, const QString& studio_error,
                          const QStringList& cli_args) {
      const QString studio = dir.filePath(QStringLiteral("studio_") + name);
      const QString cli = dir.filePath(QStringLiteral("cli_") + name);
      QVERIFY2(studio_error.isEmpty(), qPrintable(name + ": " + studio_error));
      const QString cli_error = cliExport(cli_args, store, cli);
      QVERIFY2(cli_error.isEmpty(), qPrintable(name + ": " + cli_error));
      QVERIFY2(!readFile(studio).isEmpty(), qPrintable(name));
      QVERIFY2(readFile(studio) == readFile(cli), qPrintable(name + " differs"));
    };
    const std::pair<const char*, const char*> panels[] = {{"table2Panel", "table2"},
                                                          {"table3Panel", "table3"},
                                                          {"table3IntervalsPanel", "table3"},
                                                          {"fig2Panel", "fig2"},
                                                          {"fig2IntervalsPanel", "fig2"}};
    for (const auto& [object, what] : panels) {
      auto* panel = page.findChild<TablePanel*>(QString::fromUtf8(object));
      QVERIFY2(panel, object);
      for (const QString& format : kFormats) {
        const QString name = QString::fromUtf8(object) + QLatin1Char('.') + format;
        same(name, panel->exportTo(dir.filePath(QStringLiteral("studio_") + name)),
             {a, QStringLiteral("--what"), QString::fromUtf8(what), QStringLiteral("--format"),
              format});
      }
    }
    for (const QString what : {"per-user", "curves", "results"}) {
      for (const QString& format : kFormats) {
        const QString name = what + QLatin1Char('.') + format;
        same(name, page.exportRunTable(what, dir.filePath(QStringLiteral("studio_") + name)),
             {a, QStringLiteral("--what"), what, QStringLiteral("--format"), format});
      }
    }

    // Table 2 is written at every K, not only the K on screen.
    auto* table2 = page.findChild<TablePanel*>(QStringLiteral("table2Panel"));
    QComboBox* k_box = comboWith(page, QStringLiteral("5"));
    QVERIFY(k_box && k_box->findText(QStringLiteral("1")) >= 0);
    choose(k_box, QStringLiteral("1"));
    same(QStringLiteral("table2_k1.csv"),
         table2->exportTo(dir.filePath(QStringLiteral("studio_table2_k1.csv"))),
         {a, QStringLiteral("--what"), QStringLiteral("table2")});
    QCOMPARE(readFile(dir.filePath(QStringLiteral("studio_table2_k1.csv"))),
             readFile(dir.filePath(QStringLiteral("studio_table2Panel.csv"))));

    // The baseline chosen on the page is the command line's --reference.
    choose(comboWith(page, QStringLiteral("itemknn_q")), QStringLiteral("itemknn"));
    for (const QString& format : kFormats) {
      const QString name = QStringLiteral("table3_vs_itemknn.") + format;
      same(name,
           page.findChild<TablePanel*>(QStringLiteral("table3IntervalsPanel"))
               ->exportTo(dir.filePath(QStringLiteral("studio_") + name)),
           {a, QStringLiteral("--what"), QStringLiteral("table3"), QStringLiteral("--reference"),
            QStringLiteral("itemknn"), QStringLiteral("--format"), format});
      QVERIFY(readFile(dir.filePath(QStringLiteral("studio_") + name)) !=
              readFile(dir.filePath(QStringLiteral("studio_table3Panel.") + format)));
    }

    // Compare runs: run B against run A.
    page.compareRuns(run_a, run_b);
    QVERIFY(metacf::ui::testing::settle_store_reads());
    auto* comparison = page.findChild<TablePanel*>(QStringLiteral("comparisonPanel"));
    QVERIFY(comparison);
    for (const QString& format : kFormats) {
      const QString name = QStringLiteral("compare.") + format;
      same(name, comparison->exportTo(dir.filePath(QStringLiteral("studio_") + name)),
           {a, QStringLiteral("--compare"), QString::number(run_b), QStringLiteral("--format"),
            format});
    }
  }
};

QTEST_MAIN(TestExportParity)
#include "tst_export_parity.moc"
