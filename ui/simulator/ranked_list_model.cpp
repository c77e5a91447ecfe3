#include "ui/simulator/ranked_list_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace metacf::ui {
namespace {

// Calm colours that read on light and dark palettes alike.
const QColor kNewColour(0x1f, 0x6f, 0xc5);
const QColor kUpColour(0x2e, 0x8b, 0x3d);
const QColor kDownColour(0xc0, 0x39, 0x2b);
const QColor kHitBackground(0xd8, 0xf0, 0xd0);

}  // namespace

RankedListModel::RankedListModel(QObject* parent) : QAbstractTableModel(parent) {}

void RankedListModel::setCatalogue(std::shared_ptr<const RunCatalogue> catalogue) {
  beginResetModel();
  catalogue_ = std::move(catalogue);
  items_.clear();
  endResetModel();
}

void RankedListModel::setList(std::vector<RankedItem> items) {
  beginResetModel();
  items_ = std::move(items);
  endResetModel();
}

void RankedListModel::setHighlighted(QSet<std::int32_t> items) {
  beginResetModel();
  highlighted_ = std::move(items);
  endResetModel();
}

int RankedListModel::hits() const {
  int n = 0;
  for (const auto& item : items_) n += highlighted_.contains(item.item) ? 1 : 0;
  return n;
}

QString RankedListModel::title(std::int32_t item) const {
  if (!catalogue_ || item < 0 || item >= catalogue_->data.num_items()) return {};
  const Dataset& d = catalogue_->data;
  const auto v = static_cast<std::size_t>(item);
  const QString t = d.has_titles() ? QString::fromStdString(d.item_titles[v]) : QString();
  return t.isEmpty() ? QString::fromStdString(d.item_ids[v]) : t;
}

QString RankedListModel::itemId(std::int32_t item) const {
  if (!catalogue_ || item < 0 || item >= catalogue_->data.num_items()) return {};
  return QString::fromStdString(catalogue_->data.item_ids[static_cast<std::size_t>(item)]);
}

int RankedListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(items_.size());
}

int RankedListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

QVariant RankedListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const RankedItem& item = items_[static_cast<std::size_t>(index.row())];
  const bool hit = highlighted_.contains(item.item);
  // The Change column says what the click did: against the last list before it.
  const auto& before = item.rank_before_click;
  const int delta = before ? *before - item.rank : 0;
  switch (role) {
    case kItemRole:
      return item.item;
    case Qt::DisplayRole:
      switch (index.column()) {
        case kRank:
          return item.rank;
        case kTitle:
          return hit ? QStringLiteral("● ") + title(item.item) : title(item.item);
        case kScore:
          return QString::number(item.score, 'f', 4);
        case kChange:
          if (!before) return QStringLiteral("★ new");
          if (delta > 0) return QStringLiteral("▲ %1").arg(delta);
          if (delta < 0) return QStringLiteral("▼ %1").arg(-delta);
          return QStringLiteral("=");
        default:
          return {};
      }
    case Qt::ForegroundRole:
      if (index.column() != kChange) return {};
      if (!before) return QBrush(kNewColour);
      if (delta > 0) return QBrush(kUpColour);
      if (delta < 0) return QBrush(kDownColour);
      return QBrush(Qt::gray);
    case Qt::BackgroundRole:
      return hit ? QVariant(QBrush(kHitBackground)) : QVariant();
    case Qt::FontRole:
      if (hit) {
        QFont bold;
        bold.setBold(true);
        return bold;
      }
      return {};
    case Qt::TextAlignmentRole:
      return index.column() == kTitle ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                      : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
      QString tip = tr("Item %1, score %2").arg(itemId(item.item)).arg(item.score, 0, 'g', 6);
      tip += before ? tr("; rank %1 before this click").arg(*before)
                    : tr("; not in the list before this click");
      tip += item.previous_rank ? tr("; rank %1 at the step before").arg(*item.previous_rank)
                                : tr("; not in the list at the step before");
      if (hit) tip += tr("; one of the test user's query items (a hit)");
      return tip;
    }
    default:
      return {};
  }
}

QVariant RankedListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::ToolTipRole && section == kChange) {
    return tr(
        "What the click did: against the last list before this click (each row's tooltip also "
        "gives its rank at the step before)");
  }
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case kRank:
      return tr("#");
    case kTitle:
      return tr("Title");
    case kScore:
      return tr("Score");
    case kChange:
      return tr("Change");
    default:
      return {};
  }
}

}  // namespace metacf::ui
