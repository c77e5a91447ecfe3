#include "ui/simulator/lists_export.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <functional>
#include <stdexcept>

#include "ui/export/export_dialogs.h"
#include "ui/export/table_export.h"
#include "ui/simulator/view_export.h"

namespace metacf::ui {

QString promptExportListsTable(
    QWidget* parent, const Table& shown,
    const std::function<QString(const QString& path, TableFormat format)>& export_every_click) {
  const QString path = QFileDialog::getSaveFileName(
      parent, QObject::tr("Export lists"),
      QDir(lastExportDir()).filePath(QStringLiteral("simulator_lists.csv")),
      QObject::tr("CSV (*.csv);;Markdown (*.md);;LaTeX (*.tex);;JSON (*.json)"));
  if (path.isEmpty()) return {};
  try {
    const TableFormat format = parse_table_format(QFileInfo(path).suffix().toLower().toStdString());
    // A script wants everything the user saw, one value per column; a person the step shown.
    if (format == TableFormat::kCsv || format == TableFormat::kJson) {
      rememberExportDir(path);
      return export_every_click(path, format);
    }
    if (const QString error = writeTableFile(shown, path, format); !error.isEmpty()) {
      QMessageBox::warning(parent, QObject::tr("Export lists"), error);
      return {};
    }
    rememberExportDir(path);
    return QObject::tr("Lists saved to %1").arg(path);
  } catch (const std::exception& e) {
    QMessageBox::warning(parent, QObject::tr("Export lists"),
                         QObject::tr("%1\nUse a .csv, .md, .tex or .json file name.")
                             .arg(QString::fromUtf8(e.what())));
    return {};
  }
}

QString promptSaveView(QWidget* parent, QWidget* view, const QString& what) {
  const QString path = QFileDialog::getSaveFileName(
      parent, QObject::tr("Save the %1").arg(what),
      QDir(lastExportDir()).filePath(QStringLiteral("simulator_%1.png").arg(what)),
      viewExportFilter());
  if (path.isEmpty()) return {};
  const QString error = saveWidgetView(view, path);
  if (!error.isEmpty()) {
    QMessageBox::warning(parent, QObject::tr("Save the %1").arg(what), error);
    return {};
  }
  rememberExportDir(path);
  return QObject::tr("Saved %1").arg(path);
}

}  // namespace metacf::ui
