#pragma once
// The report's figures, built as the studio draws them: Fig. 2, pretraining, and for each K the
// meta-training loss and the validation curves. Curves of several seeds are averaged per epoch
// (a report of every seed's line would need a legend entry per learner, K, seed and metric) and
// each caption says over which seeds; one K per figure keeps each legend whole.
#include <QString>
#include <memory>
#include <vector>

#include "core/store/curve_point.h"
#include "ui/models/run_results.h"
#include "ui/report/report_pdf.h"

namespace metacf::ui {

class CurveChart;
class TrainingCharts;

// Each (stage, learner, K, epoch) averaged over the seeds, kept only where every seed has it
// (an epoch a seed did not reach, after early stopping, is left out). A value is the mean of
// the seeds' finite values, NaN when none is. The points carry seed 0.
std::vector<CurvePoint> meanOverSeeds(const std::vector<CurvePoint>& points);

class ReportFigures {
 public:
  ReportFigures(const std::vector<CurvePoint>& curves, const RunResults& results, int fig2_k);
  ~ReportFigures();
  ReportFigures(const ReportFigures&) = delete;
  ReportFigures& operator=(const ReportFigures&) = delete;

  [[nodiscard]] const std::vector<ReportFigure>& figures() const { return figures_; }

 private:
  void addTraining(const std::vector<CurvePoint>& curves, int top_n, const QString& seeds);

  std::unique_ptr<CurveChart> fig2_;
  std::vector<std::unique_ptr<TrainingCharts>> training_;
  std::vector<ReportFigure> figures_;
};

}  // namespace metacf::ui
