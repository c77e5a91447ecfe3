// The PDF report is fit for a paper: rendered at A4 from a run with two seeds and two K, every
// piece of text is at least 8 pt, best cells (bold, underlined) are the size of the others,
// each figure spans the text width and most of a page's height with its legend whole, the
// training figures say over which seeds they average, and no page but the last is half empty.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/store/experiment_store.h"
#include "ui/report/run_report.h"

using namespace metacf;
using namespace metacf::ui;

namespace {

struct Word {
  int page = 0;
  double top = 0, left = 0, width = 0, height = 0;
  double size = 0;  // points
  bool bold = false;
  QString text;
};

struct Pages {
  double width = 0, height = 0;
  int count = 0;
  std::vector<Word> words;
};

// pdftohtml's XML: every run of text with its position and font, in points.
Pages readPdf(const QString& pdf) {
  QProcess p;
  p.start(QStringLiteral("pdftohtml"),
          {QStringLiteral("-xml"), QStringLiteral("-i"), QStringLiteral("-stdout"),
           QStringLiteral("-q"), QStringLiteral("-zoom"), QStringLiteral("1"), pdf});
  p.waitForFinished(60000);
  QXmlStreamReader xml(p.readAllStandardOutput());
  Pages out;
  std::map<QString, double> sizes;
  const auto number = [&xml](const char* name) {
    return xml.attributes().value(QLatin1String(name)).toDouble();
  };
  while (!xml.atEnd()) {
    if (xml.readNext() != QXmlStreamReader::StartElement) continue;
    if (xml.name() == QLatin1String("page")) {
      ++out.count;
      out.width = number("width");
      out.height = number("height");
    } else if (xml.name() == QLatin1String("fontspec")) {
      sizes[xml.attributes().value(QLatin1String("id")).toString()] = number("size");
    } else if (xml.name() == QLatin1String("text")) {
      Word w;
      w.page = out.count - 1;
      w.top = number("top");
      w.left = number("left");
      w.width = number("width");
      w.height = number("height");
      w.size = sizes[xml.attributes().value(QLatin1String("font")).toString()];
      // The text, with <b> or <i> inside it.
      int depth = 1;
      while (depth > 0 && !xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
          ++depth;
          if (xml.name() == QLatin1String("b")) w.bold = true;
        } else if (token == QXmlStreamReader::EndElement) {
          --depth;
        } else if (token == QXmlStreamReader::Characters) {
          w.text += xml.text();
        }
      }
      w.text = w.text.trimmed();
      if (!w.text.isEmpty()) out.words.push_back(w);
    }
  }
  return out;
}

}  // namespace

class TestReportPdf : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  Pages pdf_;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    if (QStandardPaths::findExecutable(QStringLiteral("pdftohtml")).isEmpty()) {
      QSKIP("pdftohtml (poppler-utils, scripts/install-deps.sh) is not installed");
    }
    const QString db = dir_.filePath(QStringLiteral("report.sqlite"));
    const QString config = dir_.filePath(QStringLiteral("quick.json"));
    {
      QFile f(config);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(R"({"pretrain": {"max_epochs": 6, "patience": 3},
        "learner_configs": {"metacf_p_linear": {"meta_epochs": 4}, "metacf_g": {"meta_epochs": 4},
                            "melu": {"meta_epochs": 2}}})");
    }
    const QString sample = QStringLiteral(METACF_SAMPLE_DIR);
    QProcess run;
    run.start(
        QStringLiteral(METACF_CLI_PATH),
        {QStringLiteral("run"), QStringLiteral("--data"), sample + "/ratings.csv",
         QStringLiteral("--learners"), QStringLiteral("pop,bpr,melu,metacf_g,metacf_p_linear"),
         QStringLiteral("--k"), QStringLiteral("1,5"), QStringLiteral("--support-sizes"),
         QStringLiteral("1,2,4"), QStringLiteral("--seeds"), QStringLiteral("1,2"),
         QStringLiteral("--config"), config, QStringLiteral("--db"), db});
    QVERIFY(run.waitForFinished(280000));
    QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());
    auto store = ExperimentStore::open(db.toStdString());
    const QString out = dir_.filePath(QStringLiteral("report.pdf"));
    QCOMPARE(writeRunReport(store, 1, out), QString());
    pdf_ = readPdf(out);
    QVERIFY(pdf_.count > 1);
  }

  void itIsA4Landscape() {
    QVERIFY(std::abs(pdf_.width - 842) < 2);
    QVERIFY(std::abs(pdf_.height - 595) < 2);
  }

  void everyPieceOfTextIsAtLeast8Points() {
    for (const Word& w : pdf_.words) {
      QVERIFY2(w.size >= 8, qPrintable(QStringLiteral("%1 pt: %2").arg(w.size).arg(w.text)));
    }
  }

  // Bold (best) and underlined (second) cells used to print about 1.6x the others' size.
  void bestCellsAreTheSizeOfTheOthers() {
    const QRegularExpression number(QStringLiteral("^[+-]?0\\.[0-9]{3,4}$"));
    std::map<bool, std::set<double>> sizes;
    for (const Word& w : pdf_.words) {
      if (number.match(w.text).hasMatch()) sizes[w.bold].insert(w.size);
    }
    QVERIFY(!sizes[true].empty());
    QVERIFY(!sizes[false].empty());
    QCOMPARE(sizes[true], sizes[false]);
    QCOMPARE(sizes[false].size(), std::size_t{1});
  }

  // The validation figure of each K: its legend whole at the right, its axis at the left, and
  // more than half a page tall.
  void theValidationFiguresSpanThePageWithTheirLegendsWhole() {
    const double text_width = pdf_.width - 2 * 42.5;  // 15 mm margins
    int figures = 0;
    for (int page = 0; page < pdf_.count; ++page) {
      std::vector<const Word*> on_page;
      const Word* title = nullptr;
      const Word* x_title = nullptr;
      for (const Word& w : pdf_.words) {
        if (w.page != page) continue;
        on_page.push_back(&w);
        if (w.text.startsWith(QLatin1String("Validation (meta-training"))) title = &w;
        if (w.text == QLatin1String("meta-epoch")) x_title = &w;
      }
      if (!title) continue;
      ++figures;
      QVERIFY(x_title);
      QVERIFY2(x_title->top - title->top > 0.55 * (pdf_.height - 85), "the figure is squashed");
      double left = pdf_.width, right = 0;
      QStringList legend;
      for (const Word* w : on_page) {
        if (w->top < title->top) continue;  // the caption
        left = std::min(left, w->left);
        right = std::max(right, w->left + w->width);
        if (w->text.contains(QLatin1String("@10"))) legend << w->text;
      }
      QVERIFY2(right - left > 0.9 * text_width, qPrintable(QString::number(right - left)));
      for (const char* learner : {"melu", "metacf_g", "metacf_p_linear"}) {
        for (const char* metric : {"HR@10", "NDCG@10"}) {
          const QString entry =
              QStringLiteral("%1 %2").arg(QLatin1String(learner), QLatin1String(metric));
          QVERIFY2(legend.contains(entry),
                   qPrintable(entry + QStringLiteral(" in ") + legend.join(QLatin1Char('|'))));
        }
      }
    }
    QCOMPARE(figures, 2);  // one per K
  }

  void theTrainingFiguresSayWhichSeedsTheyAverage() {
    QString all;
    for (const Word& w : pdf_.words) all += w.text + QLatin1Char(' ');
    QVERIFY(all.contains(QLatin1String("mean over seeds 1 and 2")));
    QVERIFY(!all.contains(QLatin1String("seed 1 of 2")));
  }

  void noPageButTheLastIsHalfEmpty() {
    for (int page = 0; page + 1 < pdf_.count; ++page) {
      double bottom = 0;
      for (const Word& w : pdf_.words) {
        if (w.page == page) bottom = std::max(bottom, w.top + w.height);
      }
      QVERIFY2(bottom > 0.5 * pdf_.height, qPrintable(QStringLiteral("page %1 ends at %2 of %3")
                                                          .arg(page + 1)
                                                          .arg(bottom)
                                                          .arg(pdf_.height)));
    }
  }
};

QTEST_MAIN(TestReportPdf)
#include "tst_report_pdf.moc"
