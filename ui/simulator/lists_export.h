#pragma once
// The simulator's ways out: the lists as CSV or JSON (every click, step and rank: a tidy
// table for scripts, which `export_every_click` writes in the background and returns what to
// show meanwhile) or as Markdown or LaTeX (`shown`, the step on screen), and a view as it
// looks (PNG, SVG or PDF). Each asks for a file, reports failures in a message box, and
// returns what to show in the status bar (empty when cancelled).
#include <QString>
#include <functional>

#include "core/report/table.h"

class QWidget;

namespace metacf::ui {

QString promptExportListsTable(
    QWidget* parent, const Table& shown,
    const std::function<QString(const QString& path, TableFormat format)>& export_every_click);
QString promptSaveView(QWidget* parent, QWidget* view, const QString& what);

}  // namespace metacf::ui
