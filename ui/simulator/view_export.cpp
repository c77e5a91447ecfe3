#include "ui/simulator/view_export.h"

#include <QBuffer>
#include <QFileInfo>
#include <QObject>
#include <QPainter>
#include <QPdfWriter>
#include <QPixmap>
#include <QSvgGenerator>
#include <QWidget>

#include "ui/export/output_file.h"

namespace metacf::ui {

QString viewExportFilter() {
  return QObject::tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)");
}

QString saveWidgetView(QWidget* widget, const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  const QSize size = widget->size();
  // Drawn into memory, then written whole by writeOutputFile.
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  if (suffix == QLatin1String("png")) {
    // Twice the pixels, so the picture stays sharp in a document.
    QPixmap pixmap(size * 2);
    pixmap.setDevicePixelRatio(2);
    pixmap.fill(widget->palette().window().color());
    widget->render(&pixmap);
    if (!pixmap.save(&buffer, "PNG")) return QObject::tr("cannot encode %1").arg(path);
    return writeOutputFile(path, buffer.data());
  }
  if (suffix == QLatin1String("svg")) {
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(widget->windowTitle());
    QPainter painter;
    if (!painter.begin(&svg)) return QObject::tr("cannot draw %1").arg(path);
    widget->render(&painter);
    painter.end();
    return writeOutputFile(path, buffer.data());
  }
  if (suffix == QLatin1String("pdf")) {
    {
      QPdfWriter pdf(&buffer);
      pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
      pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
      pdf.setResolution(72);  // one point per pixel: the page is the widget's size
      QPainter painter;
      if (!painter.begin(&pdf)) return QObject::tr("cannot draw %1").arg(path);
      widget->render(&painter);
      painter.end();
    }
    return writeOutputFile(path, buffer.data());
  }
  return QObject::tr("%1: choose a .png, .svg or .pdf file").arg(path);
}

}  // namespace metacf::ui
