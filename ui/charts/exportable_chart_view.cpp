#include "ui/charts/exportable_chart_view.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QMenu>
#include <QResizeEvent>
#include <QShowEvent>
#include <QToolButton>

#include "ui/charts/chart_legend.h"
#include "ui/export/export_dialogs.h"

namespace metacf::ui {

ExportableChartView::ExportableChartView(QChart* chart, QWidget* parent)
    : QChartView(chart, parent) {
  setRenderHint(QPainter::Antialiasing);
  export_button_ = new QToolButton(this);
  export_button_->setText(tr("Export…"));
  export_button_->setToolTip(tr("Save this chart as PNG (at a chosen DPI), SVG or PDF"));
  export_button_->setAutoRaise(true);
  export_button_->setCursor(Qt::PointingHandCursor);
  connect(export_button_, &QToolButton::clicked, this, [this] { promptExportChart(this, this); });
}

void ExportableChartView::resizeEvent(QResizeEvent* event) {
  QChartView::resizeEvent(event);
  const QSize hint = export_button_->sizeHint();
  export_button_->setGeometry(width() - hint.width() - 4, 4, hint.width(), hint.height());
  export_button_->raise();
  keepTitleClearOfButtons();
  fitChartToView();
}

void ExportableChartView::showEvent(QShowEvent* event) {
  QChartView::showEvent(event);
  fitChartToView();
}

void ExportableChartView::fitChartToView() {
  // A legend that grew beside the plot can stretch the chart past the view, and a view resized
  // while hidden or by a raised minimum height can leave its chart at an older size; the view
  // resizes its chart only in its own resize event, so give the chart the view's size back.
  if (chart()->size().toSize() != size()) {
    chart()->resize(size());
    setSceneRect(chart()->geometry());
  }
}

double ExportableChartView::heightAroundPlot() const {
  return 3.5 * QFontMetricsF(chart()->titleFont()).height() + 60;
}

int ExportableChartView::cornerWidth() const { return export_button_->sizeHint().width() + 4; }

void ExportableChartView::keepTitleClearOfButtons() {
  if (!margin_owner_) return;
  // Qt Charts centres the title between the chart's left and right margins (a legend beside
  // the plot widens the right one).
  const QString title = chart()->title();
  const QMargins margins = chart()->margins();
  const double centre = margins.left() + (width() - margins.left() - margins.right()) / 2.0;
  const double title_right =
      centre + QFontMetricsF(chart()->titleFont()).horizontalAdvance(title) / 2.0;
  const bool clash = !title.isEmpty() && title_right + 6 > width() - cornerWidth();
  margin_owner_->setTopReserve(clash ? export_button_->sizeHint().height() : 0);
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
  menu.addAction(tr("&Copy image"), this, [this] { QApplication::clipboard()->setPixmap(grab()); });
  menu.exec(event->globalPos());
}

}  // namespace metacf::ui
