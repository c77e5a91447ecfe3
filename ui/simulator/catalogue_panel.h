#pragma once
// The searchable catalogue: filter as you type over title, id and genre; most popular first.
#include <QGroupBox>
#include <cstdint>

class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace metacf::ui {

class CatalogueModel;

class CataloguePanel : public QGroupBox {
  Q_OBJECT
 public:
  explicit CataloguePanel(QWidget* parent = nullptr);

  [[nodiscard]] CatalogueModel* model() const { return model_; }
  [[nodiscard]] QSortFilterProxyModel* proxy() const { return proxy_; }
  [[nodiscard]] QTableView* view() const { return view_; }
  [[nodiscard]] QLineEdit* search() const { return search_; }
  // The item of the selected row, -1 when none.
  [[nodiscard]] std::int32_t selectedItem() const;

 signals:
  void addRequested(std::int32_t item);

 private:
  // A narrow panel drops the genre column so the titles keep their room; a title's tooltip
  // still names its genres, and the search still finds them.
  void resizeEvent(QResizeEvent* event) override;

  CatalogueModel* model_ = nullptr;
  QSortFilterProxyModel* proxy_ = nullptr;
  QTableView* view_ = nullptr;
  QLineEdit* search_ = nullptr;
  QPushButton* add_ = nullptr;
};

}  // namespace metacf::ui
