#pragma once
// The first records of a Dataset as a table (user id, item id, title), read straight from the
// shared Dataset: nothing is copied, so a preview of a large file costs no memory.
#include <QAbstractTableModel>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/data/dataset.h"

namespace metacf::ui {

class DatasetPreviewModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { kUser, kItem, kTitle, kColumnCount };

  explicit DatasetPreviewModel(int max_rows = 200, QObject* parent = nullptr);

  // Shows the first max_rows records of `data` in file order (user by user); null clears.
  void setDataset(std::shared_ptr<const Dataset> data);

  [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
  [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
  [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                    int role) const override;

 private:
  int max_rows_;
  std::shared_ptr<const Dataset> data_;
  // Owner user of each shown record; the record itself is user_items[row] (CSR order).
  std::vector<std::int32_t> row_users_;
};

}  // namespace metacf::ui
