#include "ui/charts/curve_chart.h"

#include <QFontMetricsF>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QPainter>
#include <QResizeEvent>
#include <QValueAxis>
#include <cmath>
#include <limits>

namespace metacf::ui {
namespace {

constexpr int kRedrawMs = 100;  // at most ~10 redraws a second, however fast points come
constexpr int kMinimumHeight = 220;

// Pads a range so lines do not touch the frame, and gives a flat series some height.
std::pair<double, double> padded(double low, double high, bool from_zero) {
  if (from_zero && low >= 0) low = 0;
  if (high - low < 1e-9) {
    const double pad = std::max(1e-3, std::abs(high) * 0.1);
    return {low - (from_zero && low >= 0 ? 0 : pad), high + pad};
  }
  const double pad = (high - low) * 0.05;
  return {from_zero && low >= 0 ? low : low - pad, high + pad};
}

// Qt labels a value axis with one decimal more than its tick step needs ("0.150" for steps of
// 0.05), which a narrow chart then cuts to "0.1...": as many decimals as the ticks need.
void labelTicksExactly(QValueAxis* axis) {
  const double step = (axis->max() - axis->min()) / std::max(1, axis->tickCount() - 1);
  int decimals = 0;
  for (double scaled = step; decimals < 6; ++decimals, scaled *= 10) {
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) break;
  }
  axis->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
}

// A point marker as the image Qt Charts stamps on every point of a series.
QImage markerImage(PointMarker marker, const QColor& color) {
  constexpr int kSize = 10;
  QImage image(kSize, kSize, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  drawPointMarker(painter, marker, QPointF(kSize / 2.0, kSize / 2.0), kSize - 3, color);
  return image;
}

}  // namespace

CurveChart::CurveChart(const QString& title, const QString& x_title, const QString& y_title,
                       QWidget* parent)
    : ExportableChartView(new QChart(), parent) {
  QChart* c = chart();
  c->setTitle(title);
  c->setMargins(QMargins(4, 4, 4, 4));
  c->legend()->hide();
  legend_ = new ChartLegend(c);
  setMarginOwner(legend_);
  x_axis_ = new QValueAxis(c);
  x_axis_->setTitleText(x_title);
  x_axis_->setLabelFormat(QStringLiteral("%d"));
  x_axis_->setRange(0, 10);
  x_axis_->setTickType(QValueAxis::TicksDynamic);
  x_axis_->setTickAnchor(0);
  x_axis_->setTickInterval(2);
  y_axis_ = new QValueAxis(c);
  y_axis_->setRange(0, 1);
  c->addAxis(x_axis_, Qt::AlignBottom);
  c->addAxis(y_axis_, Qt::AlignLeft);
  setMinimumWidth(280);
  setLeftAxisTitle(y_title);
  redraw_.setInterval(kRedrawMs);
  redraw_.setSingleShot(true);
  connect(&redraw_, &QTimer::timeout, this, &CurveChart::flush);
  empty_ = new QLabel(tr("No points yet"), viewport());
  empty_->setAlignment(Qt::AlignCenter);
  empty_->setStyleSheet(QStringLiteral("color: #888; background: transparent;"));
  empty_->setAttribute(Qt::WA_TransparentForMouseEvents);
}

void CurveChart::setEmptyText(const QString& text) {
  empty_->setText(text);
  updateEmptyText();
}

void CurveChart::resizeEvent(QResizeEvent* event) {
  ExportableChartView::resizeEvent(event);
  updateEmptyText();
}

void CurveChart::updateEmptyText() {
  empty_->setGeometry(viewport()->rect());
  empty_->setVisible(order_.isEmpty());
}

void CurveChart::setRightAxisTitle(const QString& title) {
  if (!right_axis_) {
    right_axis_ = new QValueAxis(chart());
    right_axis_->setRange(0, 1);
    chart()->addAxis(right_axis_, Qt::AlignRight);
  }
  right_axis_->setTitleText(title);
  fitHeightToAxisTitles();
}

void CurveChart::setLeftAxisTitle(const QString& title) {
  y_axis_->setTitleText(title);
  fitHeightToAxisTitles();
}

void CurveChart::fitHeightToAxisTitles() {
  const QFontMetricsF metrics(y_axis_->titleFont());
  double longest = metrics.horizontalAdvance(y_axis_->titleText());
  if (right_axis_) {
    longest = std::max(
        longest,
        QFontMetricsF(right_axis_->titleFont()).horizontalAdvance(right_axis_->titleText()));
  }
  setMinimumHeight(
      std::max(kMinimumHeight, static_cast<int>(std::ceil(longest + heightAroundPlot()))));
}

void CurveChart::ensureSeries(const QString& name, const Style& style) {
  if (series_.contains(name)) return;
  auto* s = new QLineSeries(chart());
  s->setName(name);
  chart()->addSeries(s);
  QPen pen = s->pen();
  if (style.color.isValid()) pen.setColor(style.color);
  pen.setStyle(style.pen);
  pen.setWidthF(1.8);
  s->setPen(pen);
  PointMarker marker = style.marker;
  if (style.markers && marker == PointMarker::kNone) marker = PointMarker::kCircle;
  if (marker != PointMarker::kNone) {
    s->setLightMarker(markerImage(marker, pen.color()));
    s->setMarkerSize(10);
  }
  marker_of_.insert(name, marker);
  const Axis axis = style.axis == Axis::kRight && right_axis_ ? Axis::kRight : Axis::kLeft;
  s->attachAxis(x_axis_);
  s->attachAxis(axis == Axis::kRight ? right_axis_ : y_axis_);
  series_.insert(name, s);
  axis_of_.insert(name, axis);
  order_.append(name);
  updateEmptyText();
  updateLegend();
}

void CurveChart::updateLegend() {
  QList<LegendEntry> entries;
  for (const QString& name : order_) {
    entries.append({name, series_.value(name)->pen(), marker_of_.value(name)});
  }
  legend_->setEntries(entries);
}

void CurveChart::addErrorBar(const QString& name, double x, double low, double high, double cap) {
  const QLineSeries* owner = series_.value(name);
  if (!owner || !std::isfinite(low) || !std::isfinite(high)) return;
  auto* bar = new QLineSeries(chart());
  QPen pen = owner->pen();
  pen.setStyle(Qt::SolidLine);
  pen.setWidthF(1.2);
  bar->setPen(pen);
  bar->append({QPointF(x - cap, low), QPointF(x + cap, low), QPointF(x, low), QPointF(x, high),
               QPointF(x - cap, high), QPointF(x + cap, high)});
  chart()->addSeries(bar);
  bar->attachAxis(x_axis_);
  bar->attachAxis(axis_of_.value(name) == Axis::kRight && right_axis_ ? right_axis_ : y_axis_);
  error_bars_.append(bar);
  if (!redraw_.isActive()) redraw_.start();
}

void CurveChart::setLevel(const QString& name, const Style& style, double y) {
  if (!std::isfinite(y)) return;
  ensureSeries(name, style);
  levels_.insert(name, y);
  if (!redraw_.isActive()) redraw_.start();
}

void CurveChart::addPoint(const QString& name, double x, double y) {
  if (!std::isfinite(x) || !std::isfinite(y)) return;
  if (!series_.contains(name)) ensureSeries(name, {});
  pending_[name].append(QPointF(x, y));
  if (!redraw_.isActive()) redraw_.start();
}

void CurveChart::clearSeries() {
  redraw_.stop();
  pending_.clear();
  chart()->removeAllSeries();  // deletes them
  series_.clear();
  axis_of_.clear();
  levels_.clear();
  marker_of_.clear();
  error_bars_.clear();
  x_padding_ = 0;
  order_.clear();
  updateLegend();
  x_axis_->setRange(0, 10);
  x_axis_->setTickInterval(2);
  y_axis_->setRange(0, 1);
  if (right_axis_) right_axis_->setRange(0, 1);
  updateEmptyText();
}

void CurveChart::flush() {
  redraw_.stop();
  if (pending_.isEmpty() && error_bars_.isEmpty() && levels_.isEmpty()) return;
  for (auto it = pending_.cbegin(); it != pending_.cend(); ++it) {
    if (QLineSeries* s = series_.value(it.key())) s->append(it.value());
  }
  pending_.clear();
  rescale();
}

int CurveChart::pointCount(const QString& name) const {
  const QLineSeries* s = series_.value(name);
  return (s ? s->count() : 0) + static_cast<int>(pending_.value(name).size());
}

void CurveChart::rescale() {
  constexpr double inf = std::numeric_limits<double>::infinity();
  double x_low = inf, x_high = -inf;
  double low[2] = {inf, inf}, high[2] = {-inf, -inf};
  for (const QString& name : order_) {
    const int a = axis_of_.value(name) == Axis::kRight ? 1 : 0;
    if (const auto level = levels_.constFind(name); level != levels_.cend()) {
      low[a] = std::min(low[a], *level);
      high[a] = std::max(high[a], *level);
      continue;
    }
    for (const QPointF& p : series_.value(name)->points()) {
      x_low = std::min(x_low, p.x());
      x_high = std::max(x_high, p.x());
      low[a] = std::min(low[a], p.y());
      high[a] = std::max(high[a], p.y());
    }
  }
  for (QLineSeries* bar : error_bars_) {
    const int a = bar->attachedAxes().contains(right_axis_) ? 1 : 0;
    for (const QPointF& p : bar->points()) {
      x_low = std::min(x_low, p.x());
      x_high = std::max(x_high, p.x());
      low[a] = std::min(low[a], p.y());
      high[a] = std::max(high[a], p.y());
    }
  }
  if (x_low > x_high && levels_.isEmpty()) return;
  if (x_low > x_high) {  // levels alone: they span the axis as it is
    x_low = x_axis_->min();
    x_high = x_axis_->max();
  }
  // Markers at the first and last x were cut in half by the plot's edge: keep half a step clear.
  const bool marked = std::any_of(marker_of_.cbegin(), marker_of_.cend(),
                                  [](PointMarker m) { return m != PointMarker::kNone; });
  const double pad = marked ? std::max(x_padding_, 0.5) : x_padding_;
  x_low -= pad;
  x_high += pad;
  // Every x of our charts is a whole number (epochs, support sizes): integer ticks.
  const double span = std::max(1.0, x_high - x_low);
  x_axis_->setRange(std::floor(x_low), std::ceil(x_low + span));
  // Whole-number ticks at 1, 2 or 5 times a power of ten, about eight of them.
  double step = 1;
  while (span / step > 8) {
    step *= (QString::number(step).startsWith(QLatin1Char('2'))) ? 2.5 : 2;
  }
  x_axis_->setTickType(QValueAxis::TicksDynamic);
  x_axis_->setTickAnchor(0);
  x_axis_->setTickInterval(step);
  for (auto it = levels_.cbegin(); it != levels_.cend(); ++it) {
    series_.value(it.key())->replace(
        {QPointF(x_axis_->min(), it.value()), QPointF(x_axis_->max(), it.value())});
  }
  if (low[0] <= high[0]) {
    const auto [l, h] = padded(low[0], high[0], true);
    y_axis_->setRange(l, h);
    y_axis_->applyNiceNumbers();  // ticks at round values
    labelTicksExactly(y_axis_);
  }
  if (right_axis_ && low[1] <= high[1]) {
    const auto [l, h] = padded(low[1], high[1], true);
    right_axis_->setRange(l, h);
    right_axis_->applyNiceNumbers();
    labelTicksExactly(right_axis_);
  }
}

}  // namespace metacf::ui
