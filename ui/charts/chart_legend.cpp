#include "ui/charts/chart_legend.h"

#include <QChart>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace metacf::ui {
namespace {

constexpr double kSwatch = 30;  // the sample line's length
constexpr double kGap = 6;      // between swatch and text, and around the legend
constexpr double kMarker = 7;
// The share of the chart a legend may take (beside: of its width; below: of its height); the
// entries that do not fit are counted in a last "+N more" entry rather than drawn off the chart.
constexpr double kBesideShare = 0.45;
constexpr double kBelowShare = 0.4;

}  // namespace

void drawPointMarker(QPainter& painter, PointMarker marker, const QPointF& at, double size,
                     const QColor& color) {
  if (marker == PointMarker::kNone) return;
  painter.save();
  painter.setPen(QPen(color.darker(140), 1));
  painter.setBrush(color);
  const double r = size / 2;
  switch (marker) {
    case PointMarker::kCircle:
      painter.drawEllipse(at, r, r);
      break;
    case PointMarker::kSquare:
      painter.drawRect(QRectF(at.x() - r, at.y() - r, size, size));
      break;
    case PointMarker::kTriangle: {
      QPainterPath path;
      path.moveTo(at.x(), at.y() - r * 1.15);
      path.lineTo(at.x() + r * 1.1, at.y() + r * 0.85);
      path.lineTo(at.x() - r * 1.1, at.y() + r * 0.85);
      path.closeSubpath();
      painter.drawPath(path);
      break;
    }
    case PointMarker::kDiamond: {
      QPainterPath path;
      path.moveTo(at.x(), at.y() - r * 1.3);
      path.lineTo(at.x() + r * 1.3, at.y());
      path.lineTo(at.x(), at.y() + r * 1.3);
      path.lineTo(at.x() - r * 1.3, at.y());
      path.closeSubpath();
      painter.drawPath(path);
      break;
    }
    case PointMarker::kStar: {
      QPainterPath path;
      for (int i = 0; i < 10; ++i) {
        const double radius = i % 2 == 0 ? r * 1.4 : r * 0.6;
        const double angle = -std::numbers::pi / 2 + i * std::numbers::pi / 5;
        const QPointF corner(at.x() + radius * std::cos(angle), at.y() + radius * std::sin(angle));
        i == 0 ? path.moveTo(corner) : path.lineTo(corner);
      }
      path.closeSubpath();
      painter.drawPath(path);
      break;
    }
    case PointMarker::kNone:
      break;
  }
  painter.restore();
}

ChartLegend::ChartLegend(QChart* chart) : QGraphicsObject(chart), chart_(chart) {
  base_margins_ = chart->margins();
  setZValue(10);
  connect(chart, &QChart::geometryChanged, this, &ChartLegend::relayout);
}

void ChartLegend::setEntries(const QList<LegendEntry>& entries) {
  entries_ = entries;
  relayout();
}

double ChartLegend::rowHeight() const {
  return std::max(QFontMetricsF(chart_->font()).height(), kMarker + 4) + 3;
}

double ChartLegend::entryWidth() const {
  const QFontMetricsF metrics(chart_->font());
  double widest = 0;
  for (const auto& e : entries_) widest = std::max(widest, metrics.horizontalAdvance(e.name));
  return kSwatch + kGap + widest + 2 * kGap;
}

QString ChartLegend::moreText() const {
  const auto hidden = entries_.size() - shown_;
  return hidden > 0 ? tr("+%1 more").arg(hidden) : QString();
}

int ChartLegend::columnsBelow(double chart_width) const {
  // As many columns as the chart's width holds, then as many rows as that takes.
  const double usable = chart_width - base_margins_.left() - base_margins_.right();
  const auto count = static_cast<int>(entries_.size());
  return std::clamp(static_cast<int>(std::floor(usable / entryWidth())), 1, std::max(count, 1));
}

int ChartLegend::rowsBelow(double chart_width, double chart_height) const {
  const auto count = static_cast<int>(entries_.size());
  const int columns = columnsBelow(chart_width);
  const int needed = (count + columns - 1) / columns;
  if (!summarised_) return needed;
  const int room =
      std::max(1, static_cast<int>(std::floor(kBelowShare * chart_height / rowHeight())));
  return std::min(needed, room);
}

void ChartLegend::setSummarised(bool summarised) {
  if (summarised == summarised_) return;
  summarised_ = summarised;
  relayout();
}

double ChartLegend::heightBelow(double chart_width) const {
  if (entries_.isEmpty()) return 0;
  return rowsBelow(chart_width, chart_->rect().height()) * rowHeight() + kGap;
}

void ChartLegend::fitEntries(int capacity) {
  // Entries past the capacity are summed up in its last slot.
  const auto count = static_cast<int>(entries_.size());
  shown_ = count <= capacity ? count : std::max(0, capacity - 1);
  QStringList hidden;
  for (int i = shown_; i < count; ++i) hidden << entries_[i].name;
  setToolTip(hidden.join(QLatin1Char('\n')));
}

void ChartLegend::setBelow(bool below) {
  if (below == below_) return;
  below_ = below;
  relayout();
}

void ChartLegend::setTopReserve(double reserve) {
  if (reserve == top_reserve_) return;
  top_reserve_ = reserve;
  relayout();
}

void ChartLegend::relayout() {
  if (laying_out_) return;  // setMargins() below changes the geometry again
  laying_out_ = true;
  prepareGeometryChange();
  const QRectF area = chart_->rect();
  const auto count = static_cast<int>(entries_.size());
  double width = 0;
  double height = 0;
  if (entries_.isEmpty()) {
    rows_ = 0;
    columns_ = 1;
    fitEntries(0);
  } else if (below_) {
    columns_ = columnsBelow(area.width());
    rows_ = rowsBelow(area.width(), area.height());
    fitEntries(rows_ * columns_);
    width = columns_ * entryWidth();
    height = rows_ * rowHeight();
  } else {
    // The rows that fit under the title; more entries than that make another column, as many
    // as leave the plot most of the width.
    const double title_room = (chart_->title().isEmpty() ? kGap : 3 * rowHeight()) + top_reserve_;
    const double usable = std::max(rowHeight(), area.height() - title_room - 2 * kGap);
    rows_ = std::max(1, static_cast<int>(std::floor(usable / rowHeight())));
    const int room =
        std::max(1, static_cast<int>(std::floor(kBesideShare * area.width() / entryWidth())));
    columns_ = (count + rows_ - 1) / rows_;
    if (summarised_) columns_ = std::min(room, columns_);
    fitEntries(rows_ * columns_);
    const int cells = shown_ + (shown_ < count ? 1 : 0);
    rows_ = (cells + columns_ - 1) / columns_;
    width = columns_ * entryWidth();
    height = rows_ * rowHeight();
  }
  const auto margin = [](double m) { return static_cast<int>(std::ceil(m)); };
  const int top = margin(base_margins_.top() + top_reserve_);
  if (below_) {
    chart_->setMargins(QMargins(margin(base_margins_.left()), top, margin(base_margins_.right()),
                                margin(base_margins_.bottom() + height + kGap)));
    setPos(area.center().x() - width / 2, area.bottom() - base_margins_.bottom() - height);
  } else {
    chart_->setMargins(QMargins(margin(base_margins_.left()), top,
                                static_cast<int>(base_margins_.right() + width),
                                margin(base_margins_.bottom())));
    setPos(area.right() - width - base_margins_.right() + kGap / 2, area.center().y() - height / 2);
  }
  setVisible(!entries_.isEmpty());
  update();
  laying_out_ = false;
}

QRectF ChartLegend::boundingRect() const {
  return QRectF(0, 0, columns_ * entryWidth(), rows_ * rowHeight());
}

void ChartLegend::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  painter->setRenderHint(QPainter::Antialiasing);
  // The screen's pixel size, as rowHeight() and entryWidth() measured it: a point size would be
  // resolved again at a printer's or PDF's resolution and print several times too large.
  QFont font = chart_->font();
  font.setPixelSize(QFontInfo(font).pixelSize());
  painter->setFont(font);
  const double row_height = rowHeight();
  const double column_width = entryWidth();
  for (int i = 0; i < shown_; ++i) {
    const LegendEntry& e = entries_[i];
    const double x = (i / rows_) * column_width;
    const double y = (i % rows_) * row_height + row_height / 2;
    QPen pen = e.pen;
    pen.setWidthF(std::max(2.0, pen.widthF()));
    painter->setPen(pen);
    if (e.line) painter->drawLine(QPointF(x, y), QPointF(x + kSwatch, y));
    const double marker_size = e.marker_size > 0 ? std::min(e.marker_size, row_height) : kMarker;
    drawPointMarker(*painter, e.marker, QPointF(x + kSwatch / 2, y), marker_size, pen.color());
    painter->setPen(chart_->legend()->labelColor());
    painter->drawText(QRectF(x + kSwatch + kGap, y - row_height / 2, column_width, row_height),
                      Qt::AlignLeft | Qt::AlignVCenter, e.name);
  }
  if (shown_ < entries_.size()) {
    const double x = (shown_ / rows_) * column_width;
    const double y = (shown_ % rows_) * row_height;
    painter->setPen(chart_->legend()->labelColor());
    painter->drawText(QRectF(x + kSwatch + kGap, y, column_width, row_height),
                      Qt::AlignLeft | Qt::AlignVCenter, moreText());
  }
}

}  // namespace metacf::ui
