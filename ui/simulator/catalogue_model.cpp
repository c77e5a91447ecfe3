#include "ui/simulator/catalogue_model.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

namespace metacf::ui {

CatalogueModel::CatalogueModel(QObject* parent) : QAbstractTableModel(parent) {}

void CatalogueModel::setCatalogue(std::shared_ptr<const RunCatalogue> catalogue,
                                  std::vector<std::int64_t> popularity,
                                  const QString& popularity_source) {
  beginResetModel();
  catalogue_ = std::move(catalogue);
  popularity_ = std::move(popularity);
  popularity_source_ = popularity_source;
  clicked_.clear();
  endResetModel();
}

void CatalogueModel::setClicked(const std::vector<std::int32_t>& clicks) {
  QSet<std::int32_t> next(clicks.begin(), clicks.end());
  if (next == clicked_) return;
  clicked_ = std::move(next);
  if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, kColumns - 1));
}

int CatalogueModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !catalogue_ ? 0 : catalogue_->data.num_items();
}

int CatalogueModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

QVariant CatalogueModel::data(const QModelIndex& index, int role) const {
  if (!catalogue_ || !index.isValid()) return {};
  const auto v = static_cast<std::size_t>(index.row());
  const Dataset& d = catalogue_->data;
  const bool clicked = clicked_.contains(index.row());
  switch (role) {
    case kItemRole:
      return index.row();
    case Qt::DisplayRole:
    case kSortRole:
      switch (index.column()) {
        case kTitle: {
          const QString title =
              d.has_titles() ? QString::fromStdString(d.item_titles[v]) : QString();
          const QString shown = title.isEmpty() ? QString::fromStdString(d.item_ids[v]) : title;
          return role == Qt::DisplayRole && clicked ? QStringLiteral("✓ ") + shown : shown;
        }
        case kId:
          return QString::fromStdString(d.item_ids[v]);
        case kGenre:
          return d.item_genres.empty()
                     ? QString()
                     : QString::fromStdString(d.item_genres[v]).replace('|', ", ");
        case kPopularity:
          return v < popularity_.size() ? QVariant::fromValue<qlonglong>(popularity_[v])
                                        : QVariant();
        default:
          return {};
      }
    case Qt::ForegroundRole:
      return clicked ? QVariant(QPalette().brush(QPalette::Disabled, QPalette::Text)) : QVariant();
    case Qt::TextAlignmentRole:
      return index.column() == kPopularity ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                           : QVariant();
    case Qt::ToolTipRole:
      if (clicked) return tr("Already clicked by the new user");
      if (index.column() == kTitle) {
        // The title whole, and the genres, which a narrow panel hides.
        const QString title = d.has_titles() ? QString::fromStdString(d.item_titles[v])
                                             : QString::fromStdString(d.item_ids[v]);
        if (d.item_genres.empty() || d.item_genres[v].empty()) return title;
        return title + QLatin1Char('\n') +
               QString::fromStdString(d.item_genres[v]).replace('|', ", ");
      }
      return index.column() == kPopularity ? popularity_source_ : QVariant();
    default:
      return {};
  }
}

QVariant CatalogueModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::ToolTipRole && section == kPopularity) return popularity_source_;
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case kTitle:
      return tr("Title");
    case kId:
      return tr("Id");
    case kGenre:
      return tr("Genre");
    case kPopularity:
      return tr("Popularity");
    default:
      return {};
  }
}

}  // namespace metacf::ui
