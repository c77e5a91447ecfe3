#pragma once
// The numbers of a loaded data set in a tidy two-column form, with the spread of records per
// user and per item as a small min / median / mean / max grid.
#include <QWidget>

#include "core/data/dataset_stats.h"

class QLabel;

namespace metacf::ui {

class DatasetStatsView : public QWidget {
  Q_OBJECT
 public:
  explicit DatasetStatsView(QWidget* parent = nullptr);

  void setStats(const DatasetStats& stats);
  void clear();

 private:
  QLabel* format_ = nullptr;
  QLabel* users_ = nullptr;
  QLabel* items_ = nullptr;
  QLabel* records_ = nullptr;
  QLabel* density_ = nullptr;
  QLabel* duplicates_ = nullptr;
  QLabel* skipped_ = nullptr;
  QLabel* titled_ = nullptr;
  // [row: per user, per item][column: min, median, mean, max]
  QLabel* spread_[2][4] = {};
};

}  // namespace metacf::ui
