#pragma once
// A results table with its way out: the view, "Copy as Markdown" and "Export…" (CSV,
// Markdown, LaTeX, JSON through the CLI's writers). Used for every table on the results page.
#include <QWidget>
#include <optional>

#include "core/report/table.h"

class QLabel;
class QTableView;

namespace metacf::ui {

class ReportTableModel;

class TablePanel : public QWidget {
  Q_OBJECT
 public:
  explicit TablePanel(const QString& empty_text, QWidget* parent = nullptr);

  void setTable(Table table);
  // What CSV and JSON exports write instead of the table shown (one value per column); none:
  // the table shown. Cleared by setTable() and showEmpty().
  void setTidyTable(Table tidy);
  // Shows `text` instead of the table (e.g. "no K sweep in this run").
  void showEmpty(const QString& text);
  [[nodiscard]] ReportTableModel* model() const { return model_; }
  [[nodiscard]] QTableView* view() const { return view_; }

 private:
  ReportTableModel* model_;
  QTableView* view_;
  QLabel* caption_;
  QLabel* empty_;
  QWidget* actions_;
  std::optional<Table> tidy_;
};

}  // namespace metacf::ui
