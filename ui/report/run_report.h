#pragma once
// The one-click experiment report: a stored run as one self-contained HTML page (charts as
// inline SVG) or a PDF of the same content. File > Export report and the headless
// `metacf-studio --report RUN --db FILE --out FILE` both come here.
#include <QString>
#include <cstdint>

namespace metacf {
class ExperimentStore;
}

namespace metacf::ui {

enum class ReportFormat { kHtml, kPdf };

// Writes run `run_id` of `store` to `path` (.html/.htm or .pdf decides the format). Returns an
// empty string on success, else why not (no such run, an unwritable file, an unknown suffix).
// Needs a QApplication (charts are drawn with Qt); the offscreen platform is enough.
QString writeRunReport(ExperimentStore& store, std::int64_t run_id, const QString& path);

}  // namespace metacf::ui
