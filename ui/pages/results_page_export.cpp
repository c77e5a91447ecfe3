// What the Results page's tables write when exported: core/report's run exports, the bytes
// `metacf export` writes for the same run, table, baseline and format.
#include <QComboBox>
#include <stdexcept>

#include "ui/export/output_file.h"
#include "ui/export/table_export.h"
#include "ui/export/table_panel.h"
#include "ui/pages/results_page.h"
#include "ui/studio_context.h"

namespace metacf::ui {

std::function<std::string(TableFormat)> ResultsPage::runExport(ExportWhat what,
                                                               const std::string& baseline) const {
  // The run and baseline shown now (a later change of either sets new exports), as read with
  // the run: an export reads nothing from the store on the UI thread.
  return [tables = shown_tables_, baseline, what](TableFormat format) {
    if (!tables) throw std::runtime_error("the run is still being read");
    RunTables run = *tables;
    run.reference = baseline.empty() ? tables->reference : baseline;
    return export_text(what, format, run);
  };
}

void ResultsPage::setTableExports(const std::string& baseline) {
  const auto name = [this](ExportWhat what) {
    return QStringLiteral("run%1_%2")
        .arg(shown_run_)
        .arg(QString::fromUtf8(export_what_name(what).data()));
  };
  table2_->setExport(runExport(ExportWhat::kTable2, baseline), name(ExportWhat::kTable2));
  for (TablePanel* panel : {table3_, table3_intervals_}) {
    panel->setExport(runExport(ExportWhat::kTable3, baseline), name(ExportWhat::kTable3));
  }
  for (TablePanel* panel : {support_table_, support_intervals_}) {
    panel->setExport(runExport(ExportWhat::kFig2, baseline), name(ExportWhat::kFig2));
  }
}

QString ResultsPage::exportRunTable(const QString& what, const QString& path) {
  const auto format = tableFormatOf(path);
  if (!format) return tr("%1: the name does not end in .csv, .md, .tex or .json").arg(path);
  try {
    const std::string baseline = baseline_box_->currentText().isEmpty()
                                     ? shown_.baseline
                                     : baseline_box_->currentText().toStdString();
    const std::string bytes = runExport(parse_export_what(what.toStdString()), baseline)(*format);
    return writeOutputFile(path, QByteArray::fromStdString(bytes));
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

}  // namespace metacf::ui
