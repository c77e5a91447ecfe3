#pragma once
// The one place a learner's colour is decided: the same learner has the same colour on the
// Training, Results and Simulator pages and in every exported figure, whatever else is shown.
// Colours are Paul Tol's "muted" scheme (distinguishable with the common colour-vision
// deficiencies and in greyscale print, none of them a pale yellow on white).
#include <QColor>
#include <QString>

namespace metacf::ui {

// The learners of the paper keep fixed colours; any other name (a variant, a new learner)
// gets one of the same palette chosen by a hash of its name, so it is stable across runs.
// A " K=.." or seed suffix on a series label is ignored.
QColor learnerColor(const QString& learner);

// The marker and line style that tell the metrics of one learner apart in a legend.
enum class MetricStyle { kHr, kNdcg };
Qt::PenStyle metricPenStyle(MetricStyle metric);

}  // namespace metacf::ui
