// Output that goes into reports: exported charts keep every learner's full name as text (SVG
// and PDF), the embedding plot's axes hold every point it draws, the export dialog keeps the
// suffix with the format, and the headless `metacf-studio --report` writes an HTML page and a
// PDF from a stored run without a display.
#include <QChart>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "core/simulate/projection.h"
#include "ui/charts/curve_chart.h"
#include "ui/charts/learner_palette.h"
#include "ui/export/chart_export.h"
#include "ui/export/export_dialogs.h"
#include "ui/simulator/embedding_chart.h"

using namespace metacf;
using namespace metacf::ui;

namespace {

const QStringList kLearners = {QStringLiteral("pop"),
                               QStringLiteral("itemknn"),
                               QStringLiteral("itemknn_q"),
                               QStringLiteral("bpr"),
                               QStringLiteral("melu"),
                               QStringLiteral("metacf_g"),
                               QStringLiteral("metacf_p_linear"),
                               QStringLiteral("metacf_p_neural")};

// The validation chart of a K sweep: every learner at two K, HR and NDCG each.
QStringList fillValidation(CurveChart& chart) {
  QStringList names;
  for (const QString& learner : kLearners) {
    for (int k : {1, 5}) {
      for (const char* metric : {"HR@10", "NDCG@10"}) {
        const bool hr = QLatin1String(metric) == QLatin1String("HR@10");
        const QString name = QStringLiteral("%1 K=%2 %3").arg(learner).arg(k).arg(metric);
        chart.ensureSeries(
            name,
            {CurveChart::Axis::kLeft, metricPenStyle(hr ? MetricStyle::kHr : MetricStyle::kNdcg),
             learnerColor(learner), true, hr ? PointMarker::kCircle : PointMarker::kTriangle});
        for (int epoch = 1; epoch <= 5; ++epoch) {
          chart.addPoint(name, epoch, 0.1 * k + 0.01 * epoch + (hr ? 0.05 : 0));
        }
        names << name;
      }
    }
  }
  chart.flush();
  return names;
}

QString pdfText(const QString& pdf) {
  QProcess p;
  p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
  if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
  return QString::fromUtf8(p.readAllStandardOutput());
}

}  // namespace

class TestReport : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
  }

  void exportedSvgAndPdfHoldEveryFullName() {
    CurveChart chart(QStringLiteral("Validation"), QStringLiteral("meta-epoch"),
                     QStringLiteral("HR / NDCG"));
    chart.resize(700, 420);  // small on screen: the export must still hold every name
    const QStringList names = fillValidation(chart);
    const QString svg_path = dir_.filePath(QStringLiteral("validation.svg"));
    const QString pdf_path = dir_.filePath(QStringLiteral("validation.pdf"));
    QCOMPARE(exportChart(&chart, svg_path, ImageFormat::kSvg, {QSize(1600, 1000), 96}), QString());
    QCOMPARE(exportChart(&chart, pdf_path, ImageFormat::kPdf, {QSize(1600, 1000), 96}), QString());
    QFile svg(svg_path);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QString svg_text = QString::fromUtf8(svg.readAll());
    for (const QString& name : names) {
      QVERIFY2(svg_text.contains(QStringLiteral(">%1<").arg(name)), qPrintable(name));
    }
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
      QSKIP("pdftotext (poppler-utils, scripts/install-deps.sh) is not installed");
    }
    const QString text = pdfText(pdf_path);
    for (const QString& name : names) QVERIFY2(text.contains(name), qPrintable(name));
  }

  void legendShowsEachMetricsStyle() {
    CurveChart chart(QStringLiteral("V"), QStringLiteral("x"), QStringLiteral("y"));
    fillValidation(chart);
    const auto& entries = chart.legend()->entries();
    QCOMPARE(entries.size(), kLearners.size() * 4);
    for (const LegendEntry& e : entries) {
      const bool hr = e.name.endsWith(QLatin1String("HR@10"));
      QCOMPARE(e.pen.style(), hr ? Qt::SolidLine : Qt::DashLine);
      QCOMPARE(e.marker, hr ? PointMarker::kCircle : PointMarker::kTriangle);
      // One colour per learner, whatever K or metric.
      QCOMPARE(e.pen.color(), learnerColor(e.name.section(QLatin1Char(' '), 0, 0)));
    }
    QVERIFY(learnerColor(QStringLiteral("metacf_g")) != learnerColor(QStringLiteral("pop")));
    QCOMPARE(learnerColor(QStringLiteral("some_new_learner")),
             learnerColor(QStringLiteral("some_new_learner K=3")));
  }

  void embeddingAxesHoldEveryPoint() {
    // A cloud far from the origin with a few items much further out, and clicks on them: the
    // old symmetric box around 0 cut these off.
    auto projection = std::make_shared<Projection2D>();
    projection->basis = Eigen::MatrixXf::Identity(3, 2);
    projection->points.resize(300, 2);
    for (int i = 0; i < 300; ++i) {
      projection->points(i, 0) = 5.0f + 0.01f * static_cast<float>(i % 17);
      projection->points(i, 1) = -3.0f + 0.02f * static_cast<float>(i % 11);
    }
    projection->points(7, 0) = 40;
    projection->points(8, 1) = -25;
    projection->variance = {2, 1};
    projection->total_variance = 4;
    EmbeddingChart chart;
    chart.resize(600, 400);
    chart.setTitleLookup([](std::int32_t item) { return QStringLiteral("Title %1").arg(item); });
    chart.setProjection(projection, 3);
    StepList s0, s1;
    s0.params = Eigen::VectorXf::Constant(3, 0.5f);
    s1.params = Eigen::VectorXf::Constant(3, -2.0f);
    s0.items = {{7, 1.0f, 1, std::nullopt, std::nullopt}, {8, 0.9f, 2, std::nullopt, std::nullopt}};
    s1.items = {{8, 1.0f, 1, 2, std::nullopt}};
    chart.showState({7, 8}, {1, 2}, {s0, s1}, 1, QStringLiteral("metacf_g"));
    chart.showSecondPath({s1, s0}, 0, QStringLiteral("metacf_p_linear"));
    QCOMPARE(chart.trajectoryPoints(), 2);
    QCOMPARE(chart.secondTrajectoryPoints(), 2);
    const QRectF range = chart.axisRange();
    const auto points = chart.drawnPoints();
    QVERIFY(points.size() > 300);
    for (const QPointF& p : points) {
      QVERIFY2(range.contains(p),
               qPrintable(QStringLiteral("(%1, %2) outside").arg(p.x()).arg(p.y())));
    }
    QCOMPARE(chart.itemTipAt(QPointF(40, -3)), QStringLiteral("Title 7 (item 7)"));
    // Zoom in with the wheel, then reset: everything is back in view.
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QWheelEvent wheel(QPointF(300, 200), chart.mapToGlobal(QPointF(300, 200)), QPoint(),
                      QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(chart.viewport(), &wheel);
    QVERIFY(chart.axisRange().width() < range.width());
    chart.resetView();
    for (const QPointF& p : chart.drawnPoints()) QVERIFY(chart.axisRange().contains(p));
  }

  void exportDialogKeepsTheSuffixWithTheFormatAndTheFolder() {
    rememberExportDir(dir_.filePath(QStringLiteral("x.csv")));
    QCOMPARE(lastExportDir(), dir_.path());
    ExportDialog dialog(QStringLiteral("Validation (held out)"), ImageFormat::kSvg);
    QVERIFY(dialog.path().startsWith(dir_.path()));
    QVERIFY(dialog.path().endsWith(QLatin1String(".svg")));
    dialog.setPath(dir_.filePath(QStringLiteral("figure.png")));
    QCOMPARE(dialog.format(), ImageFormat::kSvg);
    QCOMPARE(dialog.path(), dir_.filePath(QStringLiteral("figure.svg")));
  }

  // What the user types wins over the combo box: figure.svg with PDF chosen is an SVG file.
  void exportDialogWritesTheFormatTheTypedNameSays() {
    ExportDialog dialog(QStringLiteral("Loss"), ImageFormat::kPdf);
    auto* edit = dialog.findChild<QLineEdit*>();
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, dir_.filePath(QStringLiteral("figure.svg")));
    dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog.result(), static_cast<int>(QDialog::Accepted));
    QCOMPARE(dialog.format(), ImageFormat::kSvg);
    QCOMPARE(dialog.path(), dir_.filePath(QStringLiteral("figure.svg")));
  }

  void headlessReportWritesHtmlAndPdfFromAStoredRun() {
    const QString db = dir_.filePath(QStringLiteral("report.sqlite"));
    const QString config = dir_.filePath(QStringLiteral("quick.json"));
    {
      QFile f(config);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(R"({"pretrain": {"max_epochs": 6, "patience": 3},
        "learner_configs": {"metacf_p_linear": {"meta_epochs": 4}, "metacf_g": {"meta_epochs": 4}}})");
    }
    const QString sample = QStringLiteral(METACF_SAMPLE_DIR);
    QProcess run;
    run.start(QStringLiteral(METACF_CLI_PATH),
              {QStringLiteral("run"), QStringLiteral("--data"), sample + "/ratings.csv",
               QStringLiteral("--titles"), sample + "/items.csv", QStringLiteral("--learners"),
               QStringLiteral("pop,metacf_g,metacf_p_linear"), QStringLiteral("--k"),
               QStringLiteral("1,2"), QStringLiteral("--support-sizes"), QStringLiteral("1,2"),
               QStringLiteral("--seeds"), QStringLiteral("1"), QStringLiteral("--config"), config,
               QStringLiteral("--db"), db});
    QVERIFY(run.waitForFinished(280000));
    QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());

    // As a script would call it: no display and no platform chosen.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    for (const QString& suffix : {QStringLiteral("html"), QStringLiteral("pdf")}) {
      const QString out = dir_.filePath(QStringLiteral("report.") + suffix);
      QProcess studio;
      studio.setProcessEnvironment(env);
      studio.start(QStringLiteral(METACF_STUDIO_PATH),
                   {QStringLiteral("--report"), QStringLiteral("1"), QStringLiteral("--db"), db,
                    QStringLiteral("--out"), out});
      QVERIFY(studio.waitForFinished(120000));
      QVERIFY2(studio.exitCode() == 0, studio.readAllStandardError().constData());
      QVERIFY(QFileInfo(out).size() > 1000);
    }
    QFile html(dir_.filePath(QStringLiteral("report.html")));
    QVERIFY(html.open(QIODevice::ReadOnly));
    const QString page = QString::fromUtf8(html.readAll());
    QVERIFY(page.contains(QLatin1String("<svg")));  // charts inline
    // Laid out at 1000x520, they shrink with a narrower window or page instead of overflowing.
    QVERIFY(page.contains(QLatin1String("div.figure svg { max-width: 100%; height: auto; }")));
    QVERIFY(page.contains(QLatin1String("viewBox=\"0 0 1000 520\"")));
    QVERIFY(!page.contains(QLatin1String("src=\"http")));  // nothing fetched from outside
    QVERIFY(page.contains(QLatin1String("Table 2")));
    QVERIFY(page.contains(QLatin1String("95% CI")));
    QVERIFY(page.contains(QLatin1String("Fig. 2")));
    for (const char* learner : {"pop", "metacf_g", "metacf_p_linear"}) {
      QVERIFY2(page.contains(QLatin1String(learner)), learner);
    }
    // A failure is an exit code and a message, not a crash.
    QProcess missing;
    missing.setProcessEnvironment(env);
    missing.start(QStringLiteral(METACF_STUDIO_PATH),
                  {QStringLiteral("--report"), QStringLiteral("99"), QStringLiteral("--db"), db,
                   QStringLiteral("--out"), dir_.filePath(QStringLiteral("none.html"))});
    QVERIFY(missing.waitForFinished(60000));
    QCOMPARE(missing.exitCode(), 1);
    QVERIFY(missing.readAllStandardError().contains("99"));

    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
      QSKIP("pdftotext (poppler-utils, scripts/install-deps.sh) is not installed");
    }
    const QString text = pdfText(dir_.filePath(QStringLiteral("report.pdf")));
    QVERIFY(text.contains(QLatin1String("Table 2")));
    QVERIFY(text.contains(QLatin1String("metacf_p_linear")));
  }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
