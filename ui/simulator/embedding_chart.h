#pragma once
// The items of Q in the plane of its first two principal components, with the new user's
// clicks, the current top-N, a replayed user's query items, and the user's embedding p after
// each step (p0 -> pK) drawn in the same plane.
#include <QChartView>
#include <memory>
#include <vector>

#include "core/simulate/new_user_simulation.h"
#include "core/simulate/projection.h"

class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace metacf::ui {

class EmbeddingChart : public QChartView {
  Q_OBJECT
 public:
  explicit EmbeddingChart(QWidget* parent = nullptr);

  // Draws every item once; called when the run or the seed changes.
  void setProjection(std::shared_ptr<const Projection2D> projection, std::int32_t dimensions);
  // `steps` are one learner's lists after the current click; `step` is the one shown.
  // `learner` names it in the note that says why a trajectory is missing.
  void showState(const std::vector<std::int32_t>& clicks, const std::vector<std::int32_t>& query,
                 const std::vector<StepList>& steps, int step, const QString& learner);
  void clearState();

  // Why the trajectory is hidden (empty when it is drawn): MeLU adapts no vector in Q's space.
  [[nodiscard]] QString trajectoryNote() const { return note_; }
  [[nodiscard]] int trajectoryPoints() const;

 private:
  QList<QPointF> itemPoints(const std::vector<std::int32_t>& items) const;

  std::shared_ptr<const Projection2D> projection_;
  std::int32_t dimensions_ = 0;
  float extent_ = 1;  // the cloud's radius (a high percentile), to fit the trajectory to it
  QScatterSeries* items_ = nullptr;
  QScatterSeries* top_ = nullptr;
  QScatterSeries* clicked_ = nullptr;
  QScatterSeries* query_ = nullptr;
  QLineSeries* trajectory_ = nullptr;
  QScatterSeries* current_ = nullptr;
  QValueAxis* x_ = nullptr;
  QValueAxis* y_ = nullptr;
  QString note_;
};

}  // namespace metacf::ui
