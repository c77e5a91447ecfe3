#pragma once
// Saves a widget as it looks on screen to PNG, SVG or PDF (chosen by the file's suffix). A
// small stand-in until a shared exporter for every page exists.
#include <QString>

class QWidget;

namespace metacf::ui {

// The file-dialog filter for the three formats.
QString viewExportFilter();
// Returns an empty string on success, otherwise why it failed (for a message box).
QString saveWidgetView(QWidget* widget, const QString& path);

}  // namespace metacf::ui
