#pragma once
// The simulator's ways out: the lists table as CSV, Markdown, LaTeX or JSON (the report
// writers), and a view as it looks (PNG, SVG or PDF). Each asks for a file, reports failures
// in a message box, and returns what to show in the status bar (empty when cancelled).
#include <QString>

#include "core/report/table.h"

class QWidget;

namespace metacf::ui {

QString promptExportListsTable(QWidget* parent, const Table& table);
QString promptSaveView(QWidget* parent, QWidget* view, const QString& what);

}  // namespace metacf::ui
