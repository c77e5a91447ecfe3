#pragma once
// A chart view whose context menu exports the chart (PNG, SVG, PDF) or copies it as an image.
#include <QChartView>

namespace metacf::ui {

class ExportableChartView : public QChartView {
  Q_OBJECT
 public:
  explicit ExportableChartView(QChart* chart, QWidget* parent = nullptr);

 protected:
  void contextMenuEvent(QContextMenuEvent* event) override;
};

}  // namespace metacf::ui
