#include "ui/report/run_report.h"

#include <QBuffer>
#include <QChartView>
#include <QFileInfo>
#include <QPainter>
#include <QSvgGenerator>

#include "core/report/html_report.h"
#include "core/report/interval_tables.h"
#include "core/report/results_tables.h"
#include "core/report/sweep_tables.h"
#include "core/store/experiment_store.h"
#include "ui/export/chart_export.h"
#include "ui/export/output_file.h"
#include "ui/models/run_results.h"
#include "ui/report/report_figures.h"
#include "ui/report/report_pdf.h"

namespace metacf::ui {
namespace {

// The size every figure is laid out at: wide enough for a legend of full names beside it.
const QSize kFigureSize(1000, 520);

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
QByteArray htmlReport(ReportContent content, const std::vector<ReportFigure>& figures) {
  for (const auto& f : figures) {
    f.view->resize(kFigureSize);
    content.figures.push_back({f.caption.toStdString(), chartSvg(f.view)});
  }
  return QByteArray::fromStdString(write_html_report(content));
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
    const std::vector<int> ks = ks_of(records);
    const int fig2_k = ks.empty() ? 0 : ks.back();
    addResultTables(content, results, fig2_k);

    const ReportFigures figures(curves, results, fig2_k);
    // Made in memory, then written whole: a failed write keeps the old file.
    return writeOutputFile(path, format == ReportFormat::kHtml
                                     ? htmlReport(content, figures.figures())
                                     : reportPdf(QString::fromStdString(content.title),
                                                 QString::fromStdString(write_html_report(content)),
                                                 figures.figures()));
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

}  // namespace metacf::ui
