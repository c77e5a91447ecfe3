#pragma once
// One learner's list at the current step: a header with the learner and its hits, the table.
#include <QGroupBox>

class QLabel;
class QTableView;

namespace metacf::ui {

class RankedListModel;

class StepListPanel : public QGroupBox {
  Q_OBJECT
 public:
  explicit StepListPanel(const QString& title, QWidget* parent = nullptr);

  [[nodiscard]] RankedListModel* model() const { return model_; }
  [[nodiscard]] QTableView* view() const { return view_; }
  // "hits: 2/3" when a test user is replayed (`query_size` > 0), hidden otherwise.
  void setHits(int hits, int query_size);
  void setNote(const QString& text);  // a line under the title: K, seed, timing
  [[nodiscard]] QString hitsText() const;

 private:
  RankedListModel* model_ = nullptr;
  QTableView* view_ = nullptr;
  QLabel* note_ = nullptr;
  QLabel* hits_ = nullptr;
};

}  // namespace metacf::ui
