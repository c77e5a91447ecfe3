#include "ui/widgets/dataset_preview_model.h"

#include <algorithm>

namespace metacf::ui {

DatasetPreviewModel::DatasetPreviewModel(int max_rows, QObject* parent)
    : QAbstractTableModel(parent), max_rows_(max_rows) {}

void DatasetPreviewModel::setRecords(std::vector<PreviewRecord> records) {
  beginResetModel();
  records_ = std::move(records);
  if (std::ssize(records_) > max_rows_) records_.resize(static_cast<std::size_t>(max_rows_));
  endResetModel();
}

void DatasetPreviewModel::setDataset(const std::shared_ptr<const Dataset>& data) {
  std::vector<PreviewRecord> records;
  if (data) {
    const auto shown = std::min<std::int64_t>(max_rows_, data->num_records());
    records.reserve(static_cast<std::size_t>(shown));
    for (std::int32_t u = 0; u < data->num_users() && std::ssize(records) < shown; ++u) {
      for (const std::int32_t item : data->items_of(u)) {
        if (std::ssize(records) >= shown) break;
        const auto i = static_cast<std::size_t>(item);
        PreviewRecord record;
        record.user = data->user_ids[static_cast<std::size_t>(u)];
        record.item = data->item_ids[i];
        if (data->has_titles()) record.title = data->item_titles[i];
        records.push_back(std::move(record));
      }
    }
  }
  setRecords(std::move(records));
}

bool DatasetPreviewModel::hasColumn(Column column) const {
  return std::any_of(records_.begin(), records_.end(), [column](const PreviewRecord& r) {
    switch (column) {
      case kRating:
        return r.rating.has_value();
      case kTimestamp:
        return !r.timestamp.empty();
      case kTitle:
        return !r.title.empty();
      default:
        return true;
    }
  });
}

int DatasetPreviewModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(records_.size());
}

int DatasetPreviewModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumnCount;
}

QVariant DatasetPreviewModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  const PreviewRecord& r = records_[static_cast<std::size_t>(index.row())];
  switch (index.column()) {
    case kUser:
      return QString::fromStdString(r.user);
    case kItem:
      return QString::fromStdString(r.item);
    case kRating:
      return r.rating ? QVariant(*r.rating) : QVariant();
    case kTimestamp:
      return QString::fromStdString(r.timestamp);
    case kTitle:
      return QString::fromStdString(r.title);
    default:
      return {};
  }
}

QVariant DatasetPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Vertical) {
    const auto row = static_cast<std::size_t>(section);
    // The file's own line number when known, so a row can be found in the file.
    return row < records_.size() && records_[row].line > 0
               ? QVariant(static_cast<qlonglong>(records_[row].line))
               : QVariant(section + 1);
  }
  switch (section) {
    case kUser:
      return tr("User id");
    case kItem:
      return tr("Item id");
    case kRating:
      return tr("Rating");
    case kTimestamp:
      return tr("Timestamp");
    case kTitle:
      return tr("Title");
    default:
      return {};
  }
}

}  // namespace metacf::ui
