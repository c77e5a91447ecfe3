#pragma once
// The one-click experiment report: a stored run as one self-contained HTML page (charts as
// inline SVG) or a PDF of the same content. File > Export report and the headless
// `metacf-studio --report RUN --db FILE --out FILE` both come here.
#include <QString>
#include <cstdint>
#include <vector>

#include "core/store/curve_point.h"
#include "core/store/records.h"
#include "ui/models/run_results.h"

namespace metacf::ui {

enum class ReportFormat { kHtml, kPdf };

// Writes run `run_id` of `store` to `path` (.html/.htm or .pdf decides the format). Returns an
// empty string on success, else why not (no such run, an unwritable file, an unknown suffix).
// Needs a QApplication (charts are drawn with Qt); the offscreen platform is enough.
QString writeRunReport(ExperimentStore& store, std::int64_t run_id, const QString& path);

// What a report reads from the store, so that the studio reads it off the UI thread and draws
// the report (Qt's charts) on it.
struct ReportInputs {
  std::int64_t run_id = 0;
  RunRecord run;
  RunResults results;
  std::vector<CurvePoint> curves;
  nlohmann::json dataset_stats = nlohmann::json::object();
};
// Throws the store's errors.
ReportInputs readReportInputs(ExperimentStore& store, std::int64_t run_id);
QString writeRunReport(const ReportInputs& inputs, const QString& path);

}  // namespace metacf::ui
