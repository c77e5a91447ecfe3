#include "ui/widgets/count_histogram_view.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>

namespace metacf::ui {
namespace {
constexpr int kBins = 30;
// On a log axis a bar cannot start at 0; empty bins sit on this floor, below a count of 1.
constexpr double kLogFloor = 0.7;

QAbstractAxis* makeAxis(bool log, const QString& title, double lo, double hi) {
  if (log) {
    auto* axis = new QLogValueAxis;
    axis->setBase(10);
    axis->setLabelFormat(QStringLiteral("%g"));
    axis->setMinorTickCount(-1);
    axis->setMinorGridLineVisible(false);
    axis->setRange(lo, hi);
    axis->setTitleText(title);
    return axis;
  }
  auto* axis = new QValueAxis;
  axis->setLabelFormat(QStringLiteral("%.0f"));
  axis->setRange(lo, hi);
  axis->applyNiceNumbers();
  axis->setTitleText(title);
  return axis;
}
}  // namespace

CountHistogramView::CountHistogramView(const QString& title, const QString& x_label,
                                       QWidget* parent)
    : ExportableChartView(new QChart, parent), x_label_(x_label) {
  QChart* c = chart();
  c->setTitle(title);
  c->legend()->hide();
  c->setMargins(QMargins(4, 4, 4, 4));
  c->setBackgroundRoundness(0);
  setMinimumHeight(220);
}

void CountHistogramView::setCounts(std::vector<std::int64_t> counts) {
  counts_ = std::move(counts);
  rebuild();
}

void CountHistogramView::setLogScale(bool log) {
  if (log == log_) return;
  log_ = log;
  rebuild();
}

void CountHistogramView::rebuild() {
  QChart* c = chart();
  c->removeAllSeries();
  for (QAbstractAxis* axis : c->axes()) {
    c->removeAxis(axis);
    delete axis;
  }
  bins_ = counts_.empty() ? std::vector<HistogramBin>{}
                          : histogram(counts_, kBins, log_ ? BinScale::kLog : BinScale::kLinear);
  if (bins_.empty()) return;

  const double floor = log_ ? kLogFloor : 0.0;
  auto* upper = new QLineSeries;
  auto* lower = new QLineSeries;
  std::int64_t tallest = 1;
  for (const HistogramBin& bin : bins_) {
    const double height = bin.count > 0 ? static_cast<double>(bin.count) : floor;
    upper->append(bin.lower, height);
    upper->append(bin.upper, height);
    lower->append(bin.lower, floor);
    lower->append(bin.upper, floor);
    tallest = std::max(tallest, bin.count);
  }
  auto* area = new QAreaSeries(upper, lower);
  // The area series does not own its boundary lines: without a parent they outlive each rebuild.
  upper->setParent(area);
  lower->setParent(area);
  area->setColor(QColor(0x4c, 0x78, 0xa8, 200));
  area->setBorderColor(QColor(0x2f, 0x4b, 0x7c));
  c->addSeries(area);

  const double x_lo = log_ ? std::max(bins_.front().lower, 1.0) : bins_.front().lower;
  auto* x = makeAxis(log_, x_label_, x_lo, bins_.back().upper);
  auto* y = makeAxis(log_, log_ ? tr("count (log)") : tr("count"), floor,
                     static_cast<double>(tallest) * (log_ ? 2.0 : 1.05));
  c->addAxis(x, Qt::AlignBottom);
  c->addAxis(y, Qt::AlignLeft);
  area->attachAxis(x);
  area->attachAxis(y);

  connect(area, &QAreaSeries::hovered, this, [this](const QPointF& point, bool state) {
    if (!state) {
      QToolTip::hideText();
      return;
    }
    for (const HistogramBin& bin : bins_) {
      if (point.x() >= bin.lower && point.x() < bin.upper) {
        QToolTip::showText(
            QCursor::pos(),
            tr("%1 .. %2: %3").arg(bin.lower, 0, 'g', 6).arg(bin.upper, 0, 'g', 6).arg(bin.count));
        return;
      }
    }
  });
}

}  // namespace metacf::ui
