#pragma once
// The first records of a ratings file as a table: every column the file has (user id, item id,
// rating, timestamp) and the item's title when titles are loaded. Rows come as written in the
// file (read by core's record preview); a data set handed over without them is shown from its
// records (user by user, ids and titles only).
#include <QAbstractTableModel>
#include <memory>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/record_preview.h"

namespace metacf::ui {

class DatasetPreviewModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { kUser, kItem, kRating, kTimestamp, kTitle, kColumnCount };

  explicit DatasetPreviewModel(int max_rows = 200, QObject* parent = nullptr);

  // Shows these records (at most max_rows).
  void setRecords(std::vector<PreviewRecord> records);
  // Shows the first max_rows records of `data` user by user, without ratings or timestamps;
  // null clears.
  void setDataset(const std::shared_ptr<const Dataset>& data);

  // Whether any shown record has this column: the page hides the columns a file lacks.
  [[nodiscard]] bool hasColumn(Column column) const;

  [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
  [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                    int role) const override;

 private:
  int max_rows_;
  std::vector<PreviewRecord> records_;
};

}  // namespace metacf::ui
