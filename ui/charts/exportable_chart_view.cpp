#include "ui/charts/exportable_chart_view.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QMenu>

#include "ui/export/export_dialogs.h"

namespace metacf::ui {

ExportableChartView::ExportableChartView(QChart* chart, QWidget* parent)
    : QChartView(chart, parent) {
  setRenderHint(QPainter::Antialiasing);
  setToolTip(tr("Right-click to export this chart as PNG, SVG or PDF"));
}

void ExportableChartView::contextMenuEvent(QContextMenuEvent* event) {
  QMenu menu(this);
  menu.addAction(tr("Export as &PNG…"), this,
                 [this] { promptExportChart(this, this, ImageFormat::kPng); });
  menu.addAction(tr("Export as &SVG…"), this,
                 [this] { promptExportChart(this, this, ImageFormat::kSvg); });
  menu.addAction(tr("Export as P&DF…"), this,
                 [this] { promptExportChart(this, this, ImageFormat::kPdf); });
  menu.addSeparator();
  menu.addAction(tr("&Copy image"), this,
                 [this] { QApplication::clipboard()->setPixmap(grab()); });
  menu.exec(event->globalPos());
}

}  // namespace metacf::ui
