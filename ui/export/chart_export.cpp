#include "ui/export/chart_export.h"

#include <QBuffer>
#include <QChartView>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <functional>

#include "ui/charts/chart_legend.h"
#include "ui/export/output_file.h"

namespace metacf::ui {
namespace {

using Draw = std::function<void(QPainter&, const QRectF& target)>;

QString writable_problem(const QString& path) {
  const QFileInfo info(path);
  if (path.isEmpty()) return QObject::tr("no file name was given");
  if (!info.absoluteDir().exists()) {
    return QObject::tr("the folder %1 does not exist").arg(info.absolutePath());
  }
  return {};
}

QString render_to(const QString& path, ImageFormat format, const ExportSize& size,
                  const Draw& draw) {
  if (QString problem = writable_problem(path); !problem.isEmpty()) return problem;
  if (size.pixels.width() < 16 || size.pixels.height() < 16 || size.dpi < 24) {
    return QObject::tr("the size %1 x %2 at %3 DPI is too small")
        .arg(size.pixels.width())
        .arg(size.pixels.height())
        .arg(size.dpi);
  }
  const QSizeF logical = size.logical();
  // Drawn into memory, then written whole (write_output_file): a failed write keeps the old
  // file, and a link or a device at `path` is written, not replaced.
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  switch (format) {
    case ImageFormat::kPng: {
      QImage image(size.pixels, QImage::Format_ARGB32_Premultiplied);
      image.setDotsPerMeterX(qRound(size.dpi / 0.0254));
      image.setDotsPerMeterY(qRound(size.dpi / 0.0254));
      image.fill(Qt::white);
      {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        draw(painter, QRectF(QPointF(0, 0), QSizeF(size.pixels)));
      }
      if (!image.save(&buffer, "PNG")) return QObject::tr("could not encode %1").arg(path);
      return writeOutputFile(path, buffer.data());
    }
    case ImageFormat::kSvg: {
      QSvgGenerator svg;
      svg.setOutputDevice(&buffer);
      svg.setSize(logical.toSize());
      svg.setViewBox(QRectF(QPointF(0, 0), logical));
      svg.setResolution(96);
      svg.setTitle(QFileInfo(path).completeBaseName());
      QPainter painter;
      if (!painter.begin(&svg)) return QObject::tr("could not draw %1").arg(path);
      draw(painter, QRectF(QPointF(0, 0), logical));
      painter.end();
      return writeOutputFile(path, buffer.data());
    }
    case ImageFormat::kPdf: {
      {
        QPdfWriter pdf(&buffer);
        pdf.setResolution(size.dpi);
        // The page is exactly the chart: logical size is in 1/96 inch, points are 1/72 inch.
        pdf.setPageSize(QPageSize(logical * 72.0 / 96.0, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        if (!painter.begin(&pdf)) return QObject::tr("could not draw %1").arg(path);
        draw(painter, QRectF(QPointF(0, 0), QSizeF(pdf.width(), pdf.height())));
        painter.end();
      }
      return writeOutputFile(path, buffer.data());
    }
  }
  return QObject::tr("unknown format");
}

}  // namespace

std::optional<ImageFormat> image_format_from_suffix(const QString& suffix) {
  QString s = suffix.toLower();
  if (s.startsWith(QLatin1Char('.'))) s.remove(0, 1);
  if (s == QLatin1String("png")) return ImageFormat::kPng;
  if (s == QLatin1String("svg")) return ImageFormat::kSvg;
  if (s == QLatin1String("pdf")) return ImageFormat::kPdf;
  return std::nullopt;
}

QString image_format_suffix(ImageFormat format) {
  switch (format) {
    case ImageFormat::kPng:
      return QStringLiteral("png");
    case ImageFormat::kSvg:
      return QStringLiteral("svg");
    case ImageFormat::kPdf:
      return QStringLiteral("pdf");
  }
  return {};
}

QSizeF ExportSize::logical() const {
  const double scale = 96.0 / std::max(1, dpi);
  return QSizeF(pixels.width() * scale, pixels.height() * scale);
}

void renderChartAt(QChartView* view, QPainter& painter, const QRectF& target,
                   const QSizeF& layout_size) {
  QChart* chart = view->chart();
  QList<std::pair<ChartLegend*, double>> reserves;
  for (QGraphicsItem* item : chart->childItems()) {
    if (auto* legend = qobject_cast<ChartLegend*>(item->toGraphicsObject())) {
      reserves.append({legend, legend->topReserve()});
      legend->setTopReserve(0);
    }
  }
  // The layout is activated by hand: without an event loop in between (a headless report),
  // the plot would keep the place its margins gave it at the old size.
  const QRectF on_screen = chart->geometry();
  chart->setGeometry(QRectF(QPointF(0, 0), layout_size));
  if (chart->layout()) chart->layout()->activate();
  view->scene()->render(&painter, target, chart->sceneBoundingRect(), Qt::IgnoreAspectRatio);
  chart->setGeometry(on_screen);
  for (const auto& [legend, reserve] : reserves) legend->setTopReserve(reserve);
  if (chart->layout()) chart->layout()->activate();
}

QString exportChart(QChartView* view, const QString& path, ImageFormat format,
                    const ExportSize& size) {
  if (!view || !view->chart()) return QObject::tr("there is no chart to export");
  return render_to(path, format, size, [&](QPainter& painter, const QRectF& target) {
    renderChartAt(view, painter, target, size.logical());
  });
}

QString exportWidget(QWidget* widget, const QString& path, ImageFormat format,
                     const ExportSize& size) {
  if (!widget) return QObject::tr("there is nothing to export");
  return render_to(path, format, size, [&](QPainter& painter, const QRectF& target) {
    const QSizeF source = widget->size();
    if (source.isEmpty()) return;
    const double scale =
        std::min(target.width() / source.width(), target.height() / source.height());
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(scale, scale);
    widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    painter.restore();
  });
}

}  // namespace metacf::ui
