#pragma once
// The run's items as a table (title, id, genre, popularity) for the simulator's searchable
// catalogue. Clicked items stay listed but are greyed, so one sees what the user has chosen.
#include <QAbstractTableModel>
#include <QSet>
#include <memory>
#include <vector>

#include "core/simulate/simulator_loader.h"

namespace metacf::ui {

class CatalogueModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { kTitle, kId, kGenre, kPopularity, kColumns };
  static constexpr int kItemRole = Qt::UserRole;      // the dense item index
  static constexpr int kSortRole = Qt::UserRole + 1;  // numbers sort as numbers

  explicit CatalogueModel(QObject* parent = nullptr);

  // `popularity` has one count per item; `popularity_source` says what was counted (tooltip).
  void setCatalogue(std::shared_ptr<const RunCatalogue> catalogue,
                    std::vector<std::int64_t> popularity, const QString& popularity_source);
  void setClicked(const std::vector<std::int32_t>& clicks);

  [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
  [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                    int role) const override;

 private:
  std::shared_ptr<const RunCatalogue> catalogue_;
  std::vector<std::int64_t> popularity_;
  QString popularity_source_;
  QSet<std::int32_t> clicked_;
};

}  // namespace metacf::ui
