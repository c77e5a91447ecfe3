// The embedding chart's zoom and pan: the wheel zooms about the point under the mouse,
// dragging pans, a double-click shows everything again.
#include <QChart>
#include <QMouseEvent>
#include <QValueAxis>
#include <QWheelEvent>
#include <cmath>

#include "ui/simulator/embedding_chart.h"

namespace metacf::ui {

void EmbeddingChart::wheelEvent(QWheelEvent* event) {
  // Zoom about the point under the mouse, so what is pointed at stays there.
  const double factor = event->angleDelta().y() > 0 ? 1.25 : 0.8;
  QPointF at = chart()->mapToValue(chart()->mapFromScene(mapToScene(event->position().toPoint())));
  if (!std::isfinite(at.x()) || !std::isfinite(at.y())) {  // not laid out yet: the centre
    at = QPointF((x_->min() + x_->max()) / 2, (y_->min() + y_->max()) / 2);
  }
  const double w = (x_->max() - x_->min()) / factor;
  const double h = (y_->max() - y_->min()) / factor;
  const double fx = (at.x() - x_->min()) / (x_->max() - x_->min());
  const double fy = (at.y() - y_->min()) / (y_->max() - y_->min());
  x_->setRange(at.x() - fx * w, at.x() + (1 - fx) * w);
  y_->setRange(at.y() - fy * h, at.y() + (1 - fy) * h);
  event->accept();
}

void EmbeddingChart::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    panning_ = true;
    last_mouse_ = event->pos();
    setCursor(Qt::ClosedHandCursor);
    event->accept();
    return;
  }
  ExportableChartView::mousePressEvent(event);
}

void EmbeddingChart::mouseMoveEvent(QMouseEvent* event) {
  if (panning_) {
    const QPoint delta = event->pos() - last_mouse_;
    last_mouse_ = event->pos();
    chart()->scroll(-delta.x(), delta.y());
    event->accept();
    return;
  }
  ExportableChartView::mouseMoveEvent(event);
}

void EmbeddingChart::mouseReleaseEvent(QMouseEvent* event) {
  if (panning_ && event->button() == Qt::LeftButton) {
    panning_ = false;
    unsetCursor();
    event->accept();
    return;
  }
  ExportableChartView::mouseReleaseEvent(event);
}

void EmbeddingChart::mouseDoubleClickEvent(QMouseEvent* event) {
  resetView();
  event->accept();
}

}  // namespace metacf::ui
