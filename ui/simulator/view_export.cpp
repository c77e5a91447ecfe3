#include "ui/simulator/view_export.h"

#include <QFileInfo>
#include <QObject>
#include <QPainter>
#include <QPdfWriter>
#include <QPixmap>
#include <QSvgGenerator>
#include <QWidget>

namespace metacf::ui {

QString viewExportFilter() {
  return QObject::tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)");
}

QString saveWidgetView(QWidget* widget, const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  const QSize size = widget->size();
  if (suffix == QLatin1String("png")) {
    // Twice the pixels, so the picture stays sharp in a document.
    QPixmap pixmap(size * 2);
    pixmap.setDevicePixelRatio(2);
    pixmap.fill(widget->palette().window().color());
    widget->render(&pixmap);
    return pixmap.save(path, "PNG") ? QString() : QObject::tr("cannot write %1").arg(path);
  }
  if (suffix == QLatin1String("svg")) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(widget->windowTitle());
    QPainter painter;
    if (!painter.begin(&svg)) return QObject::tr("cannot write %1").arg(path);
    widget->render(&painter);
    painter.end();
    return {};
  }
  if (suffix == QLatin1String("pdf")) {
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setResolution(72);  // one point per pixel: the page is the widget's size
    QPainter painter;
    if (!painter.begin(&pdf)) return QObject::tr("cannot write %1").arg(path);
    widget->render(&painter);
    painter.end();
    return {};
  }
  return QObject::tr("%1: choose a .png, .svg or .pdf file").arg(path);
}

}  // namespace metacf::ui
