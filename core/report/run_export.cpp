#include "core/report/run_export.h"

#include <stdexcept>

#include "core/experiment/stored_results.h"
#include "core/experiment/summary.h"
#include "core/report/interval_tables.h"
#include "core/report/results_tables.h"
#include "core/report/sweep_tables.h"
#include "core/report/tidy_tables.h"

namespace metacf {
namespace {

constexpr std::pair<ExportWhat, std::string_view> kNames[] = {
    {ExportWhat::kTable2, "table2"}, {ExportWhat::kTable3, "table3"},
    {ExportWhat::kFig2, "fig2"},     {ExportWhat::kPerUser, "per-user"},
    {ExportWhat::kCurves, "curves"}, {ExportWhat::kResults, "results"}};

std::vector<ResultRecord> natural_of(const std::vector<ResultRecord>& records) {
  std::vector<ResultRecord> out;
  for (const auto& r : records) {
    if (!r.support_size) out.push_back(r);
  }
  return out;
}

Table tidy_table(ExportWhat what, const RunTables& run) {
  switch (what) {
    case ExportWhat::kTable2:
      return tidy_results_table(summarise(natural_of(run.records), run.reference), run.top_n,
                                run.reference);
    case ExportWhat::kTable3:
      return tidy_sweep_table(run.records, run.top_n, run.reference, false);
    case ExportWhat::kFig2:
      return tidy_sweep_table(run.records, run.top_n, run.reference, true);
    case ExportWhat::kPerUser:
      return per_user_table(run.records, run.top_n);
    case ExportWhat::kCurves:
      return tidy_curves_table(run.curves, run.top_n);
    case ExportWhat::kResults:
      break;
  }
  return tidy_results_table(summarise(run.records, run.reference), run.top_n, run.reference);
}

// What the Results page's tab shows, every K at once: Table 3 and Fig. 2 are a table of means
// followed by the table of paired differences.
std::vector<Table> people_tables(ExportWhat what, const RunTables& run) {
  switch (what) {
    case ExportWhat::kTable2: {
      Table t = results_table(summarise(natural_of(run.records), run.reference), run.top_n,
                              run.reference);
      t.caption = "Table 2: learners at every K (" + t.caption + ")";
      return {t};
    }
    case ExportWhat::kTable3:
      return {k_sweep_table(run.records, run.top_n),
              k_sweep_interval_table(run.records, run.top_n, run.reference)};
    case ExportWhat::kFig2: {
      std::vector<ResultRecord> swept;
      for (const auto& r : run.records) {
        if (r.support_size) swept.push_back(r);
      }
      std::vector<Table> tables;
      for (int k : ks_of(swept)) {
        tables.push_back(support_size_table(run.records, k, run.top_n));
        tables.push_back(support_size_interval_table(run.records, k, run.top_n, run.reference));
      }
      return tables;
    }
    case ExportWhat::kPerUser:
      return {per_user_table(run.records, run.top_n)};
    case ExportWhat::kCurves:
      return {curves_table(run.curves)};
    case ExportWhat::kResults:
      break;
  }
  return {results_table(summarise(run.records, run.reference), run.top_n, run.reference)};
}

bool for_scripts(TableFormat format) {
  return format == TableFormat::kCsv || format == TableFormat::kJson;
}

}  // namespace

ExportWhat parse_export_what(std::string_view text) {
  for (const auto& [what, name] : kNames) {
    if (text == name) return what;
  }
  throw std::invalid_argument("export '" + std::string(text) +
                              "' is not one of table2, table3, fig2, per-user, curves, results");
}

std::string_view export_what_name(ExportWhat what) {
  for (const auto& [w, name] : kNames) {
    if (w == what) return name;
  }
  return "results";
}

RunTables load_run_tables(ExperimentStore& store, std::int64_t run_id, const std::string& reference,
                          bool with_curves) {
  const RunRecord run = store.run(run_id);
  RunTables tables;
  StoredResults stored = records_from_rows(store.results(run_id));
  tables.top_n = stored.records.empty() ? run.config.value("top_n", 10) : stored.top_n;
  tables.records = std::move(stored.records);
  if (with_curves) tables.curves = store.curves(run_id);
  tables.reference =
      reference.empty() ? run.config.value("baseline", default_reference_learner()) : reference;
  tables.title = "Run " + std::to_string(run_id);
  return tables;
}

std::string export_text(ExportWhat what, TableFormat format, const RunTables& run) {
  if (what == ExportWhat::kFig2 && support_sizes_of(run.records).empty()) {
    throw std::invalid_argument(
        (run.title.empty() ? std::string("the run") : run.title) +
        " has no support-size results: Fig. 2 needs a run with support sizes (--support-sizes)");
  }
  std::vector<Table> tables;
  if (for_scripts(format)) {
    tables.push_back(tidy_table(what, run));
  } else {
    tables = people_tables(what, run);
  }
  std::string text;
  for (Table& table : tables) {
    if (!run.title.empty()) table.caption = run.title + ": " + table.caption;
    if (!text.empty()) text += '\n';
    text += write_table(table, format);
  }
  return text;
}

ComparedRuns load_compared_runs(ExperimentStore& store, std::int64_t id_a, std::int64_t id_b) {
  ComparedRuns runs;
  runs.id_a = id_a;
  runs.id_b = id_b;
  runs.a = load_run_tables(store, id_a, {}, false);
  runs.b = load_run_tables(store, id_b, {}, false);
  runs.pairing_problem = pairing_problem(store.run(id_a), store.run(id_b));
  return runs;
}

Table comparison_table(const ComparedRuns& runs) {
  Table table =
      run_comparison_table(runs.a.records, runs.b.records, "#" + std::to_string(runs.id_a),
                           "#" + std::to_string(runs.id_b), runs.a.top_n, runs.pairing_problem);
  if (runs.a.top_n != runs.b.top_n) table.caption += " (warning: the runs use different top-n)";
  return table;
}

std::string comparison_text(const ComparedRuns& runs, TableFormat format) {
  if (for_scripts(format)) {
    // A column named hr10_b must hold HR@10: the people's table can warn in its caption, a
    // script reading the columns would not see a warning.
    if (runs.a.top_n != runs.b.top_n) {
      throw std::invalid_argument(
          "runs " + std::to_string(runs.id_a) + " and " + std::to_string(runs.id_b) +
          " measure HR and NDCG at top " + std::to_string(runs.a.top_n) + " and " +
          std::to_string(runs.b.top_n) + ": their values cannot share a column");
    }
    return write_table(tidy_comparison_table(runs.a.records, runs.b.records, runs.id_a, runs.id_b,
                                             runs.a.top_n, runs.pairing_problem),
                       format);
  }
  return write_table(comparison_table(runs), format);
}

}  // namespace metacf
