#pragma once
// A results table with its way out: the view, "Copy as Markdown" and "Export…" (CSV,
// Markdown, LaTeX, JSON through the CLI's writers). Used for every table on the results page.
#include <QWidget>
#include <functional>
#include <string>

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
  // The bytes of a file in a format: what core/report's run exports give `metacf export`.
  using FileBytes = std::function<std::string(TableFormat)>;
  // What "Export…" writes instead of the table shown, and the file name it proposes (without
  // a suffix). Cleared by setTable() and showEmpty(): without it, the table shown.
  void setExport(FileBytes bytes, const QString& base_name);
  // What "Export…" does once a file is chosen: writes it in the format its suffix names.
  // Empty on success, else why not.
  QString exportTo(const QString& path) const;
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
  FileBytes export_;
  QString base_name_;
};

}  // namespace metacf::ui
