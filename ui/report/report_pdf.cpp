#include "ui/report/report_pdf.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QChartView>
#include <QFont>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextDocument>
#include <algorithm>
#include <cmath>

#include "ui/export/chart_export.h"

namespace metacf::ui {
namespace {

// Everything is laid out in pixels at 96 per inch, as on screen, and drawn scaled to the
// writer's resolution: a font of n points prints at n points.
constexpr double kLayoutDpi = 96;
constexpr double kBodyPoints = 9;
// Below this share of a page a figure would be squashed: it starts a page of its own instead.
constexpr double kSmallestShare = 0.45;

// Draws the pages of `document` (page size set) one after another; returns the height used on
// the last one.
double drawText(QPainter& painter, QPdfWriter& pdf, QTextDocument& document, double scale) {
  const QSizeF page = document.pageSize();
  const int pages = document.pageCount();
  for (int i = 0; i < pages; ++i) {
    if (i > 0) pdf.newPage();
    painter.save();
    painter.scale(scale, scale);
    painter.translate(0, -i * page.height());
    document.drawContents(&painter, QRectF(0, i * page.height(), page.width(), page.height()));
    painter.restore();
  }
  // The document's size is whole pages: where its last block ends is what the text uses.
  const QRectF last = document.documentLayout()->blockBoundingRect(document.lastBlock());
  return last.bottom() - (pages - 1) * page.height();
}

// The caption above a figure, wrapped to the text width; returns its height.
double drawCaption(QPainter& painter, const QString& caption, const QRectF& area) {
  QFont font = painter.font();
  // In layout pixels: the painter's scale turns them into points, a point size would be
  // scaled twice.
  font.setPixelSize(static_cast<int>(std::lround(kBodyPoints * kLayoutDpi / 72)));
  font.setItalic(true);
  painter.setFont(font);
  const QRectF bounds = painter.boundingRect(area, Qt::TextWordWrap | Qt::AlignLeft, caption);
  painter.drawText(area, Qt::TextWordWrap | Qt::AlignLeft, caption);
  return bounds.height() + 4;
}

}  // namespace

QByteArray reportPdf(const QString& title, const QString& html,
                     const std::vector<ReportFigure>& figures) {
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QPdfWriter pdf(&buffer);
  pdf.setPageSize(QPageSize(QPageSize::A4));
  pdf.setPageOrientation(QPageLayout::Landscape);
  pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
  pdf.setTitle(title);
  pdf.setCreator(QStringLiteral("metacf-studio"));
  const double scale = pdf.resolution() / kLayoutDpi;
  const QRect paint = pdf.pageLayout().paintRectPixels(pdf.resolution());
  const QSizeF page(paint.width() / scale, paint.height() / scale);

  QTextDocument document;
  QFont body = document.defaultFont();
  body.setPointSizeF(kBodyPoints);
  // The document's font is what bold and underlined cells fall back to: the same as the rest.
  document.setDefaultFont(body);
  document.setDocumentMargin(0);
  document.setPageSize(page);
  document.setHtml(html);

  QPainter painter(&pdf);
  double used = drawText(painter, pdf, document, scale);
  painter.scale(scale, scale);
  // What is left of a page takes a figure while that squeezes it by a quarter at most.
  const auto least = [&](const ReportFigure& f) {
    return std::max(kSmallestShare, 0.75 * f.page_share) * page.height();
  };
  for (std::size_t i = 0; i < figures.size(); ++i) {
    const ReportFigure& f = figures[i];
    if (page.height() - used < least(f)) {
      pdf.newPage();
      used = 0;
    }
    used += 8;
    used += drawCaption(painter, f.caption, QRectF(0, used, page.width(), page.height() - used));
    // A figure after which the next would not fit takes the rest of the page.
    double height = std::min(f.page_share * page.height(), page.height() - used);
    if (i + 1 < figures.size() && page.height() - used - height < least(figures[i + 1])) {
      height = page.height() - used;
    }
    const QRectF target(0, used, page.width(), height);
    renderChartAt(f.view, painter, target, target.size());
    used += height;
  }
  painter.end();
  return buffer.data();
}

}  // namespace metacf::ui
