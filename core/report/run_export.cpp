#include "core/report/run_export.h"

#include <stdexcept>

#include "core/experiment/summary.h"
#include "core/report/results_tables.h"
#include "core/report/tidy_tables.h"

namespace metacf {

ExportWhat parse_export_what(std::string_view text) {
  if (text == "results") return ExportWhat::kResults;
  if (text == "curves") return ExportWhat::kCurves;
  if (text == "per-user") return ExportWhat::kPerUser;
  throw std::invalid_argument("export '" + std::string(text) +
                              "' is not one of results, curves, per-user");
}

Table export_table(ExportWhat what, TableFormat format, const RunTables& run) {
  const bool tidy = format == TableFormat::kCsv || format == TableFormat::kJson;
  Table table;
  switch (what) {
    case ExportWhat::kResults: {
      const auto rows = summarise(run.records, run.reference);
      table = tidy ? tidy_results_table(rows, run.top_n, run.reference)
                   : results_table(rows, run.top_n, run.reference);
      break;
    }
    case ExportWhat::kCurves:
      table = tidy ? tidy_curves_table(run.curves, run.top_n) : curves_table(run.curves);
      break;
    case ExportWhat::kPerUser:
      table = per_user_table(run.records, run.top_n);
      break;
  }
  if (!run.title.empty()) table.caption = run.title + ": " + table.caption;
  return table;
}

std::string export_text(ExportWhat what, TableFormat format, const RunTables& run) {
  return write_table(export_table(what, format, run), format);
}

}  // namespace metacf
