#include "ui/charts/learner_palette.h"

#include <QCryptographicHash>
#include <QHash>
#include <array>

namespace metacf::ui {
namespace {

// Paul Tol, "muted" (personal.sron.nl/~pault), without its pale grey.
constexpr std::array<QRgb, 9> kMuted = {0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933,
                                        0xDDCC77, 0xCC6677, 0x882255, 0xAA4499};
// Tol's "muted" cyan and sand read poorly as thin lines; the learners most often compared get
// the darker ones.
const QHash<QString, QRgb>& fixedColors() {
  static const QHash<QString, QRgb> fixed = {
      {QStringLiteral("pop"), 0x999933},
      {QStringLiteral("itemknn"), 0x117733},
      {QStringLiteral("itemknn_q"), 0x44AA99},
      {QStringLiteral("bpr"), 0x88CCEE},
      {QStringLiteral("melu"), 0xDDCC77},
      {QStringLiteral("metacf_g"), 0xAA4499},
      {QStringLiteral("metacf_p_linear"), 0x332288},
      {QStringLiteral("metacf_p_neural"), 0xCC6677},
      {QStringLiteral("metacf_auto"), 0x882255},
      {QStringLiteral("ease"), 0x555555},
  };
  return fixed;
}

// "metacf_p_linear K=2 s1" -> "metacf_p_linear".
QString baseName(const QString& label) {
  const int space = label.indexOf(QLatin1Char(' '));
  return space < 0 ? label : label.left(space);
}

}  // namespace

QColor learnerColor(const QString& learner) {
  const QString name = baseName(learner);
  if (const auto it = fixedColors().constFind(name); it != fixedColors().constEnd()) {
    return QColor::fromRgb(*it);
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
