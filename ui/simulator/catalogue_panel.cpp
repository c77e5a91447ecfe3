#include "ui/simulator/catalogue_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/simulator/catalogue_model.h"

namespace metacf::ui {

CataloguePanel::CataloguePanel(QWidget* parent) : QGroupBox(tr("Catalogue"), parent) {
  model_ = new CatalogueModel(this);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setFilterKeyColumn(-1);  // title, id and genre alike
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setSortRole(CatalogueModel::kSortRole);
  proxy_->setSortCaseSensitivity(Qt::CaseInsensitive);

  search_ = new QLineEdit(this);
  search_->setObjectName(QStringLiteral("catalogueSearch"));
  search_->setPlaceholderText(tr("Search title, id or genre…  (Ctrl+F)"));
  search_->setClearButtonEnabled(true);
  auto* find = new QShortcut(QKeySequence::Find, this);
  connect(find, &QShortcut::activated, search_, [this] {
    search_->setFocus();
    search_->selectAll();
  });

  view_ = new QTableView(this);
  view_->setObjectName(QStringLiteral("catalogueView"));
  view_->setModel(proxy_);
  view_->setSortingEnabled(true);
  view_->sortByColumn(CatalogueModel::kPopularity, Qt::DescendingOrder);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
  view_->setWordWrap(false);
  view_->setToolTip(tr("Double-click (or Enter) to click the item as the new user"));
  auto* header = view_->horizontalHeader();
  header->setSectionResizeMode(QHeaderView::Interactive);
  header->setSectionResizeMode(CatalogueModel::kTitle, QHeaderView::Stretch);
  header->resizeSection(CatalogueModel::kId, 48);
  header->resizeSection(CatalogueModel::kGenre, 96);
  // As wide as its header at least: "Popularity" was cut to "opularity".
  header->resizeSection(CatalogueModel::kPopularity,
                        std::max(72, header->sectionSizeHint(CatalogueModel::kPopularity)));

  add_ = new QPushButton(style()->standardIcon(QStyle::SP_ArrowRight), tr("Add click"), this);
  add_->setToolTip(tr("The new user clicks the selected item (Enter)"));
  add_->setEnabled(false);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(search_);
  layout->addWidget(view_, 1);
  auto* row = new QHBoxLayout;
  row->addStretch(1);
  row->addWidget(add_);
  layout->addLayout(row);

  connect(search_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
  connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    emit addRequested(index.data(CatalogueModel::kItemRole).toInt());
  });
  auto* enter =
      new QShortcut(QKeySequence(Qt::Key_Return), view_, nullptr, nullptr, Qt::WidgetShortcut);
  connect(enter, &QShortcut::activated, add_, &QPushButton::click);
  connect(add_, &QPushButton::clicked, this, [this] {
    if (const auto item = selectedItem(); item >= 0) emit addRequested(item);
  });
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          [this] { add_->setEnabled(selectedItem() >= 0); });
}

std::int32_t CataloguePanel::selectedItem() const {
  const auto rows = view_->selectionModel()->selectedRows();
  return rows.isEmpty() ? -1 : rows.first().data(CatalogueModel::kItemRole).toInt();
}

void CataloguePanel::resizeEvent(QResizeEvent* event) {
  QGroupBox::resizeEvent(event);
  constexpr int kRoomForGenres = 440;
  view_->setColumnHidden(CatalogueModel::kGenre, width() < kRoomForGenres);
}

}  // namespace metacf::ui
