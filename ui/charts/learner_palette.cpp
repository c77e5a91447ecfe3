#include "ui/charts/learner_palette.h"

#include <QCryptographicHash>
#include <array>
#include <stdexcept>

#include "core/learners/registry.h"

namespace metacf::ui {
namespace {

// Paul Tol, "muted" (personal.sron.nl/~pault), without its pale grey.
constexpr std::array<QRgb, 9> kMuted = {0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933,
                                        0xDDCC77, 0xCC6677, 0x882255, 0xAA4499};
// A series label "NAME K=2 s1" -> the learner's NAME.
QString baseName(const QString& label) {
  const int space = label.indexOf(QLatin1Char(' '));
  return space < 0 ? label : label.left(space);
}

}  // namespace

QColor learnerColor(const QString& learner) {
  const QString name = baseName(learner);
  // Each learner's own colour (LearnerDescriptor::chart_rgb); a name that is no learner, or a
  // malformed variant, gets one from its name.
  try {
    if (const auto known = find_learner(name.toStdString()); known && known->chart_rgb != 0)
      return QColor::fromRgb(static_cast<QRgb>(known->chart_rgb));
  } catch (const std::invalid_argument&) {
  }
  // A hash that does not change between runs or machines (qHash is seeded per process).
  const QByteArray digest = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1);
  const auto index = static_cast<unsigned char>(digest.at(0)) % kMuted.size();
  return QColor::fromRgb(kMuted[index]);
}

Qt::PenStyle metricPenStyle(MetricStyle metric) {
  return metric == MetricStyle::kHr ? Qt::SolidLine : Qt::DashLine;
}

}  // namespace metacf::ui
