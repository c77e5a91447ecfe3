#pragma once
// A chart view with a visible Export button in its corner (PNG, SVG or PDF through the one
// export dialog); the context menu offers the same and copying the image. On a chart too narrow
// for its title and the corner buttons side by side, the title moves down below the buttons.
#include <QChartView>

class QToolButton;

namespace metacf::ui {

class ChartLegend;

class ExportableChartView : public QChartView {
  Q_OBJECT
 public:
  explicit ExportableChartView(QChart* chart, QWidget* parent = nullptr);

  [[nodiscard]] QToolButton* exportButton() const { return export_button_; }
  // Moves the title below the corner buttons when they would overlap it, and back up when not;
  // resizing does this, a changed title asks for it.
  void keepTitleClearOfButtons();

 protected:
  // The legend that owns the chart's margins (it is given the extra room above the title).
  void setMarginOwner(ChartLegend* legend) { margin_owner_ = legend; }
  // What a chart's height holds besides its plot: the title, the x axis' labels and title and
  // the margins (for a minimum height that leaves a vertical axis title room to show whole).
  [[nodiscard]] double heightAroundPlot() const;
  // The width the corner buttons take from the right edge.
  [[nodiscard]] virtual int cornerWidth() const;
  // Gives the chart the view's size again where it has drifted from it.
  void fitChartToView();
  void contextMenuEvent(QContextMenuEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  QToolButton* export_button_;
  ChartLegend* margin_owner_ = nullptr;
};

}  // namespace metacf::ui
