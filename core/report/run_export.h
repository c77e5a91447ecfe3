#pragma once
// What `metacf export` writes and what the studio's export buttons write, from one place: the
// same run, the same choice, the same reference learner and the same format give the same
// bytes, whichever front end asks. CSV and JSON are tidy (tidy_tables.h: one row per learner,
// K, support size and seed group, one value per column, the interval beside every compared
// number, empty cells empty in CSV and null in JSON); Markdown and LaTeX are the formatted
// tables people read, as the Results page shows them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/experiment/experiment_runner.h"
#include "core/learners/registry.h"
#include "core/report/table.h"
#include "core/store/curve_point.h"
#include "core/store/experiment_store.h"

namespace metacf {

enum class ExportWhat {
  kTable2,   // every K, each user's own support (not only the K the studio shows)
  kTable3,   // the K sweep with the paired differences against the reference
  kFig2,     // every K's support-size sweep with the paired differences
  kPerUser,  // every meta-test user of every result
  kCurves,   // every training curve point
  kResults,  // Table 2's rows and Fig. 2's together, as `metacf show` lists them
};

// "table2", "table3", "fig2", "per-user", "curves", "results"; throws std::invalid_argument
// naming the accepted words.
ExportWhat parse_export_what(std::string_view text);
// The word parse_export_what() reads, e.g. for a file name.
std::string_view export_what_name(ExportWhat what);

struct RunTables {
  std::vector<ResultRecord> records;  // with per-user values when the run stored them
  std::vector<CurvePoint> curves;
  int top_n = 10;
  std::string reference = default_reference_learner();  // paired differences are against it
  std::string title;                                    // e.g. "Run 3", put before each caption
};

// Run `run_id` as both front ends export it: its stored results (top-n from their metric
// names, else the configuration's), its curves when `with_curves`, the title "Run N", and
// `reference` (empty: the run's own baseline). Throws the store's errors.
RunTables load_run_tables(ExperimentStore& store, std::int64_t run_id, const std::string& reference,
                          bool with_curves);

// Throws std::invalid_argument for Fig. 2 of a run without support sizes.
std::string export_text(ExportWhat what, TableFormat format, const RunTables& run);

// Two stored runs side by side (B against A): paired user by user only when they share data
// set and split (pairing_problem() says why not).
struct ComparedRuns {
  std::int64_t id_a = 0, id_b = 0;
  RunTables a, b;
  std::string pairing_problem;
};
ComparedRuns load_compared_runs(ExperimentStore& store, std::int64_t id_a, std::int64_t id_b);
// The comparison as the Results page shows it, with A's top-n (the caption warns when B's
// differs).
Table comparison_table(const ComparedRuns& runs);
std::string comparison_text(const ComparedRuns& runs, TableFormat format);

}  // namespace metacf
