#pragma once
// A legend that never shortens a name: Qt Charts' own legend elides long labels
// ("metacf_p_linear K...") whenever space is short, on screen and in every export, and draws
// solid and dashed series with the same square. This one sits beside the plot, shows each
// entry's line style and point marker, and wraps into more columns rather than cut text; the
// chart's right margin is widened to make room for it, so the plot shrinks instead. On a chart
// too narrow for that it can sit below the plot instead (setBelow), in as many columns as fit.
// It never takes more than about half the chart: entries beyond that are counted in a last
// "+N more" entry, whose tooltip names them.
#include <QGraphicsObject>
#include <QList>
#include <QPen>

class QChart;

namespace metacf::ui {

enum class PointMarker { kNone, kCircle, kTriangle, kSquare, kDiamond, kStar };

struct LegendEntry {
  QString name;
  QPen pen;
  PointMarker marker = PointMarker::kNone;
  bool line = true;        // false: the marker alone, as a scatter series draws its points
  double marker_size = 0;  // 0: the legend's usual size
};

// Draws one point marker centred on `at` (used by the legend and the series' own points).
void drawPointMarker(QPainter& painter, PointMarker marker, const QPointF& at, double size,
                     const QColor& color);

class ChartLegend : public QGraphicsObject {
  Q_OBJECT
 public:
  // Becomes a child of `chart` and follows its geometry.
  explicit ChartLegend(QChart* chart);

  void setEntries(const QList<LegendEntry>& entries);
  [[nodiscard]] const QList<LegendEntry>& entries() const { return entries_; }
  // How many entries are drawn: those that fit, the rest summed up as "+N more" (moreText(),
  // empty when all fit; the hidden names are the legend's tooltip).
  [[nodiscard]] int shownCount() const { return shown_; }
  [[nodiscard]] QString moreText() const;

  [[nodiscard]] QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  // Lays the legend out for the chart's current size and moves it there.
  void relayout();

  // Whether entries that do not fit are summed up as "+N more" (the default); a legend of a few
  // fixed entries that its chart makes room for turns it off.
  void setSummarised(bool summarised);
  // Below the plot (the bottom margin grows) rather than beside it.
  void setBelow(bool below);
  [[nodiscard]] bool below() const { return below_; }
  // Extra room above the chart's title (the view's corner buttons sit there on a narrow chart).
  void setTopReserve(double reserve);
  [[nodiscard]] double topReserve() const { return top_reserve_; }
  // The width of one column of entries: the widest name with its sample line.
  [[nodiscard]] double entryWidth() const;
  // The height the legend takes below the plot of a chart `chart_width` wide.
  [[nodiscard]] double heightBelow(double chart_width) const;

 private:
  [[nodiscard]] double rowHeight() const;
  [[nodiscard]] int columnsBelow(double chart_width) const;
  [[nodiscard]] int rowsBelow(double chart_width, double chart_height) const;
  // Draws the first `capacity` slots' worth of entries, the last slot saying how many are left.
  void fitEntries(int capacity);

  QChart* chart_;
  QList<LegendEntry> entries_;
  int columns_ = 1;
  int rows_ = 0;
  int shown_ = 0;
  bool summarised_ = true;
  QMarginsF base_margins_;
  bool laying_out_ = false;
  bool below_ = false;
  double top_reserve_ = 0;
};

}  // namespace metacf::ui
