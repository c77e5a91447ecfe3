#include "ui/export/table_export.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

#include "ui/export/export_dialogs.h"
#include "ui/export/output_file.h"

namespace metacf::ui {

QString writeTableFile(const Table& table, const QString& path, TableFormat format) {
  std::string text;
  try {
    text = write_table(table, format);
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return writeOutputFile(path, QByteArray::fromStdString(text));
}

void copyTableAsMarkdown(const Table& table) {
  QApplication::clipboard()->setText(QString::fromStdString(write_markdown(table)));
}

std::optional<TableFormat> tableFormatOf(const QString& path) {
  try {
    return parse_table_format(QFileInfo(path).suffix().toLower().toStdString());
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

QString promptTablePath(QWidget* parent, const QString& base_name) {
  const QString csv = QObject::tr("CSV (*.csv)");
  const QString md = QObject::tr("Markdown (*.md)");
  const QString tex = QObject::tr("LaTeX (*.tex)");
  const QString json = QObject::tr("JSON (*.json)");
  QString filter = csv;
  QString path = QFileDialog::getSaveFileName(
      parent, QObject::tr("Export table"),
      base_name.isEmpty() ? lastExportDir() : QDir(lastExportDir()).filePath(base_name),
      QStringList{csv, md, tex, json}.join(QStringLiteral(";;")), &filter);
  if (path.isEmpty() || tableFormatOf(path)) return path;
  // No known suffix: take the chosen filter's format and add its suffix.
  const TableFormat format = filter == md     ? TableFormat::kMarkdown
                             : filter == tex  ? TableFormat::kLatex
                             : filter == json ? TableFormat::kJson
                                              : TableFormat::kCsv;
  return path + QLatin1Char('.') + QString::fromUtf8(file_extension(format).data());
}

}  // namespace metacf::ui
