#pragma once
// A chart view with a visible Export button in its corner (PNG, SVG or PDF through the one
// export dialog); the context menu offers the same and copying the image.
#include <QChartView>

class QToolButton;

namespace metacf::ui {

class ExportableChartView : public QChartView {
  Q_OBJECT
 public:
  explicit ExportableChartView(QChart* chart, QWidget* parent = nullptr);

  [[nodiscard]] QToolButton* exportButton() const { return export_button_; }

 protected:
  void contextMenuEvent(QContextMenuEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  QToolButton* export_button_;
};

}  // namespace metacf::ui
