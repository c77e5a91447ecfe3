#pragma once
// Fig. 2 as a chart: HR@n against the support size, one line per learner in its own colour,
// with the 95% interval of each mean as an error bar. The Results page and the report draw it.
// Within a support size the learners are drawn side by side (each moved by its own small
// offset, a third of the gap between sizes in all), so that no interval hides another, and
// the x axis leaves room for the bars at the first and last size.
#include <vector>

#include "core/experiment/experiment_runner.h"

namespace metacf::ui {

class CurveChart;

// Clears `chart` and plots the records at this K; returns false when there is no sweep.
bool plotSupportSizes(CurveChart* chart, const std::vector<ResultRecord>& records, int k,
                      int top_n);

}  // namespace metacf::ui
