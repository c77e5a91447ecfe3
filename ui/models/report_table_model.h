#pragma once
// Shows a report Table (the same type the CLI prints and every exporter writes) in a
// QTableView: bold and underline come from each cell's Emphasis through Qt::FontRole, numeric
// columns are right-aligned, and Qt::UserRole gives the number behind a cell.
#include <QAbstractTableModel>

#include "core/report/table.h"

namespace metacf::ui {

class ReportTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  explicit ReportTableModel(QObject* parent = nullptr);

  void setTable(Table table);
  [[nodiscard]] const Table& table() const { return table_; }

  [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
  [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                    int role) const override;

 private:
  Table table_;
  std::vector<bool> numeric_;  // per column: right-aligned
};

}  // namespace metacf::ui
