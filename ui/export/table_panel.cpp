#include "ui/export/table_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/export/table_export.h"
#include "ui/models/report_table_model.h"

namespace metacf::ui {

TablePanel::TablePanel(const QString& empty_text, QWidget* parent) : QWidget(parent) {
  model_ = new ReportTableModel(this);
  view_ = new QTableView(this);
  view_->setModel(model_);
  view_->setAlternatingRowColors(true);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->verticalHeader()->hide();
  view_->setWordWrap(false);
  caption_ = new QLabel(this);
  caption_->setWordWrap(true);
  empty_ = new QLabel(empty_text, this);
  empty_->setAlignment(Qt::AlignCenter);
  empty_->setWordWrap(true);
  empty_->setStyleSheet(QStringLiteral("color: palette(mid);"));

  auto* copy = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogDetailedView),
                               tr("Copy as &Markdown"), this);
  copy->setToolTip(tr("Put the table on the clipboard as a Markdown table"));
  connect(copy, &QPushButton::clicked, this, [this] {
    copyTableAsMarkdown(model_->table());
    if (auto* main = qobject_cast<QMainWindow*>(window())) {
      main->statusBar()->showMessage(tr("Table copied as Markdown"), 5000);
    }
  });
  auto* save = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton),
                               tr("&Export table…"), this);
  save->setToolTip(
      tr("Write the table as CSV, Markdown, LaTeX or JSON (the same writers as "
         "the metacf command line)"));
  connect(save, &QPushButton::clicked, this, [this] {
    const QString path = promptExportTable(model_->table(), this, tidy_ ? &*tidy_ : nullptr);
    if (path.isEmpty()) return;
    if (auto* main = qobject_cast<QMainWindow*>(window())) {
      main->statusBar()->showMessage(tr("Table written to %1").arg(path), 8000);
    }
  });
  actions_ = new QWidget(this);
  auto* buttons = new QHBoxLayout(actions_);
  buttons->setContentsMargins(0, 0, 0, 0);
  buttons->addWidget(caption_, 1);
  buttons->addWidget(copy);
  buttons->addWidget(save);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(actions_);
  layout->addWidget(view_, 1);
  layout->addWidget(empty_, 1);
  showEmpty(empty_text);
}

void TablePanel::setTidyTable(Table tidy) { tidy_ = std::move(tidy); }

void TablePanel::setTable(Table table) {
  tidy_.reset();
  caption_->setText(QString::fromStdString(table.caption));
  model_->setTable(std::move(table));
  view_->resizeColumnsToContents();
  const bool has_rows = model_->rowCount() > 0;
  view_->setVisible(has_rows);
  actions_->setVisible(has_rows);
  empty_->setVisible(!has_rows);
}

void TablePanel::showEmpty(const QString& text) {
  tidy_.reset();
  model_->setTable({});
  empty_->setText(text);
  view_->hide();
  actions_->hide();
  empty_->show();
}

}  // namespace metacf::ui
