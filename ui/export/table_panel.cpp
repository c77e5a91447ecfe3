#include "ui/export/table_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/export/export_dialogs.h"
#include "ui/export/output_file.h"
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
    const QString path = promptTablePath(this, base_name_);
    if (path.isEmpty()) return;
    if (const QString error = exportTo(path); !error.isEmpty()) {
      QMessageBox::warning(this, tr("Export table"), error);
      return;
    }
    rememberExportDir(path);
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

void TablePanel::setExport(FileBytes bytes, const QString& base_name) {
  export_ = std::move(bytes);
  base_name_ = base_name;
}

QString TablePanel::exportTo(const QString& path) const {
  const auto format = tableFormatOf(path);
  if (!format) {
    return tr("%1: the name does not end in .csv, .md, .tex or .json").arg(path);
  }
  if (!export_) return writeTableFile(model_->table(), path, *format);
  std::string bytes;
  try {
    bytes = export_(*format);
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return writeOutputFile(path, QByteArray::fromStdString(bytes));
}

void TablePanel::setTable(Table table) {
  export_ = nullptr;
  base_name_.clear();
  caption_->setText(QString::fromStdString(table.caption));
  model_->setTable(std::move(table));
  view_->resizeColumnsToContents();
  const bool has_rows = model_->rowCount() > 0;
  view_->setVisible(has_rows);
  actions_->setVisible(has_rows);
  empty_->setVisible(!has_rows);
}

void TablePanel::showEmpty(const QString& text) {
  export_ = nullptr;
  base_name_.clear();
  model_->setTable({});
  empty_->setText(text);
  view_->hide();
  actions_->hide();
  empty_->show();
}

}  // namespace metacf::ui
