#pragma once
// Tables leave the GUI through the same writers as the CLI (core/report write_table).
#include <QString>

#include "core/report/table.h"

class QWidget;

namespace metacf::ui {

// Writes `table` as `format` (UTF-8). Returns an empty string on success, else the reason.
QString writeTableFile(const Table& table, const QString& path, TableFormat format);
// Puts the table on the clipboard as a GitHub Markdown table.
void copyTableAsMarkdown(const Table& table);
// Asks for a file (the format follows the chosen filter or suffix) and writes it; reports a
// failure in a message box. Returns the path written, empty when cancelled or failed.
// `tidy` (optional) is what CSV and JSON get instead: one value per column, for scripts.
QString promptExportTable(const Table& table, QWidget* parent, const Table* tidy = nullptr);

}  // namespace metacf::ui
