#include "ui/charts/training_charts.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <algorithm>

#include "ui/charts/curve_chart.h"
#include "ui/charts/learner_palette.h"

namespace metacf::ui {
namespace {

// Pretraining has no learner: its seeds take greys and a blue that no learner uses.
const QColor kSeedColors[] = {QColor(0x222222), QColor(0x4477AA), QColor(0x777777),
                              QColor(0x225555), QColor(0x663333)};

// One learner's K / seed variants, told apart without a second colour.
const Qt::PenStyle kVariantPens[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine,
                                     Qt::DashDotDotLine};
const PointMarker kVariantMarkers[] = {PointMarker::kCircle, PointMarker::kSquare,
                                       PointMarker::kDiamond, PointMarker::kStar,
                                       PointMarker::kTriangle};

}  // namespace

TrainingCharts::TrainingCharts(QWidget* parent) : QWidget(parent) {
  pretrain_ = new CurveChart(tr("Pretraining"), tr("epoch"), tr("loss"), this);
  meta_loss_ = new CurveChart(tr("Meta-training loss"), tr("meta-epoch"), tr("meta-loss"), this);
  validation_ = new CurveChart(tr("Validation (meta-training users held out)"), tr("meta-epoch"),
                               tr("HR / NDCG"), this);
  pretrain_->setToolTip(
      tr("Training loss per epoch (left axis) and HR on the held-out record "
         "of each pretraining user (right axis)."));
  meta_loss_->setToolTip(
      tr("Meta-loss on the query sets per meta-epoch, one line per learner; with several K or "
         "seeds shown, each of a learner's K or seeds has its own line style."));
  validation_->setToolTip(
      tr("HR (solid, circles) and NDCG (dashed, triangles) on held-out "
         "meta-training users, drawn on the epochs where they were "
         "measured. With several K or seeds shown, each of a learner's K or seeds has "
         "its own marker (HR solid, NDCG dashed). A learner fitted in phases rather than "
         "epochs (metacf_auto) has one score, of what it chose: a level line marked "
         "\"(final)\"."));

  pretrain_->setEmptyText(tr("Pretraining curves appear here while a run trains"));
  meta_loss_->setEmptyText(
      tr("No meta-trained learner has reported yet\n(pop and the item-kNN "
         "baselines do not meta-train)"));
  validation_->setEmptyText(
      tr("Validation points appear on the epochs where they are "
         "measured"));
  seed_box_ = new QComboBox(this);
  seed_box_->setToolTip(tr("Which seed's curves to show when several seeds run"));
  seed_box_->addItem(tr("All seeds"));
  connect(seed_box_, &QComboBox::activated, this, [this](int index) {
    const QVariant v = seed_box_->itemData(index);
    showSeed(v.isValid() ? std::optional<std::uint64_t>(v.toULongLong()) : std::nullopt);
  });

  k_box_ = new QComboBox(this);
  k_box_->setToolTip(tr("Which K's curves to show when several K run"));
  k_box_->addItem(tr("All K"));
  connect(k_box_, &QComboBox::activated, this, [this](int index) {
    const QVariant v = k_box_->itemData(index);
    showK(v.isValid() ? std::optional<int>(v.toInt()) : std::nullopt);
  });

  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Seed:"), this));
  top->addWidget(seed_box_);
  top->addSpacing(12);
  top->addWidget(new QLabel(tr("K:"), this));
  top->addWidget(k_box_);
  top->addStretch(1);
  auto* grid = new QGridLayout;
  grid->addWidget(pretrain_, 0, 0);
  grid->addWidget(meta_loss_, 0, 1);
  grid->addWidget(validation_, 1, 0, 1, 2);
  grid->setRowStretch(0, 1);
  grid->setRowStretch(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(top);
  layout->addLayout(grid, 1);
  reset(false, false, 10);
}

void TrainingCharts::reset(bool several_ks, bool several_seeds, int top_n) {
  several_ks_ = several_ks;
  several_seeds_ = several_seeds;
  top_n_ = top_n;
  points_.clear();
  seed_.reset();
  colors_.clear();
  variants_.clear();
  seed_box_->clear();
  seed_box_->addItem(tr("All seeds"));
  k_.reset();
  k_box_->clear();
  k_box_->addItem(tr("All K"));
  k_box_->setEnabled(several_ks);
  pretrain_->setRightAxisTitle(tr("validation HR@%1").arg(top_n));
  validation_->setLeftAxisTitle(tr("HR@%1 / NDCG@%1").arg(top_n));
  for (CurveChart* c : charts()) c->clearSeries();
}

void TrainingCharts::addPoints(const std::vector<CurvePoint>& points) {
  for (const CurvePoint& p : points) {
    points_.push_back(p);
    noteSeed(p.seed);
    if (p.stage != Stage::kPretrain && k_box_->findData(p.k) < 0) {
      k_box_->addItem(QStringLiteral("K = %1").arg(p.k), p.k);
    }
    if (shown(p)) plot(p);
  }
}

void TrainingCharts::flush() {
  for (CurveChart* c : charts()) c->flush();
}

void TrainingCharts::showSeed(std::optional<std::uint64_t> seed) {
  seed_ = seed;
  const int index = seed ? seed_box_->findData(QVariant::fromValue<qulonglong>(*seed)) : 0;
  if (index >= 0) seed_box_->setCurrentIndex(index);
  replot();
}

void TrainingCharts::noteSeed(std::uint64_t seed) {
  const QVariant seed_data = QVariant::fromValue<qulonglong>(seed);
  if (seed_box_->findData(seed_data) >= 0) return;
  seed_box_->addItem(tr("Seed %1").arg(seed), seed_data);
}

void TrainingCharts::showK(std::optional<int> k) {
  k_ = k;
  const int index = k ? k_box_->findData(*k) : 0;
  if (index >= 0) k_box_->setCurrentIndex(index);
  replot();
}

bool TrainingCharts::shown(const CurvePoint& p) const {
  const bool seed_shown = !seed_ || *seed_ == p.seed;
  const bool k_shown = !k_ || p.stage == Stage::kPretrain || *k_ == p.k;
  return seed_shown && k_shown;
}

QString TrainingCharts::seedSuffix(std::uint64_t seed) const {
  // One seed in the run, or one chosen: the seed says nothing, leave it out.
  return !seed_ && several_seeds_ ? QStringLiteral(" s%1").arg(seed) : QString();
}

QColor TrainingCharts::colorOf(const QString& label) {
  auto it = colors_.find(label);
  if (it == colors_.end()) {
    const auto n = static_cast<std::size_t>(colors_.size()) % std::size(kSeedColors);
    it = colors_.insert(label, kSeedColors[n]);
  }
  return *it;
}

void TrainingCharts::plot(const CurvePoint& p) {
  const QString seed = seedSuffix(p.seed);
  if (p.stage == Stage::kPretrain) {
    const QString loss = tr("loss") + seed;
    const QString hr = tr("val HR@%1").arg(top_n_) + seed;
    pretrain_->ensureSeries(loss, {CurveChart::Axis::kLeft, Qt::SolidLine, colorOf(seed), false});
    pretrain_->ensureSeries(
        hr, {CurveChart::Axis::kRight, Qt::DashLine, colorOf(seed).darker(130), false});
    pretrain_->addPoint(loss, p.epoch, p.loss);
    pretrain_->addPoint(hr, p.epoch, p.val_hr);
    return;
  }
  QString learner = QString::fromStdString(p.learner.empty() ? stage_name(p.stage) : p.learner);
  // A tuned learner's trials of alpha and beta (x = trial) are a series of their own.
  if (p.stage == Stage::kTune) learner += tr(" α/β trials");
  QString variant;
  if (several_ks_ && !k_) variant += QStringLiteral(" K=%1").arg(p.k);
  variant += seed;
  const QString label = learner + variant;
  // The learner's colour is the same whichever K and seeds are shown (and on every page).
  const QColor color = learnerColor(label);
  // A point of a learner fitted without epochs is a phase of its fit (metacf_auto: each
  // candidate on each fold); its x is no meta-epoch, and only its last point has a score, of
  // the blend it chose on held-out meta-training users. That score is drawn as a level across
  // the validation chart, not as dots at its phase count.
  if (p.stage == Stage::kFit) return plotFinalScore(label, color, p);
  const int v = variantIndex(learner, variant);
  const auto n_styles = static_cast<int>(std::size(kVariantPens));
  const Qt::PenStyle loss_pen = v < 0 ? Qt::SolidLine : kVariantPens[v % n_styles];
  meta_loss_->ensureSeries(label, {CurveChart::Axis::kLeft, loss_pen, color, false});
  meta_loss_->addPoint(label, p.epoch, p.loss);
  // Validation: the line style says which metric, the marker which variant.
  const QString hr = label + QStringLiteral(" HR@%1").arg(top_n_);
  const QString ndcg = label + QStringLiteral(" NDCG@%1").arg(top_n_);
  validation_->ensureSeries(hr,
                            {CurveChart::Axis::kLeft, metricPenStyle(MetricStyle::kHr), color, true,
                             v < 0 ? PointMarker::kCircle : kVariantMarkers[v % n_styles]});
  validation_->ensureSeries(
      ndcg, {CurveChart::Axis::kLeft, metricPenStyle(MetricStyle::kNdcg), color, true,
             v < 0 ? PointMarker::kTriangle : kVariantMarkers[v % n_styles]});
  validation_->addPoint(hr, p.epoch, p.val_hr);
  validation_->addPoint(ndcg, p.epoch, p.val_ndcg);
}

void TrainingCharts::plotFinalScore(const QString& label, const QColor& color,
                                    const CurvePoint& p) {
  const QString hr = label + tr(" HR@%1 (final)").arg(top_n_);
  const QString ndcg = label + tr(" NDCG@%1 (final)").arg(top_n_);
  validation_->setLevel(
      hr, {CurveChart::Axis::kLeft, metricPenStyle(MetricStyle::kHr), color, false}, p.val_hr);
  validation_->setLevel(ndcg,
                        {CurveChart::Axis::kLeft, metricPenStyle(MetricStyle::kNdcg), color, false},
                        p.val_ndcg);
}

int TrainingCharts::variantIndex(const QString& learner, const QString& variant) {
  if (variant.isEmpty()) return -1;
  QStringList& seen = variants_[learner];
  auto index = seen.indexOf(variant);
  if (index < 0) {
    index = seen.size();
    seen.append(variant);
  }
  return static_cast<int>(index);
}

void TrainingCharts::replot() {
  for (CurveChart* c : charts()) c->clearSeries();
  variants_.clear();
  // Series names depend on how many seeds are shown; rebuild them all.
  for (const CurvePoint& p : points_) {
    if (shown(p)) plot(p);
  }
  flush();
}

}  // namespace metacf::ui
