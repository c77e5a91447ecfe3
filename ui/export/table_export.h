#pragma once
// Tables leave the GUI through the same writers as the CLI (core/report write_table).
#include <QString>
#include <optional>

#include "core/report/table.h"

class QWidget;

namespace metacf::ui {

// Writes `table` as `format` (UTF-8). Returns an empty string on success, else the reason.
QString writeTableFile(const Table& table, const QString& path, TableFormat format);
// Puts the table on the clipboard as a GitHub Markdown table.
void copyTableAsMarkdown(const Table& table);
// The table format a file name's suffix names (csv, md, tex, json); none for another suffix.
std::optional<TableFormat> tableFormatOf(const QString& path);
// Asks for a table file in lastExportDir(), proposing `base_name`; the format follows the
// suffix typed, else the chosen filter, whose suffix is then added. Empty when cancelled.
QString promptTablePath(QWidget* parent, const QString& base_name = {});

}  // namespace metacf::ui
