#include "ui/simulator/clicks_panel.h"

#include <QAbstractItemModel>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace metacf::ui {
namespace {
constexpr int kItemRole = Qt::UserRole;
}

ClicksPanel::ClicksPanel(QWidget* parent) : QGroupBox(tr("Clicks of the new user"), parent) {
  list_ = new QListWidget(this);
  list_->setObjectName(QStringLiteral("clicksList"));
  list_->setDragDropMode(QAbstractItemView::InternalMove);
  list_->setDefaultDropAction(Qt::MoveAction);
  list_->setToolTip(
      tr("In click order: the learner adapts on all of them. Drag to reorder; "
         "Delete removes the selected click."));
  auto tool = [this](QStyle::StandardPixmap icon, const QString& tip, const QKeySequence& keys) {
    auto* b = new QToolButton(this);
    b->setIcon(style()->standardIcon(icon));
    b->setToolTip(tip + QStringLiteral(" (%1)").arg(keys.toString(QKeySequence::NativeText)));
    // Only while the list has focus: Delete in the search field must not remove a click.
    auto* shortcut = new QShortcut(keys, list_, nullptr, nullptr, Qt::WidgetShortcut);
    connect(shortcut, &QShortcut::activated, b, &QToolButton::click);
    return b;
  };
  up_ = tool(QStyle::SP_ArrowUp, tr("Move the selected click earlier"),
             QKeySequence(Qt::ALT | Qt::Key_Up));
  down_ = tool(QStyle::SP_ArrowDown, tr("Move the selected click later"),
               QKeySequence(Qt::ALT | Qt::Key_Down));
  remove_ = tool(QStyle::SP_DialogDiscardButton, tr("Remove the selected click"),
                 QKeySequence(Qt::Key_Delete));
  reset_ = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reset user"), this);
  reset_->setToolTip(tr("Forget every click and the replayed test user"));

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(up_);
  buttons->addWidget(down_);
  buttons->addWidget(remove_);
  buttons->addStretch(1);
  buttons->addWidget(reset_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(list_, 1);
  layout->addLayout(buttons);

  connect(up_, &QToolButton::clicked, this, [this] { moveSelected(-1); });
  connect(down_, &QToolButton::clicked, this, [this] { moveSelected(+1); });
  connect(remove_, &QToolButton::clicked, this, &ClicksPanel::removeSelected);
  connect(reset_, &QPushButton::clicked, this, &ClicksPanel::resetRequested);
  connect(list_, &QListWidget::currentRowChanged, this, &ClicksPanel::updateButtons);
  // A drag ends with the row moved inside the model; report it once the drop has settled.
  connect(list_->model(), &QAbstractItemModel::rowsMoved, this,
          [this] { QTimer::singleShot(0, this, [this] { emit clicksEdited(clicks()); }); });
  updateButtons();
}

void ClicksPanel::setClicks(const std::vector<std::int32_t>& clicks,
                            const std::function<QString(std::int32_t)>& label) {
  // No signal blocking here: the view must see the rows change. Refilling emits no rowsMoved.
  const int row = list_->currentRow();
  list_->clear();
  for (std::size_t i = 0; i < clicks.size(); ++i) {
    auto* item = new QListWidgetItem(QStringLiteral("%1. %2").arg(i + 1).arg(label(clicks[i])));
    item->setData(kItemRole, clicks[i]);
    list_->addItem(item);
  }
  list_->setCurrentRow(std::min(row, list_->count() - 1));
  updateButtons();
}

std::vector<std::int32_t> ClicksPanel::clicks() const {
  std::vector<std::int32_t> out;
  for (int i = 0; i < list_->count(); ++i) out.push_back(list_->item(i)->data(kItemRole).toInt());
  return out;
}

void ClicksPanel::moveSelected(int by) {
  const int row = list_->currentRow();
  const int target = row + by;
  if (row < 0 || target < 0 || target >= list_->count()) return;
  auto order = clicks();
  std::swap(order[static_cast<std::size_t>(row)], order[static_cast<std::size_t>(target)]);
  list_->setCurrentRow(target);
  emit clicksEdited(order);
}

void ClicksPanel::removeSelected() {
  const int row = list_->currentRow();
  if (row < 0) return;
  auto order = clicks();
  order.erase(order.begin() + row);
  emit clicksEdited(order);
}

void ClicksPanel::updateButtons() {
  const int row = list_->currentRow();
  up_->setEnabled(row > 0);
  down_->setEnabled(row >= 0 && row + 1 < list_->count());
  remove_->setEnabled(row >= 0);
  reset_->setEnabled(list_->count() > 0);
}

}  // namespace metacf::ui
