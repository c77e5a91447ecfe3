#include "ui/export/table_export.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

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

QString promptExportTable(const Table& table, QWidget* parent, const Table* tidy) {
  const QString dir = lastExportDir();
  const QString csv = QObject::tr("CSV (*.csv)");
  const QString md = QObject::tr("Markdown (*.md)");
  const QString tex = QObject::tr("LaTeX (*.tex)");
  const QString json = QObject::tr("JSON (*.json)");
  QString filter = csv;
  QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export table"), dir,
                                              QStringList{csv, md, tex, json}.join(";;"), &filter);
  if (path.isEmpty()) return {};
  TableFormat format = TableFormat::kCsv;
  try {
    format = parse_table_format(QFileInfo(path).suffix().toLower().toStdString());
  } catch (const std::invalid_argument&) {
    // No known suffix: take the chosen filter's format and add its suffix.
    format = filter == md     ? TableFormat::kMarkdown
             : filter == tex  ? TableFormat::kLatex
             : filter == json ? TableFormat::kJson
                              : TableFormat::kCsv;
    path += QLatin1Char('.') + QString::fromUtf8(file_extension(format).data());
  }
  const bool for_scripts = format == TableFormat::kCsv || format == TableFormat::kJson;
  const Table& written = tidy && for_scripts ? *tidy : table;
  if (const QString error = writeTableFile(written, path, format); !error.isEmpty()) {
    QMessageBox::warning(parent, QObject::tr("Export table"), error);
    return {};
  }
  rememberExportDir(path);
  return path;
}

}  // namespace metacf::ui
