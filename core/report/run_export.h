#pragma once
// What `metacf export` writes and the studio's export actions write, from one place: the same
// run, the same choice and the same format give the same bytes. CSV and JSON are the tidy
// tables of tidy_tables.h (one value per column); Markdown and LaTeX are the formatted tables
// people read.
#include <string>
#include <string_view>
#include <vector>

#include "core/experiment/experiment_runner.h"
#include "core/learners/registry.h"
#include "core/report/table.h"
#include "core/store/curve_point.h"

namespace metacf {

enum class ExportWhat { kResults, kCurves, kPerUser };

// "results", "curves", "per-user"; throws std::invalid_argument naming the accepted words.
ExportWhat parse_export_what(std::string_view text);

struct RunTables {
  std::vector<ResultRecord> records;  // with per-user values when the run stored them
  std::vector<CurvePoint> curves;
  int top_n = 10;
  std::string reference = default_reference_learner();  // paired differences are against it
  std::string title;                                    // e.g. "Run 3", put before each caption
};

Table export_table(ExportWhat what, TableFormat format, const RunTables& run);
std::string export_text(ExportWhat what, TableFormat format, const RunTables& run);

}  // namespace metacf
