#include "ui/models/report_table_model.h"

#include <QFont>

namespace metacf::ui {

ReportTableModel::ReportTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ReportTableModel::setTable(Table table) {
  beginResetModel();
  table_ = std::move(table);
  numeric_.assign(table_.columns.size(), false);
  for (std::size_t c = 0; c < table_.columns.size(); ++c) {
    // A "mean ± std" column is not a plain number but still reads best right-aligned.
    bool all_numbers = !table_.rows.empty();
    for (const auto& row : table_.rows) {
      if (c < row.size() && !row[c].number && !row[c].text.empty() && row[c].text != "—") {
        all_numbers = false;
      }
    }
    numeric_[c] = all_numbers || is_numeric_column(table_, c);
  }
  endResetModel();
}

int ReportTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(table_.rows.size());
}

int ReportTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(table_.columns.size());
}

QVariant ReportTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const auto& row = table_.rows[static_cast<std::size_t>(index.row())];
  if (static_cast<std::size_t>(index.column()) >= row.size()) return {};
  const Cell& cell = row[static_cast<std::size_t>(index.column())];
  switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
      return QString::fromStdString(cell.text);
    case Qt::FontRole: {
      if (cell.emphasis == Emphasis::kNone) return {};
      QFont font;
      font.setBold(cell.emphasis == Emphasis::kBold);
      font.setUnderline(cell.emphasis == Emphasis::kUnderline);
      return font;
    }
    case Qt::TextAlignmentRole:
      return numeric_[static_cast<std::size_t>(index.column())]
                 ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                 : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::UserRole:
      return cell.number ? QVariant(*cell.number) : QVariant();
    default:
      return {};
  }
}

QVariant ReportTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Vertical) return section + 1;
  if (section < 0 || static_cast<std::size_t>(section) >= table_.columns.size()) return {};
  return QString::fromStdString(table_.columns[static_cast<std::size_t>(section)]);
}

}  // namespace metacf::ui
