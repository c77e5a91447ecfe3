#include "ui/simulator/embedding_chart.h"

#include <QChart>
#include <QFontMetricsF>
#include <QLegend>
#include <QLineSeries>
#include <QResizeEvent>
#include <QScatterSeries>
#include <QToolButton>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/charts/chart_legend.h"
#include "ui/charts/learner_palette.h"

namespace metacf::ui {
namespace {

constexpr int kMinimumHeight = 260;

QScatterSeries* scatter(const QString& name, const QColor& colour, double size,
                        QScatterSeries::MarkerShape shape) {
  auto* s = new QScatterSeries;
  s->setName(name);
  s->setColor(colour);
  s->setBorderColor(colour.darker(130));
  s->setMarkerSize(size);
  s->setMarkerShape(shape);
  return s;
}

QLineSeries* path_series(const QString& name) {
  auto* s = new QLineSeries;
  s->setName(name);
  s->setPointsVisible(true);
  return s;
}

// "metacf_g p0 → p3 (× 0.43)": a path's name says by how much it was drawn scaled; the legend's
// last line says what that means.
QString pathName(const QString& who, std::size_t last_step, double scale) {
  return EmbeddingChart::tr("%1 p0 → p%2 (× %3)").arg(who).arg(last_step).arg(scale, 0, 'g', 2);
}

}  // namespace

EmbeddingChart::EmbeddingChart(QWidget* parent) : ExportableChartView(new QChart, parent) {
  QChart* c = chart();
  c->setTitle(tr("Item embeddings and the user's path"));
  // Qt's legend cuts long entries ("user p0 →…") on screen and in every export; ours gives
  // every name whole beside the plot, as the training charts do.
  c->legend()->hide();
  c->setMargins(QMargins(4, 4, 4, 4));
  legend_ = new ChartLegend(c);
  legend_->setSummarised(false);  // its few entries are all shown; the chart grows to hold them
  setMarginOwner(legend_);
  // Okabe-Ito hues for the item roles; the paths take their learner's colour.
  items_ = scatter(tr("items"), QColor(0xc8, 0xc8, 0xc8), 5, QScatterSeries::MarkerShapeCircle);
  items_->setBorderColor(QColor(0xc8, 0xc8, 0xc8));
  top_ = scatter(tr("top-N"), QColor(0x00, 0x72, 0xb2), 9, QScatterSeries::MarkerShapeCircle);
  query_ =
      scatter(tr("query items"), QColor(0x00, 0x9e, 0x73), 12, QScatterSeries::MarkerShapeTriangle);
  clicked_ = scatter(tr("clicked"), QColor(0xd5, 0x5e, 0x00), 14, QScatterSeries::MarkerShapeStar);
  trajectory_ = path_series(tr("user p0 → pK"));
  current_ = scatter(tr("p at this step"), QColor(0x33, 0x22, 0x88), 13,
                     QScatterSeries::MarkerShapeRotatedRectangle);
  second_trajectory_ = path_series(tr("second learner p0 → pK"));
  QPen dashed = second_trajectory_->pen();
  dashed.setStyle(Qt::DashLine);
  dashed.setWidthF(2);
  second_trajectory_->setPen(dashed);
  second_current_ = scatter(tr("second p at this step"), QColor(0xcc, 0x66, 0x77), 11,
                            QScatterSeries::MarkerShapeRectangle);
  x_ = new QValueAxis;
  y_ = new QValueAxis;
  x_->setTitleText(tr("PC 1"));
  y_->setTitleText(tr("PC 2"));
  c->addAxis(x_, Qt::AlignBottom);
  c->addAxis(y_, Qt::AlignLeft);
  for (QAbstractSeries* s :
       std::initializer_list<QAbstractSeries*>{items_, top_, query_, clicked_, trajectory_,
                                               current_, second_trajectory_, second_current_}) {
    c->addSeries(s);
    s->attachAxis(x_);
    s->attachAxis(y_);
  }
  updateLegend();
  for (QScatterSeries* s : {items_, top_, query_, clicked_}) {
    connect(s, &QScatterSeries::hovered, this, [this](const QPointF& point, bool state) {
      if (state)
        QToolTip::showText(QCursor::pos(), itemTipAt(point), this);
      else
        QToolTip::hideText();
    });
  }
  reset_button_ = new QToolButton(this);
  reset_button_->setText(tr("Reset view"));
  reset_button_->setToolTip(tr("Show every point again (also: double-click the chart)"));
  reset_button_->setAutoRaise(true);
  connect(reset_button_, &QToolButton::clicked, this, &EmbeddingChart::resetView);
  setMinimumHeight(kMinimumHeight);
  setToolTip(
      tr("Every item of the run on the first two principal components of the item "
         "matrix Q (each axis title gives the share of the items' variance it shows). "
         "The user's embedding p is a direction: the items it ranks highest lie the way "
         "it points from the centre of the cloud. Its length never changes the ranking, so its "
         "path is drawn at the cloud's size: \"× 0.43\" means drawn 0.43 times as long. "
         "Wheel: zoom; drag: pan; double-click: show everything."));
}

void EmbeddingChart::setTitleLookup(std::function<QString(std::int32_t)> title_of) {
  title_of_ = std::move(title_of);
}

void EmbeddingChart::setProjection(std::shared_ptr<const Projection2D> projection,
                                   std::int32_t dimensions) {
  projection_ = std::move(projection);
  dimensions_ = dimensions;
  clearState();
  QList<QPointF> points;
  std::vector<float> radii;
  if (projection_) {
    const auto& p = projection_->points;
    points.reserve(p.rows());
    for (Eigen::Index v = 0; v < p.rows(); ++v) {
      points.append(QPointF(p(v, 0), p(v, 1)));
      radii.push_back(p.row(v).norm());
    }
  }
  items_->replace(points);
  // The 98th percentile, so one far-off item does not make every path a dot.
  extent_ = 1;
  if (!radii.empty()) {
    const auto at = radii.begin() + static_cast<std::ptrdiff_t>(radii.size() * 98 / 100);
    std::nth_element(radii.begin(), at, radii.end());
    extent_ = std::max(*at, 1e-6f);
  }
  const double total = projection_ ? std::max(projection_->total_variance, 1e-12) : 1.0;
  const auto percent = [&](int axis) {
    return projection_ ? 100.0 * projection_->variance[axis] / total : 0.0;
  };
  x_->setTitleText(tr("PC 1 (%1 %)").arg(percent(0), 0, 'f', 1));
  y_->setTitleText(tr("PC 2 (%1 %)").arg(percent(1), 0, 'f', 1));
  fitHeightToAxisTitle();
  fitAll();
}

QList<QPointF> EmbeddingChart::itemPoints(const std::vector<std::int32_t>& items) const {
  QList<QPointF> out;
  if (!projection_) return out;
  for (auto v : items) {
    if (v < 0 || v >= projection_->points.rows()) continue;
    out.append(QPointF(projection_->points(v, 0), projection_->points(v, 1)));
  }
  return out;
}

void EmbeddingChart::clearState() {
  top_->clear();
  clicked_->clear();
  query_->clear();
  trajectory_->clear();
  current_->clear();
  second_trajectory_->clear();
  second_current_->clear();
  second_shown_ = false;
  note_.clear();
  updateLegend();
}

int EmbeddingChart::trajectoryPoints() const { return static_cast<int>(trajectory_->count()); }
int EmbeddingChart::secondTrajectoryPoints() const {
  return static_cast<int>(second_trajectory_->count());
}

QList<QPointF> EmbeddingChart::pathOf(const std::vector<StepList>& steps, double* scale) const {
  QList<QPointF> path;
  float longest = 0;
  for (const auto& s : steps) {
    const Eigen::Vector2f p = projection_->project_direction(s.params);
    path.append(QPointF(p.x(), p.y()));
    longest = std::max(longest, p.norm());
  }
  // p and q differ in scale (a score is their inner product, so p's length never changes its
  // ranking, only its direction does): the path is drawn at the cloud's size, its farthest
  // point at 90% of the cloud's radius, so that its moves can be seen; the legend says so.
  *scale = longest > 0 ? 0.9 * extent_ / longest : 1;
  for (auto& point : path) point *= *scale;
  return path;
}

void EmbeddingChart::showState(const std::vector<std::int32_t>& clicks,
                               const std::vector<std::int32_t>& query,
                               const std::vector<StepList>& steps, int step,
                               const QString& learner) {
  clearState();
  if (!projection_) {
    note_ =
        tr("This run stored no item matrix Q (none of its learners reads one, so it did not "
           "pretrain): there is no embedding space to draw.");
    return;
  }
  clicked_->replace(itemPoints(clicks));
  query_->replace(itemPoints(query));
  if (steps.empty()) return fitAll();
  step = std::clamp(step, 0, static_cast<int>(steps.size()) - 1);
  std::vector<std::int32_t> top;
  for (const auto& item : steps[static_cast<std::size_t>(step)].items) top.push_back(item.item);
  top_->replace(itemPoints(top));

  const auto& params = steps.front().params;
  if (params.size() == 0) {
    note_ = tr("%1 does not adapt a user embedding: no path to draw.").arg(learner);
  } else if (params.size() != dimensions_) {
    note_ = tr("%1's adapted state (%2 numbers) is not one user vector in Q's "
               "%3-dimensional space: no path to draw.")
                .arg(learner)
                .arg(params.size())
                .arg(dimensions_);
  }
  if (!note_.isEmpty()) {
    trajectory_->setName(tr("user p0 → pK"));
    updateLegend();
    return fitAll();
  }
  double scale = 1;
  const QList<QPointF> path = pathOf(steps, &scale);
  const QColor colour = learnerColor(learner);
  trajectory_->setColor(colour);
  current_->setColor(colour);
  trajectory_->replace(path);
  const QString who = learner.isEmpty() ? tr("user") : learner;
  trajectory_->setName(pathName(who, steps.size() - 1, scale));
  current_->replace({path[step]});
  updateLegend();
  fitAll();
}

void EmbeddingChart::showSecondPath(const std::vector<StepList>& steps, int step,
                                    const QString& learner) {
  second_trajectory_->clear();
  second_current_->clear();
  const bool drawable = projection_ && !steps.empty() &&
                        steps.front().params.size() == dimensions_ && dimensions_ > 0;
  // The second learner's entries are in the legend only while it has a path.
  second_shown_ = drawable;
  updateLegend();
  if (!drawable) return fitAll();
  step = std::clamp(step, 0, static_cast<int>(steps.size()) - 1);
  double scale = 1;
  const QList<QPointF> path = pathOf(steps, &scale);
  const QColor colour = learnerColor(learner);
  QPen pen = second_trajectory_->pen();
  pen.setColor(colour);
  second_trajectory_->setPen(pen);
  second_current_->setColor(colour);
  second_trajectory_->replace(path);
  second_trajectory_->setName(pathName(learner, steps.size() - 1, scale));
  second_current_->setName(tr("%1 p at this step").arg(learner));
  second_current_->replace({path[step]});
  updateLegend();
  fitAll();
}

void EmbeddingChart::updateLegend() {
  const auto points_of = [](const QScatterSeries* s, PointMarker marker) {
    LegendEntry entry{s->name(), QPen(s->color()), marker};
    entry.line = false;
    entry.marker_size = s->markerSize();
    return entry;
  };
  QList<LegendEntry> entries{points_of(items_, PointMarker::kCircle),
                             points_of(top_, PointMarker::kCircle),
                             points_of(query_, PointMarker::kTriangle),
                             points_of(clicked_, PointMarker::kStar),
                             {trajectory_->name(), trajectory_->pen(), PointMarker::kCircle},
                             points_of(current_, PointMarker::kDiamond)};
  if (second_shown_) {
    entries.append({second_trajectory_->name(), second_trajectory_->pen(), PointMarker::kCircle});
    entries.append(points_of(second_current_, PointMarker::kSquare));
  }
  if (trajectory_->count() > 0 || second_shown_) {
    // p's length never changes its ranking (only its direction does), so the path is drawn at
    // the cloud's size and the factor is named in words.
    LegendEntry why{tr("× k: p drawn k times as long"), QPen(Qt::transparent)};
    why.line = false;
    entries.append(why);
  }
  legend_->setEntries(entries);
  placeLegend();
  fitHeightToAxisTitle();
}

void EmbeddingChart::fitHeightToAxisTitle() {
  // Tall enough that the plot holds the PC 2 axis title whole (Qt Charts elides it), with a
  // legend below the plot and the room kept above the title for the corner buttons.
  const double axis_title = QFontMetricsF(y_->titleFont()).horizontalAdvance(y_->titleText());
  const double legend = legend_->below() ? legend_->heightBelow(width()) : 0;
  const double needed = axis_title + heightAroundPlot() + legend + legend_->topReserve();
  setMinimumHeight(std::max(kMinimumHeight, static_cast<int>(std::ceil(needed))));
}

void EmbeddingChart::placeLegend() {
  // Beside the plot while that leaves the plot over half the width; below it only on a narrow
  // view, where a column of long path names would push the chart wider than the view (below,
  // the legend's rows take height a small window does not have to spare).
  legend_->setBelow(legend_->entryWidth() > 0.45 * width());
  fitChartToView();
}

std::vector<QPointF> EmbeddingChart::drawnPoints() const {
  std::vector<QPointF> out;
  for (const QXYSeries* s :
       std::initializer_list<const QXYSeries*>{items_, top_, query_, clicked_, trajectory_,
                                               current_, second_trajectory_, second_current_}) {
    const QList<QPointF> points = s->points();
    out.insert(out.end(), points.begin(), points.end());
  }
  return out;
}

QRectF EmbeddingChart::axisRange() const {
  return QRectF(QPointF(x_->min(), y_->min()), QPointF(x_->max(), y_->max()));
}

void EmbeddingChart::fitAll() {
  // Every point, not a symmetric box around the origin: top-N and clicked items far from the
  // centre (and a cloud off-centre) must stay in view.
  double x_low = std::numeric_limits<double>::infinity(), x_high = -x_low;
  double y_low = x_low, y_high = -x_low;
  for (const QPointF& p : drawnPoints()) {
    x_low = std::min(x_low, p.x());
    x_high = std::max(x_high, p.x());
    y_low = std::min(y_low, p.y());
    y_high = std::max(y_high, p.y());
  }
  if (x_low > x_high) {
    x_->setRange(-1, 1);
    y_->setRange(-1, 1);
    return;
  }
  const double pad_x = std::max(1e-6, 0.06 * (x_high - x_low));
  const double pad_y = std::max(1e-6, 0.06 * (y_high - y_low));
  x_->setRange(x_low - pad_x, x_high + pad_x);
  y_->setRange(y_low - pad_y, y_high + pad_y);
}

void EmbeddingChart::resetView() {
  chart()->zoomReset();
  fitAll();
}

QString EmbeddingChart::itemTipAt(const QPointF& value) const {
  if (!projection_ || projection_->points.rows() == 0) return {};
  Eigen::Index best = 0;
  double best_d = std::numeric_limits<double>::infinity();
  for (Eigen::Index v = 0; v < projection_->points.rows(); ++v) {
    const double dx = projection_->points(v, 0) - value.x();
    const double dy = projection_->points(v, 1) - value.y();
    if (dx * dx + dy * dy < best_d) {
      best_d = dx * dx + dy * dy;
      best = v;
    }
  }
  const auto item = static_cast<std::int32_t>(best);
  const QString title = title_of_ ? title_of_(item) : QString();
  return title.isEmpty() ? tr("item %1").arg(item) : tr("%1 (item %2)").arg(title).arg(item);
}

int EmbeddingChart::cornerWidth() const {
  const int reset = reset_button_ ? reset_button_->sizeHint().width() + 4 : 0;
  return ExportableChartView::cornerWidth() + reset;
}

void EmbeddingChart::resizeEvent(QResizeEvent* event) {
  placeLegend();
  ExportableChartView::resizeEvent(event);
  const QSize hint = reset_button_->sizeHint();
  reset_button_->setGeometry(width() - cornerWidth(), 4, hint.width(), hint.height());
  reset_button_->raise();
  fitHeightToAxisTitle();  // after the base class has set the room above the title
}

}  // namespace metacf::ui
