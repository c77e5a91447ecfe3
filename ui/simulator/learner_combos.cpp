#include "ui/simulator/learner_combos.h"

#include <QComboBox>
#include <QObject>
#include <QSignalBlocker>
#include <QVariant>

#include "core/simulate/learner_preselection.h"

namespace metacf::ui {
namespace {

QString learnerText(const StoredLearnerKey& key, bool detailed) {
  const QString name = QString::fromStdString(key.name);
  return detailed ? QStringLiteral("%1 (K=%2, seed %3)").arg(name).arg(key.k).arg(key.seed) : name;
}

QVariant keyData(const StoredLearnerKey& key) {
  return QVariantList{QString::fromStdString(key.name), key.k,
                      QVariant::fromValue<qulonglong>(key.seed)};
}

}  // namespace

void fillLearnerCombos(const std::array<QComboBox*, 2>& combos,
                       const std::vector<StoredLearnerKey>& keys, const QString& remembered) {
  bool several = false;
  for (const auto& k : keys)
    several = several || k.k != keys.front().k || k.seed != keys.front().seed;
  const auto chosen = preselect_simulator_learners(keys, remembered.toStdString());
  for (std::size_t side = 0; side < combos.size(); ++side) {
    QComboBox* combo = combos[side];
    const QSignalBlocker block(combo);
    combo->clear();
    const int offset = side == 1 ? 1 : 0;
    if (side == 1) combo->addItem(QObject::tr("(none)"));
    for (const auto& key : keys) combo->addItem(learnerText(key, several), keyData(key));
    combo->setCurrentIndex(chosen[side] ? static_cast<int>(*chosen[side]) + offset : 0);
  }
}

std::optional<StoredLearnerKey> learnerKeyOf(const QComboBox* combo) {
  const QVariantList data = combo->currentData().toList();
  if (data.size() != 3) return std::nullopt;
  return StoredLearnerKey{data[0].toString().toStdString(), data[1].toInt(),
                          static_cast<std::uint64_t>(data[2].toULongLong())};
}

bool selectLearnerNamed(QComboBox* combo, const QString& name) {
  for (int i = 0; i < combo->count(); ++i) {
    if (combo->itemData(i).toList().value(0).toString() == name) {
      combo->setCurrentIndex(i);
      return true;
    }
  }
  return false;
}

}  // namespace metacf::ui
