#pragma once
// The items of Q in the plane of its first two principal components, with the new user's
// clicks, the current top-N, a replayed user's query items, and each learner's user embedding
// p after each step (p0 -> pK) drawn in the same plane. The axes always hold every point drawn;
// the wheel zooms, dragging pans, a double-click or "Reset view" shows everything again, and
// hovering an item shows its title. The legend beside the plot gives every name whole, on
// screen and in exports (embedding_chart_navigation.cpp: zoom and pan).
#include <QPointF>
#include <QRectF>
#include <functional>
#include <memory>
#include <vector>

#include "core/simulate/new_user_simulation.h"
#include "core/simulate/projection.h"
#include "ui/charts/exportable_chart_view.h"

class QLineSeries;
class QScatterSeries;
class QToolButton;
class QValueAxis;

namespace metacf::ui {

class ChartLegend;

class EmbeddingChart : public ExportableChartView {
  Q_OBJECT
 public:
  explicit EmbeddingChart(QWidget* parent = nullptr);

  // Draws every item once; called when the run or the seed changes.
  void setProjection(std::shared_ptr<const Projection2D> projection, std::int32_t dimensions);
  // The title of an item, for the hover tooltip (none: "item N").
  void setTitleLookup(std::function<QString(std::int32_t)> title_of);
  // `steps` are one learner's lists after the current click; `step` is the one shown.
  // `learner` names it in the note that says why a trajectory is missing.
  void showState(const std::vector<std::int32_t>& clicks, const std::vector<std::int32_t>& query,
                 const std::vector<StepList>& steps, int step, const QString& learner);
  // The second learner's path beside the first (call after showState); empty steps hide it.
  void showSecondPath(const std::vector<StepList>& steps, int step, const QString& learner);
  void clearState();
  // Shows every point again after zooming or panning.
  void resetView();

  // Why the trajectory is hidden (empty when it is drawn): MeLU adapts no vector in Q's space.
  [[nodiscard]] QString trajectoryNote() const { return note_; }
  [[nodiscard]] int trajectoryPoints() const;
  [[nodiscard]] int secondTrajectoryPoints() const;
  // Every point drawn, and the axes' ranges as a rectangle (x: PC 1, y: PC 2).
  [[nodiscard]] std::vector<QPointF> drawnPoints() const;
  [[nodiscard]] QRectF axisRange() const;
  // The legend beside the plot: one entry per series shown, its name in full.
  [[nodiscard]] ChartLegend* legend() const { return legend_; }
  // The title of the item nearest `value` (chart coordinates), as the hover shows it.
  [[nodiscard]] QString itemTipAt(const QPointF& value) const;

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  [[nodiscard]] int cornerWidth() const override;

 private:
  QList<QPointF> itemPoints(const std::vector<std::int32_t>& items) const;
  // The path of p0..pK in the plane, scaled to the cloud; sets `scale`.
  QList<QPointF> pathOf(const std::vector<StepList>& steps, double* scale) const;
  void fitAll();
  void updateLegend();
  void placeLegend();
  void fitHeightToAxisTitle();

  std::shared_ptr<const Projection2D> projection_;
  std::int32_t dimensions_ = 0;
  float extent_ = 1;  // the cloud's radius (a high percentile), to fit the trajectory to it
  std::function<QString(std::int32_t)> title_of_;
  QScatterSeries* items_ = nullptr;
  QScatterSeries* top_ = nullptr;
  QScatterSeries* clicked_ = nullptr;
  QScatterSeries* query_ = nullptr;
  QLineSeries* trajectory_ = nullptr;
  QScatterSeries* current_ = nullptr;
  QLineSeries* second_trajectory_ = nullptr;
  QScatterSeries* second_current_ = nullptr;
  QValueAxis* x_ = nullptr;
  QValueAxis* y_ = nullptr;
  QToolButton* reset_button_ = nullptr;
  ChartLegend* legend_ = nullptr;
  bool second_shown_ = false;  // the second learner has a path (and entries in the legend)
  QString note_;
  bool panning_ = false;
  QPoint last_mouse_;
};

}  // namespace metacf::ui
