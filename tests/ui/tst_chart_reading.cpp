// Charts an analyst can read: every learner has a colour of its own (the built-in learners
// distinct hues, a variant a shade of its base's), a legend too long for its chart says
// "+N more" instead of running off it, Fig. 2's intervals sit side by side inside the plot,
// metacf_auto's one score is a level line rather than dots at its phase count, the Data page's
// histograms export in the format their file name says, and the simulator's path says in words
// how much it was scaled.
#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QValueAxis>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/learners/registry.h"
#include "core/simulate/projection.h"
#include "ui/charts/chart_legend.h"
#include "ui/charts/curve_chart.h"
#include "ui/charts/learner_palette.h"
#include "ui/charts/support_size_chart.h"
#include "ui/charts/training_charts.h"
#include "ui/export/export_dialogs.h"
#include "ui/simulator/embedding_chart.h"
#include "ui/widgets/count_histogram_view.h"

using namespace metacf;
using namespace metacf::ui;

namespace {

struct Lab {
  double l, a, b;
  [[nodiscard]] double chroma() const { return std::hypot(a, b); }
  [[nodiscard]] double hue() const {
    const double h = std::atan2(b, a) * 180 / std::numbers::pi;
    return h < 0 ? h + 360 : h;
  }
};

// sRGB (D65) to CIELAB.
Lab lab(const QColor& c) {
  const auto linear = [](double v) {
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  const double r = linear(c.redF()), g = linear(c.greenF()), b = linear(c.blueF());
  const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const auto f = [](double t) {
    return t > 216.0 / 24389 ? std::cbrt(t) : (24389.0 / 27 * t + 16) / 116;
  };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double distance(const Lab& p, const Lab& q) {
  return std::sqrt((p.l - q.l) * (p.l - q.l) + (p.a - q.a) * (p.a - q.a) +
                   (p.b - q.b) * (p.b - q.b));
}

double hueGap(const Lab& p, const Lab& q) {
  const double d = std::abs(p.hue() - q.hue());
  return std::min(d, 360 - d);
}

ResultRecord sweepRecord(const std::string& learner, int size, double hr) {
  ResultRecord r;
  r.learner = learner;
  r.k = 1;
  r.support_size = size;
  r.seed = 1;
  r.hr = hr;
  for (int u = 0; u < 40; ++u) r.per_user.push_back({u % 3 == 0 ? 1.0 : hr / 2, 0});
  return r;
}

QByteArray head(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.read(8) : QByteArray();
}

}  // namespace

class TestChartReading : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
  }

  // metacf_p_neural and metacf_auto used to be two shades of one red-purple.
  void theBuiltInLearnersHaveDistinctHues() {
    QStringList bases;
    for (const auto& name : learner_names()) {
      if (describe_learner(name).base == name) bases << QString::fromStdString(name);
    }
    QVERIFY(bases.size() >= 10);
    int neutral = 0;
    for (int i = 0; i < bases.size(); ++i) {
      const Lab p = lab(learnerColor(bases[i]));
      if (p.chroma() < 15) ++neutral;
      for (int j = i + 1; j < bases.size(); ++j) {
        const Lab q = lab(learnerColor(bases[j]));
        const QString pair = bases[i] + QStringLiteral(" / ") + bases[j];
        QVERIFY2(distance(p, q) >= 30, qPrintable(pair));
        if (p.chroma() >= 15 && q.chroma() >= 15) QVERIFY2(hueGap(p, q) >= 25, qPrintable(pair));
      }
    }
    QCOMPARE(neutral, 1);  // pop, the reference, in grey
  }

  void everyRegisteredLearnerHasAColourOfItsOwn() {
    const auto names = learner_names();
    QVERIFY(names.size() > 20);  // the MetaCF variants included
    for (std::size_t i = 0; i < names.size(); ++i) {
      const Lab p = lab(learnerColor(QString::fromStdString(names[i])));
      const std::string base = describe_learner(names[i]).base;
      if (base != names[i]) {
        const Lab b = lab(learnerColor(QString::fromStdString(base)));
        QVERIFY2(hueGap(p, b) <= 15, names[i].c_str());  // a shade of its base's hue
      }
      for (std::size_t j = i + 1; j < names.size(); ++j) {
        const Lab q = lab(learnerColor(QString::fromStdString(names[j])));
        QVERIFY2(distance(p, q) >= 15, (names[i] + " / " + names[j]).c_str());
      }
    }
  }

  void aLegendTooLongForItsChartSaysHowManyMore() {
    CurveChart chart(QStringLiteral("Validation"), QStringLiteral("meta-epoch"),
                     QStringLiteral("HR"));
    chart.resize(700, 360);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    for (int i = 0; i < 4; ++i) {
      const QString name = QStringLiteral("learner_%1 K=1 s1 HR@10").arg(i);
      chart.ensureSeries(name, {});
      chart.addPoint(name, 1, 0.1 * i);
    }
    chart.flush();
    QCOMPARE(chart.legend()->shownCount(), 4);
    QCOMPARE(chart.legend()->moreText(), QString());
    for (int i = 4; i < 40; ++i) {
      const QString name = QStringLiteral("learner_%1 K=1 s1 HR@10").arg(i);
      chart.ensureSeries(name, {});
      chart.addPoint(name, 1, 0.01 * i);
    }
    chart.flush();
    const int shown = chart.legend()->shownCount();
    QVERIFY(shown >= 4 && shown < 40);
    QCOMPARE(chart.legend()->moreText(), QStringLiteral("+%1 more").arg(40 - shown));
    QVERIFY(chart.legend()->toolTip().contains(QStringLiteral("learner_39 K=1 s1 HR@10")));
    // The legend keeps to its chart, leaving the plot over half of the width.
    const QRectF legend = chart.legend()->mapRectToScene(chart.legend()->boundingRect());
    QVERIFY(chart.chart()->rect().contains(legend));
    QVERIFY(chart.chart()->plotArea().width() > 0.5 * chart.width());
  }

  // Fig. 2: at each support size the learners' bars stand apart, and the first and last size's
  // bars (caps included) are inside the plot.
  void supportSizeIntervalsStandApartInsideThePlot() {
    std::vector<ResultRecord> records;
    for (const char* learner : {"pop", "bpr", "metacf_g", "metacf_p_linear"}) {
      for (int size : {1, 2, 4, 8})
        records.push_back(sweepRecord(learner, size, 0.1 + 0.01 * size));
    }
    CurveChart chart(QStringLiteral("Fig. 2"), QStringLiteral("|S|"), QStringLiteral("HR"));
    QVERIFY(plotSupportSizes(&chart, records, 1, 10));
    QCOMPARE(chart.errorBarCount(), 16);
    const auto* x = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Horizontal).front());
    const auto* y = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Vertical).front());
    QSet<double> xs;
    for (const QLineSeries* bar : chart.errorBars()) {
      double bar_x = 0;
      for (const QPointF& p : bar->points()) {
        QVERIFY2(p.x() > x->min() && p.x() < x->max(), qPrintable(QString::number(p.x())));
        QVERIFY(p.y() >= y->min() && p.y() <= y->max());
        bar_x = bar->points()[2].x();
      }
      QVERIFY2(!xs.contains(bar_x), "two intervals drawn at one x");
      xs.insert(bar_x);
    }
    // Each learner's points sit on its bars, within a third of a step of the support size.
    for (const QString& name : chart.seriesNames()) {
      for (const QPointF& p : chart.series(name)->points()) {
        const double size = std::round(p.x());
        QVERIFY(std::abs(p.x() - size) <= 1.0 / 6 + 1e-9);
      }
    }
  }

  // Points drawn as markers stay whole: the first and last sit inside the plot, not on its
  // edge where half the marker was cut; lines without markers keep the tight range.
  void markersAtTheEndsAreNotCutByThePlotEdge() {
    CurveChart chart(QStringLiteral("Validation"), QStringLiteral("meta-epoch"),
                     QStringLiteral("HR"));
    CurveChart::Style marked;
    marked.markers = true;
    chart.ensureSeries(QStringLiteral("HR"), marked);
    for (int epoch = 5; epoch <= 10; epoch += 5) chart.addPoint(QStringLiteral("HR"), epoch, 0.1);
    chart.flush();
    const auto* x = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Horizontal).front());
    QVERIFY2(x->min() < 5 && x->max() > 10,
             qPrintable(QStringLiteral("%1..%2").arg(x->min()).arg(x->max())));

    CurveChart lines(QStringLiteral("Loss"), QStringLiteral("epoch"), QStringLiteral("loss"));
    lines.ensureSeries(QStringLiteral("loss"), {});
    for (int epoch = 1; epoch <= 10; ++epoch)
      lines.addPoint(QStringLiteral("loss"), epoch, 1.0 / epoch);
    lines.flush();
    const auto* lx = qobject_cast<QValueAxis*>(lines.chart()->axes(Qt::Horizontal).front());
    QCOMPARE(lx->min(), 1.0);
    QCOMPARE(lx->max(), 10.0);
  }

  // metacf_auto reports phases of its fit, not meta-epochs: one score, drawn across the chart.
  void aLearnerFittedInPhasesIsALevelNotDotsAtItsPhaseCount() {
    TrainingCharts charts;
    charts.reset(false, false, 10);
    std::vector<CurvePoint> points;
    for (int e = 1; e <= 5; ++e) {
      points.push_back({Stage::kMetaTrain, "metacf_g", e, 1.0 / e, 0.1 + 0.01 * e, 0.05, 0, 1, 1});
    }
    for (int phase = 1; phase < 36; ++phase) {
      points.push_back({Stage::kFit, "metacf_auto", phase, NAN, NAN, NAN, 0, 1, 1});
    }
    points.push_back({Stage::kFit, "metacf_auto", 36, NAN, 0.3, 0.2, 0, 1, 1});
    charts.addPoints(points);
    charts.flush();
    CurveChart* validation = charts.validationChart();
    const QString hr = QStringLiteral("metacf_auto HR@10 (final)");
    QVERIFY(validation->seriesNames().contains(hr));
    const QList<QPointF> level = validation->series(hr)->points();
    QCOMPARE(level.size(), 2);
    QCOMPARE(level[0].y(), 0.3);
    QCOMPARE(level[1].y(), 0.3);
    // Across metacf_g's epochs, not out at phase 36.
    const auto* x = qobject_cast<QValueAxis*>(validation->chart()->axes(Qt::Horizontal).front());
    QVERIFY(x->max() < 10);
    QCOMPARE(level[0].x(), x->min());
    QCOMPARE(level[1].x(), x->max());
    for (const QString& name : charts.metaLossChart()->seriesNames()) {
      QVERIFY2(!name.startsWith(QLatin1String("metacf_auto")), qPrintable(name));
    }
  }

  // The histogram's Export button: figure.svg with PDF in the combo is an SVG, and so on.
  void theDataPageHistogramsExportInTheFormatTheirNameSays() {
    CountHistogramView view(QStringLiteral("Records per user"), QStringLiteral("records"));
    view.setCounts({1, 2, 2, 3, 5, 8, 13, 21, 40});
    view.resize(500, 300);
    QVERIFY(view.exportButton());
    const QList<std::pair<QString, QByteArray>> files = {
        {QStringLiteral("hist.svg"), QByteArray("<?xml")},
        {QStringLiteral("hist.pdf"), QByteArray("%PDF")},
        {QStringLiteral("hist.png"), QByteArray("\x89PNG")}};
    for (const auto& [name, magic] : files) {
      const QString path = dir_.filePath(name);
      QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        // The combo says something else; the typed name decides.
        auto* format = dialog->findChild<QComboBox*>();
        format->setCurrentIndex(name.endsWith(QLatin1String("pdf")) ? 0 : 2);
        auto* edit = dialog->findChild<QLineEdit*>();
        edit->clear();
        QTest::keyClicks(edit, path);
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
      });
      view.exportButton()->click();
      QVERIFY2(head(path).startsWith(magic), qPrintable(name));
    }
  }

  void theSimulatorPathSaysHowMuchItWasScaled() {
    Eigen::MatrixXf q(200, 4);
    for (int v = 0; v < 200; ++v) {
      q.row(v) << std::sin(v * 0.37f) * 3, std::cos(v * 0.11f) * 2, 0.1f * (v % 7), 0.5f;
    }
    auto projection = std::make_shared<Projection2D>(pca_projection(q));
    EmbeddingChart chart;
    chart.resize(900, 600);
    chart.setProjection(projection, 4);
    std::vector<StepList> steps(3);
    for (int s = 0; s < 3; ++s) {
      steps[s].params = Eigen::VectorXf::Constant(4, 0.01f * (s + 1));
      steps[s].params(0) += 0.02f * s;
    }
    chart.showState({1, 2}, {}, steps, 2, QStringLiteral("metacf_g"));
    QCOMPARE(chart.trajectoryPoints(), 3);
    QStringList names;
    for (const auto& e : chart.legend()->entries()) names << e.name;
    const QString joined = names.join(QLatin1Char(' '));
    QVERIFY2(
        joined.contains(QRegularExpression(QStringLiteral("metacf_g p0 → p2 \\(× [0-9.]+\\)"))),
        qPrintable(joined));
    QVERIFY2(joined.contains(QStringLiteral("× k: p drawn k times as long")), qPrintable(joined));
    QVERIFY(chart.toolTip().contains(QLatin1String("never changes the ranking")));
    // Drawn at the cloud's size: its farthest point at 90% of the radius that holds 98% of
    // the items (after the 200 items and the 2 clicks come the path's 3 points).
    std::vector<double> radii;
    for (Eigen::Index v = 0; v < projection->points.rows(); ++v) {
      radii.push_back(projection->points.row(v).norm());
    }
    std::sort(radii.begin(), radii.end());
    const double extent = radii[radii.size() * 98 / 100];
    const std::vector<QPointF> drawn = chart.drawnPoints();
    QCOMPARE(drawn.size(), std::size_t{206});  // and the point of this step
    double farthest = 0;
    for (std::size_t i = 202; i < 205; ++i) {
      farthest = std::max(farthest, std::hypot(drawn[i].x(), drawn[i].y()));
    }
    QVERIFY2(std::abs(farthest - 0.9 * extent) < 1e-3 * extent,
             qPrintable(QStringLiteral("%1 vs %2").arg(farthest).arg(extent)));
  }
};

QTEST_MAIN(TestChartReading)
#include "tst_chart_reading.moc"
