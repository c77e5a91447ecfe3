#pragma once
// The new user's clicks in order: reorder (drag, or up/down), remove, reset.
#include <QGroupBox>
#include <cstdint>
#include <functional>
#include <vector>

class QListWidget;
class QToolButton;
class QPushButton;

namespace metacf::ui {

class ClicksPanel : public QGroupBox {
  Q_OBJECT
 public:
  explicit ClicksPanel(QWidget* parent = nullptr);

  // Shows `clicks`; `label` gives each item's text. Emits nothing.
  void setClicks(const std::vector<std::int32_t>& clicks,
                 const std::function<QString(std::int32_t)>& label);
  [[nodiscard]] std::vector<std::int32_t> clicks() const;
  [[nodiscard]] QListWidget* list() const { return list_; }

  void moveSelected(int by);
  void removeSelected();

 signals:
  void clicksEdited(const std::vector<std::int32_t>& clicks);  // reordered or removed
  void resetRequested();

 private:
  void updateButtons();

  QListWidget* list_ = nullptr;
  QToolButton* up_ = nullptr;
  QToolButton* down_ = nullptr;
  QToolButton* remove_ = nullptr;
  QPushButton* reset_ = nullptr;
};

}  // namespace metacf::ui
