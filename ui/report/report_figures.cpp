#include "ui/report/report_figures.h"

#include <QObject>
#include <QStringList>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "core/report/sweep_tables.h"
#include "ui/charts/curve_chart.h"
#include "ui/charts/support_size_chart.h"
#include "ui/charts/training_charts.h"

namespace metacf::ui {
namespace {

struct Sums {
  double loss = 0, hr = 0, ndcg = 0;
  int n_loss = 0, n_hr = 0, n_ndcg = 0;
  std::set<std::uint64_t> seeds;
  double wall = 0;
};

void add(double value, double& sum, int& n) {
  if (!std::isfinite(value)) return;
  sum += value;
  ++n;
}

double mean(double sum, int n) { return n > 0 ? sum / n : std::nan(""); }

// "seeds 1 and 2" / "seeds 1, 2 and 3" / "seed 4".
QString seedList(const std::set<std::uint64_t>& seeds) {
  QStringList names;
  for (auto s : seeds) names << QString::number(s);
  if (names.size() == 1) return QObject::tr("seed %1").arg(names.front());
  const QString last = names.takeLast();
  return QObject::tr("seeds %1 and %2").arg(names.join(QStringLiteral(", ")), last);
}

}  // namespace

std::vector<CurvePoint> meanOverSeeds(const std::vector<CurvePoint>& points) {
  std::set<std::uint64_t> seeds;
  for (const auto& p : points) seeds.insert(p.seed);
  using Key = std::tuple<int, std::string, int, int>;
  std::map<Key, Sums> sums;
  std::vector<Key> order;  // first appearance, so the series keep the run's order
  for (const auto& p : points) {
    const Key key{static_cast<int>(p.stage), p.learner, p.k, p.epoch};
    auto [it, fresh] = sums.try_emplace(key);
    if (fresh) order.push_back(key);
    Sums& s = it->second;
    add(p.loss, s.loss, s.n_loss);
    add(p.val_hr, s.hr, s.n_hr);
    add(p.val_ndcg, s.ndcg, s.n_ndcg);
    s.wall += p.wall_seconds;
    s.seeds.insert(p.seed);
  }
  std::vector<CurvePoint> out;
  for (const Key& key : order) {
    const Sums& s = sums.at(key);
    if (s.seeds.size() != seeds.size()) continue;
    CurvePoint p;
    p.stage = static_cast<Stage>(std::get<0>(key));
    p.learner = std::get<1>(key);
    p.k = std::get<2>(key);
    p.epoch = std::get<3>(key);
    p.loss = mean(s.loss, s.n_loss);
    p.val_hr = mean(s.hr, s.n_hr);
    p.val_ndcg = mean(s.ndcg, s.n_ndcg);
    p.wall_seconds = s.wall / static_cast<double>(s.seeds.size());
    out.push_back(p);
  }
  return out;
}

ReportFigures::ReportFigures(const std::vector<CurvePoint>& curves, const RunResults& results,
                             int fig2_k) {
  const int top_n = results.top_n;
  fig2_ = std::make_unique<CurveChart>(QObject::tr("HR against the support size"),
                                       QObject::tr("support size |S|"), QObject::tr("HR"));
  if (plotSupportSizes(fig2_.get(), results.records, fig2_k, top_n)) {
    figures_.push_back({QObject::tr("Fig. 2: HR@%1 against the support size at K = %2, with the "
                                    "95% interval of each mean; the learners are drawn side by "
                                    "side within a support size so that no interval hides "
                                    "another.")
                            .arg(top_n)
                            .arg(fig2_k),
                        fig2_.get(), 0.42});
  }
  std::set<std::uint64_t> seeds;
  for (const auto& p : curves) seeds.insert(p.seed);
  if (curves.empty()) return;
  const QString over =
      seeds.size() > 1 ? QObject::tr(
                             " Each point is the mean over %1 (an epoch not every seed reached is "
                             "left out).")
                             .arg(seedList(seeds))
                       : QObject::tr(" (%1.)").arg(seedList(seeds));
  addTraining(seeds.size() > 1 ? meanOverSeeds(curves) : curves, top_n, over);
}

ReportFigures::~ReportFigures() = default;

void ReportFigures::addTraining(const std::vector<CurvePoint>& curves, int top_n,
                                const QString& seeds) {
  std::set<int> ks;
  for (const auto& p : curves) {
    if (p.stage != Stage::kPretrain) ks.insert(p.k);
  }
  // One set of charts per K, each fed that K's points (and pretraining, drawn once).
  bool first = true;
  for (int k : ks.empty() ? std::set<int>{0} : ks) {
    auto charts = std::make_unique<TrainingCharts>();
    charts->reset(false, false, top_n);
    std::vector<CurvePoint> points;
    for (const auto& p : curves) {
      if (p.stage == Stage::kPretrain ? first : p.k == k) points.push_back(p);
    }
    charts->addPoints(points);
    charts->flush();
    if (first && !charts->pretrainChart()->seriesNames().isEmpty()) {
      figures_.push_back({QObject::tr("Pretraining: loss and validation HR per epoch.") + seeds,
                          charts->pretrainChart(), 0.42});
    }
    first = false;
    const QString at_k = ks.size() > 1 ? QObject::tr(" at K = %1").arg(k) : QString();
    if (!charts->metaLossChart()->seriesNames().isEmpty()) {
      figures_.push_back({QObject::tr("Meta-training loss per learner%1.").arg(at_k) + seeds,
                          charts->metaLossChart(), 0.8});
    }
    if (!charts->validationChart()->seriesNames().isEmpty()) {
      figures_.push_back(
          {QObject::tr("Validation HR (solid) and NDCG (dashed) per learner%1, on held-out "
                       "meta-training users; a level line is the final score of a learner "
                       "fitted without epochs.")
                   .arg(at_k) +
               seeds,
           charts->validationChart(), 0.8});
    }
    training_.push_back(std::move(charts));
  }
}

}  // namespace metacf::ui
