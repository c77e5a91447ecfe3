#include "ui/simulator/embedding_chart.h"

#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace metacf::ui {
namespace {

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

}  // namespace

EmbeddingChart::EmbeddingChart(QWidget* parent) : QChartView(parent) {
  auto* chart = new QChart;
  chart->setTitle(tr("Item embeddings (PCA of Q) and the user's path"));
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->setMargins(QMargins(4, 4, 4, 4));
  items_ = scatter(tr("items"), QColor(0xc8, 0xc8, 0xc8), 5, QScatterSeries::MarkerShapeCircle);
  items_->setBorderColor(QColor(0xc8, 0xc8, 0xc8));
  top_ = scatter(tr("top-N"), QColor(0x1f, 0x6f, 0xc5), 9, QScatterSeries::MarkerShapeCircle);
  query_ = scatter(tr("query items"), QColor(0x2e, 0x8b, 0x3d), 12,
                   QScatterSeries::MarkerShapeTriangle);
  clicked_ = scatter(tr("clicked"), QColor(0xe6, 0x7e, 0x22), 14, QScatterSeries::MarkerShapeStar);
  trajectory_ = new QLineSeries;
  trajectory_->setName(tr("user p0 → pK"));
  trajectory_->setColor(QColor(0x8e, 0x44, 0xad));
  trajectory_->setPointsVisible(true);
  current_ = scatter(tr("p at this step"), QColor(0x8e, 0x44, 0xad), 13,
                     QScatterSeries::MarkerShapeRotatedRectangle);
  x_ = new QValueAxis;
  y_ = new QValueAxis;
  x_->setTitleText(tr("PC 1"));
  y_->setTitleText(tr("PC 2"));
  chart->addAxis(x_, Qt::AlignBottom);
  chart->addAxis(y_, Qt::AlignLeft);
  for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{items_, top_, query_, clicked_,
                                                                    trajectory_, current_}) {
    chart->addSeries(s);
    s->attachAxis(x_);
    s->attachAxis(y_);
  }
  setChart(chart);
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(260);
  setToolTip(tr("Every item of the run on the first two principal components of the item "
                "matrix Q (each axis title gives the share of the items' variance it shows). "
                "The user's embedding p is a direction: the items it ranks "
                "highest lie the way it points from the centre of the cloud."));
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
  // The 98th percentile, so one far-off item does not shrink the rest.
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
  const double r = 1.15 * extent_;
  x_->setRange(-r, r);
  y_->setRange(-r, r);
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
  note_.clear();
}

int EmbeddingChart::trajectoryPoints() const { return static_cast<int>(trajectory_->count()); }

void EmbeddingChart::showState(const std::vector<std::int32_t>& clicks,
                               const std::vector<std::int32_t>& query,
                               const std::vector<StepList>& steps, int step,
                               const QString& learner) {
  clearState();
  if (!projection_) return;
  clicked_->replace(itemPoints(clicks));
  query_->replace(itemPoints(query));
  if (steps.empty()) return;
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
    return;
  }
  QList<QPointF> path;
  float longest = 0;
  for (const auto& s : steps) {
    const Eigen::Vector2f p = projection_->project_direction(s.params);
    path.append(QPointF(p.x(), p.y()));
    longest = std::max(longest, p.norm());
  }
  // p and q differ in scale (a score is their inner product); the path is scaled to the cloud
  // when it would leave it or shrink to a dot, and the legend says by how much.
  double scale = 1;
  if (longest > extent_ || longest < 0.25f * extent_) scale = longest > 0 ? 0.9 * extent_ / longest : 1;
  for (auto& point : path) point *= scale;
  trajectory_->replace(path);
  trajectory_->setName(std::abs(scale - 1) < 1e-9
                           ? tr("user p0 → p%1").arg(steps.size() - 1)
                           : tr("user p0 → p%1 (× %2)").arg(steps.size() - 1).arg(scale, 0, 'g', 2));
  current_->replace({path[step]});
}

}  // namespace metacf::ui
