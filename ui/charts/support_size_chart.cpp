#include "ui/charts/support_size_chart.h"

#include <QChart>
#include <QValueAxis>
#include <algorithm>

#include "core/report/interval_tables.h"
#include "core/report/sweep_tables.h"
#include "ui/charts/curve_chart.h"
#include "ui/charts/learner_palette.h"

namespace metacf::ui {
namespace {

// Learners side by side within a support size, so that their error bars do not hide each
// other: each is moved sideways by its own offset, all within a third of the narrowest gap.
struct Dodge {
  double step = 0;        // between neighbouring learners
  double half_width = 0;  // from the support size to the outermost learner
  double cap = 0.08;      // half the width of an error bar's caps
  std::size_t count = 1;
  [[nodiscard]] double offset(std::size_t index) const {
    return (static_cast<double>(index) - (static_cast<double>(count) - 1) / 2) * step;
  }
};

Dodge dodgeFor(const std::vector<int>& sizes, std::size_t learners) {
  Dodge d;
  d.count = std::max<std::size_t>(learners, 1);
  double gap = 1;
  for (std::size_t i = 1; i < sizes.size(); ++i) {
    gap = i == 1 ? sizes[i] - sizes[i - 1] : std::min<double>(gap, sizes[i] - sizes[i - 1]);
  }
  const double width = gap / 3;
  d.step = d.count > 1 ? width / static_cast<double>(d.count - 1) : 0;
  d.half_width = width / 2 * (d.count > 1 ? 1 : 0);
  d.cap = std::min(0.08 * gap, d.count > 1 ? 0.4 * d.step : 0.08 * gap);
  return d;
}

}  // namespace

bool plotSupportSizes(CurveChart* chart, const std::vector<ResultRecord>& records, int k,
                      int top_n) {
  chart->clearSeries();
  const std::vector<int> sizes = support_sizes_of(records);
  if (sizes.empty()) return false;
  chart->chart()->setTitle(
      QObject::tr("HR@%1 against the support size (K = %2), 95% intervals").arg(top_n).arg(k));
  chart->keepTitleClearOfButtons();
  chart->setLeftAxisTitle(QObject::tr("HR@%1").arg(top_n));
  const Table table = support_size_table(records, k, top_n);
  const Dodge dodge = dodgeFor(sizes, table.rows.size());
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const QString learner = QString::fromStdString(row[0].text);
    chart->ensureSeries(learner, {CurveChart::Axis::kLeft, Qt::SolidLine, learnerColor(learner),
                                  true, PointMarker::kCircle});
    const double offset = dodge.offset(r);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      if (!row[i + 1].number) continue;
      const double x = sizes[i] + offset;
      chart->addPoint(learner, x, *row[i + 1].number);
      // The 95% interval of the mean over users (over seeds without per-user values).
      const auto interval = hr_interval(records, row[0].text, k, sizes[i]);
      if (interval && interval->low) {
        chart->addErrorBar(learner, x, *interval->low, *interval->high, dodge.cap);
      }
    }
  }
  // Room beyond the first and last support size for the outermost learners' bars.
  chart->setXPadding(dodge.half_width + dodge.cap);
  chart->flush();
  return true;
}

}  // namespace metacf::ui
