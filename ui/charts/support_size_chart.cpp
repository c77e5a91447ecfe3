#include "ui/charts/support_size_chart.h"

#include <QChart>
#include <QValueAxis>

#include "core/report/interval_tables.h"
#include "core/report/sweep_tables.h"
#include "ui/charts/curve_chart.h"
#include "ui/charts/learner_palette.h"

namespace metacf::ui {

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
  for (const auto& row : table.rows) {
    const QString learner = QString::fromStdString(row[0].text);
    chart->ensureSeries(learner, {CurveChart::Axis::kLeft, Qt::SolidLine, learnerColor(learner),
                                  true, PointMarker::kCircle});
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      if (!row[i + 1].number) continue;
      chart->addPoint(learner, sizes[i], *row[i + 1].number);
      // The 95% interval of the mean over users (over seeds without per-user values).
      const auto interval = hr_interval(records, row[0].text, k, sizes[i]);
      if (interval && interval->low) {
        chart->addErrorBar(learner, sizes[i], *interval->low, *interval->high);
      }
    }
  }
  chart->flush();
  return true;
}

}  // namespace metacf::ui
