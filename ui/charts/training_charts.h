#pragma once
// The three training charts of a run: pretraining (loss and validation HR per epoch),
// meta-training loss per learner, and validation HR/NDCG per learner. Holds every curve point
// of the run so the seed shown can be changed without asking the store again.
#include <QHash>
#include <QWidget>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/store/curve_point.h"
#include "ui/charts/chart_legend.h"

class QComboBox;

namespace metacf::ui {

class CurveChart;

class TrainingCharts : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingCharts(QWidget* parent = nullptr);

  // Forgets every point. `several_ks` adds "K=.." to learner labels, `several_seeds` adds
  // "s<seed>" while every seed is shown; `top_n` names the metric.
  void reset(bool several_ks, bool several_seeds, int top_n);
  void addPoints(const std::vector<CurvePoint>& points);
  // Draws everything buffered now instead of at the next redraw tick.
  void flush();

  // The seed shown; none = every seed (each its own series).
  void showSeed(std::optional<std::uint64_t> seed);
  [[nodiscard]] QComboBox* seedBox() const { return seed_box_; }
  // The K shown; none = every K. A K sweep of eight learners is 40 series: one K at a time
  // keeps the legend readable.
  void showK(std::optional<int> k);
  [[nodiscard]] QComboBox* kBox() const { return k_box_; }

  [[nodiscard]] CurveChart* pretrainChart() const { return pretrain_; }
  [[nodiscard]] CurveChart* metaLossChart() const { return meta_loss_; }
  [[nodiscard]] CurveChart* validationChart() const { return validation_; }
  [[nodiscard]] QList<CurveChart*> charts() const { return {pretrain_, meta_loss_, validation_}; }

 private:
  void plot(const CurvePoint& point);
  void replot();
  void noteSeed(std::uint64_t seed);
  [[nodiscard]] bool shown(const CurvePoint& point) const;
  [[nodiscard]] QString seedSuffix(std::uint64_t seed) const;
  [[nodiscard]] QColor colorOf(const QString& label);
  // The score a learner fitted in phases reports at the end of its fit, as level lines.
  void plotFinalScore(const QString& label, const QColor& color, const CurvePoint& p);
  // A learner shown for several K or seeds keeps its colour; each of those variants gets its
  // own line style (meta-loss) and marker (validation), in the order they first appear.
  // -1: the learner has one variant shown.
  [[nodiscard]] int variantIndex(const QString& learner, const QString& variant);

  CurveChart* pretrain_;
  CurveChart* meta_loss_;
  CurveChart* validation_;
  QComboBox* seed_box_;
  QComboBox* k_box_;
  std::optional<int> k_;
  std::vector<CurvePoint> points_;
  std::optional<std::uint64_t> seed_;
  bool several_ks_ = false;
  bool several_seeds_ = false;
  int top_n_ = 10;
  QHash<QString, QColor> colors_;
  QHash<QString, QStringList> variants_;
};

}  // namespace metacf::ui
