#pragma once
// The one export dialog behind every chart's Export button: file, format (PNG, SVG, PDF),
// size and DPI on one form. Every export of the studio (charts, tables, the report) starts in
// the folder the last one was written to.
#include <QDialog>
#include <optional>

#include "ui/export/chart_export.h"

class QChartView;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace metacf::ui {

// The folder the last export went to (the user's documents folder at first), and noting it.
QString lastExportDir();
void rememberExportDir(const QString& written_file);

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  // `base_name` is the proposed file name without a suffix, in lastExportDir().
  ExportDialog(const QString& base_name, std::optional<ImageFormat> preset,
               QWidget* parent = nullptr);

  [[nodiscard]] QString path() const;  // with the format's suffix
  [[nodiscard]] ImageFormat format() const;
  [[nodiscard]] ExportSize size() const;
  void setPath(const QString& path);

 private:
  void browse();
  void followSuffix();
  void followName();
  void remember() const;

  QLineEdit* path_;
  QComboBox* format_;
  QSpinBox* width_;
  QSpinBox* height_;
  QSpinBox* dpi_;
};

// Asks with an ExportDialog, then writes the chart. Shows failures in a message box. Returns
// the path written, empty otherwise.
QString promptExportChart(QChartView* view, QWidget* parent,
                          std::optional<ImageFormat> format = std::nullopt);

}  // namespace metacf::ui
