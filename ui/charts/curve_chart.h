#pragma once
// A line chart fed point by point: points are buffered and drawn at most ~10 times a second,
// and the axes follow the data. A series can sit on a second (right) value axis, e.g. a
// validation metric beside a loss. NaN values ("not measured this epoch") are skipped.
#include <QColor>
#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>
#include <QTimer>

#include "ui/charts/chart_legend.h"
#include "ui/charts/exportable_chart_view.h"

class QLabel;
class QLineSeries;
class QValueAxis;

namespace metacf::ui {

class CurveChart : public ExportableChartView {
  Q_OBJECT
 public:
  enum class Axis { kLeft, kRight };
  struct Style {
    Axis axis = Axis::kLeft;
    Qt::PenStyle pen = Qt::SolidLine;
    QColor color;          // invalid: the theme's next colour
    bool markers = false;  // draw the points (for sparse series), as `marker` or circles
    PointMarker marker = PointMarker::kNone;
  };

  CurveChart(const QString& title, const QString& x_title, const QString& y_title,
             QWidget* parent = nullptr);

  // A second value axis on the right; series with Axis::kRight use it.
  void setRightAxisTitle(const QString& title);
  void setLeftAxisTitle(const QString& title);
  // Shown in the middle of the chart while it has no points.
  void setEmptyText(const QString& text);

  // Creates the series if needed (with `style`); a later call keeps the first style.
  void ensureSeries(const QString& name, const Style& style);
  void addPoint(const QString& name, double x, double y);
  // A vertical bar from `low` to `high` at x in the colour of series `name` (an interval
  // around one of its points); not in the legend.
  // `cap` is half the width of its caps, in x units.
  void addErrorBar(const QString& name, double x, double low, double high, double cap = 0.08);
  // Room left on the x axis beyond the first and last point and bar (x units; default 0).
  void setXPadding(double padding) { x_padding_ = padding; }
  [[nodiscard]] int errorBarCount() const { return static_cast<int>(error_bars_.size()); }
  [[nodiscard]] const QList<QLineSeries*>& errorBars() const { return error_bars_; }
  // A horizontal line at `y` across the whole x range, for a score that belongs to no x (a
  // learner fitted in phases rather than epochs); it never widens the x axis. A later call moves
  // it to the new `y`.
  void setLevel(const QString& name, const Style& style, double y);
  // Removes every series.
  void clearSeries();
  // Draws what is buffered now (the timer calls it; tests may too).
  void flush();

  [[nodiscard]] QLineSeries* series(const QString& name) const { return series_.value(name); }
  [[nodiscard]] QStringList seriesNames() const { return order_; }
  [[nodiscard]] int pointCount(const QString& name) const;
  // The legend beside the plot (full names, line styles and markers).
  [[nodiscard]] ChartLegend* legend() const { return legend_; }

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void rescale();
  void updateEmptyText();
  // Tall enough that the plot holds each vertical axis title whole (Qt Charts elides it).
  void fitHeightToAxisTitles();

  QValueAxis* x_axis_;
  QValueAxis* y_axis_;
  QValueAxis* right_axis_ = nullptr;
  void updateLegend();

  ChartLegend* legend_;
  QList<QLineSeries*> error_bars_;
  double x_padding_ = 0;
  QHash<QString, PointMarker> marker_of_;
  QHash<QString, QLineSeries*> series_;
  QHash<QString, Axis> axis_of_;
  QHash<QString, double> levels_;
  QHash<QString, QList<QPointF>> pending_;
  QStringList order_;
  QTimer redraw_;
  QLabel* empty_;
};

}  // namespace metacf::ui
