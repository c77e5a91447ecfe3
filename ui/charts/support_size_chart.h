#pragma once
// Fig. 2 as a chart: HR@n against the support size, one line per learner in its own colour,
// with the 95% interval of each mean as an error bar. The Results page and the report draw it.
#include <vector>

#include "core/experiment/experiment_runner.h"

namespace metacf::ui {

class CurveChart;

// Clears `chart` and plots the records at this K; returns false when there is no sweep.
bool plotSupportSizes(CurveChart* chart, const std::vector<ResultRecord>& records, int k,
                      int top_n);

}  // namespace metacf::ui
