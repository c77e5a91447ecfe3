#pragma once
// The report as a PDF on A4 landscape: the text and tables through QTextDocument, then each
// figure drawn as vectors (its text stays text) across the full text width and laid out at the
// size it prints at, so that its type prints at the studio's point size, as the tables' does.
// A figure takes the rest of a page when that leaves it at least half a page, and stretches to
// the page's foot when the next would not fit below it, so that no page is left half empty.
#include <QByteArray>
#include <QString>
#include <vector>

class QChartView;

namespace metacf::ui {

struct ReportFigure {
  QString caption;
  QChartView* view = nullptr;
  // Its share of a page's height: a chart with a long legend beside it wants most of a page.
  double page_share = 0.9;
};

// `html` is the report's page without its figures (write_html_report's output).
QByteArray reportPdf(const QString& title, const QString& html,
                     const std::vector<ReportFigure>& figures);

}  // namespace metacf::ui
