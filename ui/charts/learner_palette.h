#pragma once
// The one place a learner's colour is decided: the same learner has the same colour on the
// Training, Results and Simulator pages and in every exported figure, whatever else is shown.
// Each learner's colour is in its descriptor (LearnerDescriptor::chart_rgb): the built-in
// learners have hues at least 25 degrees apart and differ in lightness too, so that they stay
// apart in greyscale print; a variant is a shade of its base's hue.
#include <QColor>
#include <QString>

namespace metacf::ui {

// A learner's own colour; any other name (a learner added without a colour, a stray label)
// gets one of Paul Tol's "muted" colours chosen by a hash of its name, stable across runs.
// A " K=.." or seed suffix on a series label is ignored.
QColor learnerColor(const QString& learner);

// The marker and line style that tell the metrics of one learner apart in a legend.
enum class MetricStyle { kHr, kNdcg };
Qt::PenStyle metricPenStyle(MetricStyle metric);

}  // namespace metacf::ui
