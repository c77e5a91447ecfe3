#pragma once
// One step's top-N list: rank, title, score and what changed since the list before it
// (★ new, ▲ up n, ▼ down n), with a test user's query items highlighted as hits.
#include <QAbstractTableModel>
#include <QSet>
#include <memory>
#include <vector>

#include "core/simulate/new_user_simulation.h"
#include "core/simulate/simulator_loader.h"

namespace metacf::ui {

class RankedListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { kRank, kTitle, kScore, kChange, kColumns };
  static constexpr int kItemRole = Qt::UserRole;

  explicit RankedListModel(QObject* parent = nullptr);

  void setCatalogue(std::shared_ptr<const RunCatalogue> catalogue);
  void setList(std::vector<RankedItem> items);
  void setHighlighted(QSet<std::int32_t> items);  // a replayed user's query items

  [[nodiscard]] int hits() const;  // listed items that are highlighted

  QString title(std::int32_t item) const;
  QString itemId(std::int32_t item) const;

  [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
  [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                    int role) const override;

 private:
  std::shared_ptr<const RunCatalogue> catalogue_;
  std::vector<RankedItem> items_;
  QSet<std::int32_t> highlighted_;
};

}  // namespace metacf::ui
