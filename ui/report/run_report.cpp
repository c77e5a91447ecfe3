#include "ui/report/run_report.h"

#include <QBuffer>
#include <QChart>
#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTextDocument>
#include <QUrl>
#include <memory>
#include <set>

#include "core/report/html_report.h"
#include "core/report/interval_tables.h"
#include "core/report/results_tables.h"
#include "core/report/sweep_tables.h"
#include "core/store/experiment_store.h"
#include "ui/charts/curve_chart.h"
#include "ui/charts/support_size_chart.h"
#include "ui/charts/training_charts.h"
#include "ui/export/chart_export.h"
#include "ui/export/output_file.h"
#include "ui/models/run_results.h"

namespace metacf::ui {
namespace {

// The size every figure is laid out at: wide enough for a legend of full names beside it.
const QSize kFigureSize(1000, 520);

struct Figure {
  QString caption;
  QChartView* view;
};

// The chart as an <svg> element (the file's XML prologue removed, so it can sit in HTML).
std::string chartSvg(QChartView* view) {
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator svg;
  svg.setOutputDevice(&buffer);
  svg.setSize(kFigureSize);
  svg.setViewBox(QRect(QPoint(0, 0), kFigureSize));
  svg.setResolution(96);
  {
    QPainter painter(&svg);
    renderChartAt(view, painter, QRectF(QPointF(0, 0), QSizeF(kFigureSize)), kFigureSize);
  }
  const QByteArray bytes = buffer.data();
  const qsizetype start = bytes.indexOf("<svg");
  return start < 0 ? std::string() : bytes.mid(start).toStdString();
}

QImage chartImage(QChartView* view) {
  // Twice the layout size, so the PDF's figures stay sharp in print.
  QImage image(kFigureSize * 2, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  renderChartAt(view, painter, QRectF(QPointF(0, 0), QSizeF(kFigureSize * 2)), kFigureSize);
  return image;
}

std::string subtitleOf(const RunRecord& run) {
  std::string text =
      "status " + std::string(to_string(run.status)) + " · started " + run.started_at;
  if (!run.finished_at.empty()) text += " · finished " + run.finished_at;
  text += " · code " + run.code_version;
  if (!run.error.empty()) text += " · " + run.error;
  return text;
}

// Table 2 per K, the K sweep and the support-size sweep (Fig. 2's K) with their intervals.
void addResultTables(ReportContent& content, const RunResults& results, int fig2_k) {
  const auto& records = results.records;
  const int top_n = results.top_n;
  const std::string& reference = results.baseline;
  const std::vector<int> ks = ks_of(records);
  for (int k : ks) content.tables.push_back(table2(records, k, top_n, reference));
  if (ks.size() > 1) {
    content.tables.push_back(k_sweep_table(records, top_n));
    content.tables.push_back(k_sweep_interval_table(records, top_n, reference));
  }
  if (!support_sizes_of(records).empty()) {
    content.tables.push_back(support_size_table(records, fig2_k, top_n));
    content.tables.push_back(support_size_interval_table(records, fig2_k, top_n, reference));
  }
}

// The page with every chart inline as SVG.
QByteArray htmlReport(ReportContent content, const std::vector<Figure>& figures) {
  for (const auto& f : figures) {
    f.view->resize(kFigureSize);
    content.figures.push_back({f.caption.toStdString(), chartSvg(f.view)});
  }
  return QByteArray::fromStdString(write_html_report(content));
}

// The same page through QTextDocument, which shows images but not inline SVG.
QByteArray pdfReport(ReportContent content, const std::vector<Figure>& figures) {
  QTextDocument document;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    figures[i].view->resize(kFigureSize);
    const QString name = QStringLiteral("figure%1.png").arg(i);
    document.addResource(QTextDocument::ImageResource, QUrl(name), chartImage(figures[i].view));
    content.figures.push_back({figures[i].caption.toStdString(),
                               "<img src=\"" + name.toStdString() + "\" width=\"640\">"});
  }
  // Landscape and small type: Table 2 has ten columns, and a name must not break mid-word.
  content.extra_style =
      "body { font-size: 7pt; } th, td { font-size: 6.5pt; } "
      "h1 { font-size: 13pt; } h2 { font-size: 10pt; } pre { font-size: 6pt; }";
  document.setHtml(QString::fromStdString(write_html_report(content)));
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  {
    QPdfWriter pdf(&buffer);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageOrientation(QPageLayout::Landscape);
    pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    pdf.setTitle(QString::fromStdString(content.title));
    pdf.setCreator(QStringLiteral("metacf-studio"));
    document.print(&pdf);
  }
  return buffer.data();
}

}  // namespace

ReportInputs readReportInputs(ExperimentStore& store, std::int64_t run_id) {
  ReportInputs in;
  in.run_id = run_id;
  in.run = store.run(run_id);
  in.results = loadRunResults(store, run_id, 0, {});
  in.curves = store.curves(run_id);
  if (in.run.dataset_id) {
    const auto dataset = store.dataset(*in.run.dataset_id);
    in.dataset_stats = dataset.stats;
    in.dataset_stats["source"] = dataset.source_path;
  }
  return in;
}

QString writeRunReport(ExperimentStore& store, std::int64_t run_id, const QString& path) {
  try {
    return writeRunReport(readReportInputs(store, run_id), path);
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

QString writeRunReport(const ReportInputs& in, const QString& path) {
  const std::int64_t run_id = in.run_id;
  const QString suffix = QFileInfo(path).suffix().toLower();
  ReportFormat format = ReportFormat::kHtml;
  if (suffix == QLatin1String("pdf")) {
    format = ReportFormat::kPdf;
  } else if (suffix != QLatin1String("html") && suffix != QLatin1String("htm")) {
    return QObject::tr("%1: a report is written as .html or .pdf").arg(path);
  }
  try {
    const RunRecord& run = in.run;
    const RunResults& results = in.results;
    const auto& curves = in.curves;
    ReportContent content;
    content.title = "Experiment report: run " + std::to_string(run_id) +
                    (run.label.empty() ? std::string() : " “" + run.label + "”");
    content.subtitle = subtitleOf(run);
    content.dataset_stats = in.dataset_stats;
    content.config = run.config;
    content.notes = results.choices;

    const auto& records = results.records;
    const int top_n = results.top_n;
    const std::vector<int> ks = ks_of(records);
    const int fig2_k = ks.empty() ? 0 : ks.back();
    addResultTables(content, results, fig2_k);

    // The charts, built as the studio shows them and drawn at one size.
    TrainingCharts training;
    std::set<std::uint64_t> seeds;
    bool several_ks = false;
    for (const auto& p : curves) {
      seeds.insert(p.seed);
      several_ks |= p.stage != Stage::kPretrain && p.k != curves.back().k;
    }
    training.reset(several_ks, seeds.size() > 1, top_n);
    training.addPoints(curves);
    if (seeds.size() > 1) training.showSeed(*seeds.begin());
    training.flush();
    std::vector<Figure> figures;
    const QString seed_note =
        seeds.size() > 1 ? QObject::tr(" (seed %1 of %2)").arg(*seeds.begin()).arg(seeds.size())
                         : QString();
    if (!curves.empty()) {
      figures.push_back({QObject::tr("Pretraining: loss and validation HR per epoch") + seed_note,
                         training.pretrainChart()});
      if (!training.metaLossChart()->seriesNames().isEmpty()) {
        figures.push_back(
            {QObject::tr("Meta-training loss per learner") + seed_note, training.metaLossChart()});
        figures.push_back(
            {QObject::tr("Validation HR (solid) and NDCG (dashed) per learner; one learner's "
                         "K values or seeds differ in their markers") +
                 seed_note,
             training.validationChart()});
      }
    }
    CurveChart fig2(QObject::tr("HR against the support size"), QObject::tr("support size |S|"),
                    QObject::tr("HR"));
    if (plotSupportSizes(&fig2, records, fig2_k, top_n)) {
      figures.push_back({QObject::tr("Fig. 2: HR@%1 against the support size at K = %2, with "
                                     "95% intervals of each mean")
                             .arg(top_n)
                             .arg(fig2_k),
                         &fig2});
    }

    // Made in memory, then written whole: a failed write keeps the old file.
    return writeOutputFile(path, format == ReportFormat::kHtml ? htmlReport(content, figures)
                                                               : pdfReport(content, figures));
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

}  // namespace metacf::ui
