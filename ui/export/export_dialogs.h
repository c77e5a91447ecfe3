#pragma once
// Asking where and how big: the small dialog behind every "Export chart" action.
#include <QDialog>
#include <optional>

#include "ui/export/chart_export.h"

class QChartView;
class QSpinBox;

namespace metacf::ui {

// Width, height and DPI of an exported image; remembers the last choice in QSettings.
class ExportSizeDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ExportSizeDialog(QWidget* parent = nullptr);
  [[nodiscard]] ExportSize size() const;

 private:
  void remember() const;

  QSpinBox* width_;
  QSpinBox* height_;
  QSpinBox* dpi_;
};

// Asks for a file name (PNG, SVG or PDF; `format` preselects one) and a size, then writes the
// chart. Shows failures in a message box. Returns the path written, empty otherwise.
QString promptExportChart(QChartView* view, QWidget* parent,
                          std::optional<ImageFormat> format = std::nullopt);

}  // namespace metacf::ui
