#include "ui/widgets/dataset_preview_model.h"

#include <algorithm>

namespace metacf::ui {

DatasetPreviewModel::DatasetPreviewModel(int max_rows, QObject* parent)
    : QAbstractTableModel(parent), max_rows_(max_rows) {}

void DatasetPreviewModel::setDataset(std::shared_ptr<const Dataset> data) {
  beginResetModel();
  data_ = std::move(data);
  row_users_.clear();
  if (data_) {
    const auto shown = std::min<std::int64_t>(max_rows_, data_->num_records());
    row_users_.reserve(static_cast<std::size_t>(shown));
    for (std::int32_t u = 0; u < data_->num_users() && std::ssize(row_users_) < shown; ++u) {
      const auto n = data_->user_offsets[u + 1] - data_->user_offsets[u];
      for (std::int64_t i = 0; i < n && std::ssize(row_users_) < shown; ++i) {
        row_users_.push_back(u);
      }
    }
  }
  endResetModel();
}

int DatasetPreviewModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(row_users_.size());
}

int DatasetPreviewModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumnCount;
}

QVariant DatasetPreviewModel::data(const QModelIndex& index, int role) const {
  if (!data_ || !index.isValid() || index.row() >= rowCount()) return {};
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  const std::int32_t user = row_users_[static_cast<std::size_t>(index.row())];
  // Rows are consecutive records, so a row's record is at the same CSR position.
  const std::int32_t item = data_->user_items[static_cast<std::size_t>(index.row())];
  switch (index.column()) {
    case kUser: return QString::fromStdString(data_->user_ids[static_cast<std::size_t>(user)]);
    case kItem: return QString::fromStdString(data_->item_ids[static_cast<std::size_t>(item)]);
    case kTitle:
      return data_->has_titles()
                 ? QString::fromStdString(data_->item_titles[static_cast<std::size_t>(item)])
                 : QString();
    default: return {};
  }
}

QVariant DatasetPreviewModel::headerData(int section, Qt::Orientation orientation,
                                         int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Vertical) return section + 1;
  switch (section) {
    case kUser: return tr("User id");
    case kItem: return tr("Item id");
    case kTitle: return tr("Title");
    default: return {};
  }
}

}  // namespace metacf::ui
