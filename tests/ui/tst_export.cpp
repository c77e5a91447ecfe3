// Charts export to real PNG, SVG and PDF files at the size asked for; tables export through
// the shared writers and read back.
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <algorithm>
#include <cstdlib>

#include "tests/common/test_devices.h"
#include "tests/csv_reader.h"
#include "ui/charts/curve_chart.h"
#include "ui/export/chart_export.h"
#include "ui/export/table_export.h"

using namespace metacf;
using namespace metacf::ui;

namespace {

QByteArray read_all(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestExport : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    // To look at the files: METACF_KEEP_TEST_FILES=1 keeps the folder (its path is printed).
    if (qEnvironmentVariableIsSet("METACF_KEEP_TEST_FILES")) {
      dir_.setAutoRemove(false);
      qInfo("exports in %s", qPrintable(dir_.path()));
    }
    chart_ =
        new CurveChart(QStringLiteral("Loss"), QStringLiteral("epoch"), QStringLiteral("loss"));
    for (int e = 1; e <= 20; ++e) {
      chart_->addPoint(QStringLiteral("loss"), e, 1.0 / e);
      chart_->addPoint(QStringLiteral("other"), e, 0.5 + 0.01 * e);
    }
    chart_->flush();
    chart_->resize(500, 300);
    chart_->show();
  }
  void cleanupTestCase() { delete chart_; }

  void pngHasTheRequestedSize() {
    const QString path = dir_.filePath(QStringLiteral("chart.png"));
    const QString error = exportChart(chart_, path, ImageFormat::kPng, {QSize(900, 600), 144});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QByteArray bytes = read_all(path);
    QVERIFY(bytes.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)));
    QVERIFY(bytes.size() > 5000);  // axes, labels and lines, not a blank page
    QImage image(path);
    QCOMPARE(image.size(), QSize(900, 600));
    // Something other than the white background was drawn.
    int non_white = 0;
    for (int y = 0; y < image.height(); y += 5) {
      for (int x = 0; x < image.width(); x += 5) {
        non_white += image.pixel(x, y) != qRgb(255, 255, 255);
      }
    }
    QVERIFY(non_white > 100);
    // The chart on screen keeps its own size.
    QCOMPARE(chart_->chart()->size().toSize(), chart_->viewport()->size());
  }

  // A chart that was never shown (as in a headless report) is laid out at the export size: its
  // plot spans most of the width beside a legend of long names, not the sliver the legend's
  // margins left it at the widget's default size.
  void aNeverShownChartIsLaidOutAtTheExportSize() {
    QWidget parent;  // never shown: its children keep their default size, no resize events
    auto* chart = new CurveChart(QStringLiteral("Validation"), QStringLiteral("meta-epoch"),
                                 QStringLiteral("HR@10"), &parent);
    const QColor colour(0xcc, 0x33, 0x11);
    for (int i = 0; i < 4; ++i) {
      const QString name = QStringLiteral("metacf_p_linear K=%1 a long series name").arg(i);
      chart->ensureSeries(name, {CurveChart::Axis::kLeft, Qt::SolidLine, colour, false});
      for (int e = 0; e <= 10; ++e) chart->addPoint(name, e, 0.1 + 0.01 * i + 0.001 * e);
    }
    chart->flush();
    const QString path = dir_.filePath(QStringLiteral("never_shown.png"));
    const QString error = exportChart(chart, path, ImageFormat::kPng, {QSize(1000, 520), 96});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(1000, 520));
    // The lines' horizontal extent: the columns holding a pixel of their colour (the legend's
    // samples on the right are short).
    int first = image.width();
    int last = -1;
    int columns = 0;
    for (int x = 0; x < image.width(); ++x) {
      bool hit = false;
      for (int y = 0; y < image.height() && !hit; ++y) {
        const QColor c = image.pixelColor(x, y);
        hit = std::abs(c.red() - colour.red()) < 40 && std::abs(c.green() - colour.green()) < 40 &&
              std::abs(c.blue() - colour.blue()) < 40;
      }
      if (hit) {
        first = std::min(first, x);
        last = std::max(last, x);
        ++columns;
      }
    }
    QVERIFY2(columns > image.width() / 2,
             qPrintable(QStringLiteral("the lines cover %1 of %2 columns (%3 to %4)")
                            .arg(columns)
                            .arg(image.width())
                            .arg(first)
                            .arg(last)));
  }

  void svgIsXmlWithAnSvgRoot() {
    const QString path = dir_.filePath(QStringLiteral("chart.svg"));
    QVERIFY(exportChart(chart_, path, ImageFormat::kSvg).isEmpty());
    QXmlStreamReader xml(read_all(path));
    QString root;
    while (!xml.atEnd()) {
      if (xml.readNext() == QXmlStreamReader::StartElement && root.isEmpty()) {
        root = xml.name().toString();
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(root, QStringLiteral("svg"));
  }

  void pdfStartsWithItsMagic() {
    const QString path = dir_.filePath(QStringLiteral("chart.pdf"));
    QVERIFY(exportChart(chart_, path, ImageFormat::kPdf).isEmpty());
    const QByteArray bytes = read_all(path);
    QVERIFY(bytes.startsWith("%PDF"));
    QVERIFY(bytes.size() > 1000);
  }

  void anyWidgetExports() {
    QLabel label(QStringLiteral("hello"));
    label.resize(200, 50);
    const QString path = dir_.filePath(QStringLiteral("label.png"));
    QVERIFY(exportWidget(&label, path, ImageFormat::kPng, {QSize(400, 100), 96}).isEmpty());
    QCOMPARE(QImage(path).size(), QSize(400, 100));
  }

  void badPathsAreReported() {
    const QString path = dir_.filePath(QStringLiteral("missing/folder/chart.png"));
    const QString error = exportChart(chart_, path, ImageFormat::kPng);
    QVERIFY(error.contains(QStringLiteral("does not exist")));
    QVERIFY(image_format_from_suffix(QStringLiteral(".PDF")) == ImageFormat::kPdf);
    QVERIFY(!image_format_from_suffix(QStringLiteral("gif")));
  }

  void tableCsvReadsBack() {
    Table table;
    table.caption = "t";
    table.columns = {"Learner", "HR@10"};
    table.rows = {{Cell("pop, \"plain\""), Cell::of(0.1234, 4)},
                  {Cell("itemknn"), Cell::of(0.5, 4, Emphasis::kBold)}};
    const QString path = dir_.filePath(QStringLiteral("t.csv"));
    const QString error = writeTableFile(table, path, TableFormat::kCsv);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    std::string problem;
    const auto rows = metacf::testing::read_csv(read_all(path).toStdString(), &problem);
    QCOMPARE(problem, std::string());
    QCOMPARE(rows.size(), std::size_t{3});
    QVERIFY((rows[0] == std::vector<std::string>{"Learner", "HR@10"}));
    QVERIFY((rows[1] == std::vector<std::string>{"pop, \"plain\"", "0.1234"}));
    QVERIFY((rows[2] == std::vector<std::string>{"itemknn", "0.5000"}));
    // The other formats go through the same writers.
    QVERIFY(writeTableFile(table, dir_.filePath(QStringLiteral("t.tex")), TableFormat::kLatex)
                .isEmpty());
    QVERIFY(read_all(dir_.filePath(QStringLiteral("t.tex"))).contains("\\textbf{0.5000}"));
    QVERIFY(
        !writeTableFile(table, dir_.filePath(QStringLiteral("no/such/t.csv")), TableFormat::kCsv)
             .isEmpty());
  }

  // Every export goes through write_output_file: a link's target is written and the link kept,
  // a file keeps its permissions, a device is written through (a full one fails), never replaced.
  void exportsDoNotReplaceLinksFilesOrDevices() {
    Table table;
    table.columns = {"Learner"};
    table.rows = {{Cell("pop")}};
    const QString real = dir_.filePath(QStringLiteral("real.md"));
    QVERIFY(writeTableFile(table, real, TableFormat::kMarkdown).isEmpty());
    QVERIFY(QFile::setPermissions(real, QFile::ReadOwner | QFile::WriteOwner));
    const QString link = dir_.filePath(QStringLiteral("link.md"));
    QVERIFY(QFile::link(real, link));
    QVERIFY(writeTableFile(table, link, TableFormat::kLatex).isEmpty());
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(read_all(real).contains("tabular"));
    QVERIFY(!(QFile::permissions(real) & (QFile::ReadGroup | QFile::ReadOther)));  // still 0600

    // As root copies of the devices in the test's folder: never the system's own.
    const QString full =
        QString::fromStdString(metacf::testing::test_device(dir_.path().toStdString(), "full"));
    const QString null =
        QString::fromStdString(metacf::testing::test_device(dir_.path().toStdString(), "null"));
    QVERIFY(writeTableFile(table, full, TableFormat::kMarkdown).contains("No space left"));
    QVERIFY(exportChart(chart_, full, ImageFormat::kPdf).contains("No space left"));
    QVERIFY(exportChart(chart_, full, ImageFormat::kSvg).contains("No space left"));
    QVERIFY(exportChart(chart_, full, ImageFormat::kPng).contains("No space left"));
    QVERIFY(exportChart(chart_, null, ImageFormat::kPdf).isEmpty());
    QVERIFY(!QFileInfo(full).isFile());
    QVERIFY(!QFileInfo(null).isFile());

    const QString chart_link = dir_.filePath(QStringLiteral("chart_link.svg"));
    QVERIFY(QFile::link(dir_.filePath(QStringLiteral("chart_real.svg")), chart_link));
    QVERIFY(exportChart(chart_, chart_link, ImageFormat::kSvg).isEmpty());
    QVERIFY(QFileInfo(chart_link).isSymLink());
    QVERIFY(read_all(dir_.filePath(QStringLiteral("chart_real.svg"))).contains("<svg"));
  }

 private:
  QTemporaryDir dir_;
  CurveChart* chart_ = nullptr;
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
