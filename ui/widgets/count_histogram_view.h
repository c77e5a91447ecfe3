#pragma once
// A histogram of per-user or per-item record counts, drawn as a filled step outline from the
// core's histogram() bins so the chart shows exactly what `metacf info` reports. In log scale
// the bins grow geometrically and both axes are logarithmic, so heavy tails stay readable.
// It exports as every chart does (its Export button, PNG/SVG/PDF by the file name's suffix).
#include <cstdint>
#include <vector>

#include "core/data/dataset_stats.h"
#include "ui/charts/exportable_chart_view.h"

namespace metacf::ui {

class CountHistogramView : public ExportableChartView {
  Q_OBJECT
 public:
  CountHistogramView(const QString& title, const QString& x_label, QWidget* parent = nullptr);

  void setCounts(std::vector<std::int64_t> counts);
  void setLogScale(bool log);
  [[nodiscard]] bool logScale() const { return log_; }
  // The bins drawn now (tests and tooltips).
  [[nodiscard]] const std::vector<HistogramBin>& bins() const { return bins_; }

 private:
  void rebuild();

  QString x_label_;
  std::vector<std::int64_t> counts_;
  std::vector<HistogramBin> bins_;
  bool log_ = false;
};

}  // namespace metacf::ui
