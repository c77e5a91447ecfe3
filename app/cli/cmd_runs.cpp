// metacf runs / show / export: what the store holds, read back.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

#include "app/cli/command_boundary.h"
#include "app/cli/commands.h"
#include "app/cli/printable.h"
#include "app/cli/store_option.h"
#include "core/experiment/auto_choice_lines.h"
#include "core/experiment/stored_results.h"
#include "core/learners/registry.h"
#include "core/report/results_tables.h"
#include "core/report/run_export.h"
#include "core/util/json_text.h"
#include "core/util/output_file.h"

namespace metacf::cli {
namespace {

Table runs_table(const std::vector<RunRecord>& runs) {
  Table table;
  table.columns = {"run", "status", "started", "finished", "label", "data", "learners"};
  for (const auto& r : runs) {
    std::string learners;
    for (const auto& name : r.config.value("learners", nlohmann::json::array())) {
      learners += (learners.empty() ? "" : ",") + name.get<std::string>();
    }
    std::string data;
    if (r.config.contains("data")) data = r.config["data"].value("path", "");
    table.rows.push_back({Cell::of(static_cast<double>(r.id), 0),
                          Cell(std::string(to_string(r.status))), Cell(r.started_at),
                          Cell(r.finished_at), Cell(r.label), Cell(data), Cell(learners)});
  }
  return table;
}

int top_n_of(const RunRecord& run) { return run.config.value("top_n", 10); }

// The learner paired differences are taken against: the one asked for, else the run's own.
// One asked for that is not a learner of the run would leave the difference columns empty.
std::string reference_of(const RunRecord& run, const std::string& asked) {
  if (asked.empty()) return run.config.value("baseline", default_reference_learner());
  const auto learners = run.config.value("learners", std::vector<std::string>{});
  if (std::find(learners.begin(), learners.end(), asked) == learners.end()) {
    std::string known;
    for (const auto& name : learners) known += (known.empty() ? "" : ",") + name;
    throw CLI::ValidationError("--reference", "'" + asked + "' is not a learner of run " +
                                                  std::to_string(run.id) + " (" + known + ")");
  }
  return asked;
}

void show(std::int64_t id, const std::string& reference, const std::string& db) {
  auto store = open_store(db, ExperimentStore::Access::kReadOnly);
  const RunRecord run = store.run(id);
  std::cout << "run " << run.id << ": " << to_string(run.status);
  if (!run.label.empty()) std::cout << " \"" << printable(run.label) << "\"";
  std::cout << "\nstarted " << printable(run.started_at) << ", finished "
            << (run.finished_at.empty() ? "-" : printable(run.finished_at)) << ", code "
            << printable(run.code_version) << '\n';
  if (!run.error.empty()) std::cout << "error: " << printable(run.error) << '\n';
  // JSON escapes control characters itself; printable() adds bidi controls, as \u202E is
  // the same escape in JSON.
  std::cout << "\nconfiguration:\n" << printable_lines(json_text(run.config, 2)) << "\n\n";

  const auto points = store.curves(id);
  std::cout << "curves: " << points.size() << " points (metacf export " << id
            << " --what curves for all of them)\n";
  // The last point of each curve: how far each stage got.
  std::vector<CurvePoint> last;
  for (const auto& p : points) {
    auto it = std::find_if(last.begin(), last.end(), [&](const CurvePoint& q) {
      return q.stage == p.stage && q.learner == p.learner && q.k == p.k && q.seed == p.seed;
    });
    if (it == last.end())
      last.push_back(p);
    else
      *it = p;
  }
  if (!last.empty()) std::cout << '\n' << printable_text(curves_table(last)) << '\n';

  const int top_n = top_n_of(run);
  const std::string baseline = reference_of(run, reference);
  const auto rows = summarise_stored(store.results(id), baseline);
  if (rows.empty()) {
    std::cout << "no results stored\n";
  } else {
    std::cout << printable_text(results_table(rows, top_n, baseline));
  }
  const auto choices = auto_choice_lines(store, id);
  if (!choices.empty()) std::cout << '\n';
  for (const auto& line : choices) std::cout << printable(line) << '\n';
}

struct ExportArgs {
  std::int64_t run = 0;
  std::string what = "results";
  std::string format = "csv";
  std::string output;
  std::string reference;
  std::int64_t compare = 0;  // 0: no comparison
};

// The same core/report functions as the studio's export buttons: the same bytes.
void export_run(const ExportArgs& args, const std::string& db) {
  auto store = open_store(db, ExperimentStore::Access::kReadOnly);
  const TableFormat format = parse_table_format(args.format);
  std::string text;
  if (args.compare > 0) {
    text = comparison_text(load_compared_runs(store, args.run, args.compare), format);
  } else {
    const RunRecord run = store.run(args.run);
    const ExportWhat what = parse_export_what(args.what);
    text = export_text(what, format,
                       load_run_tables(store, args.run, reference_of(run, args.reference),
                                       what == ExportWhat::kCurves));
  }
  if (args.output.empty() || args.output == "-") {
    std::cout << text;
    return;
  }
  write_output_file(args.output, text);
}

}  // namespace

void register_runs(CLI::App& app) {
  auto db = std::make_shared<std::string>();
  auto* runs = app.add_subcommand("runs", "List the stored runs, newest first");
  add_store_option(*runs, *db);
  runs->callback([db] {
    run_command([&] {
      auto store = open_store(*db, ExperimentStore::Access::kReadOnly);
      std::cout << printable_text(runs_table(store.list_runs()));
    });
  });

  auto show_id = std::make_shared<std::int64_t>(0);
  auto show_reference = std::make_shared<std::string>();
  auto* show_cmd = app.add_subcommand("show", "A stored run: configuration, curves and results");
  show_cmd->add_option("run", *show_id, "Run id (see metacf runs)")->required();
  show_cmd->add_option("--reference", *show_reference,
                       "Learner the paired differences are taken against (default: the run's)");
  add_store_option(*show_cmd, *db);
  show_cmd->callback([db, show_id, show_reference] {
    run_command([&] { show(*show_id, *show_reference, *db); });
  });

  auto args = std::make_shared<ExportArgs>();
  auto* exp = app.add_subcommand(
      "export", "Export a stored run's table as the studio's Export buttons write it");
  exp->add_option("run", args->run, "Run id (see metacf runs)")->required();
  auto* what = exp->add_option(
      "--what", args->what,
      "table2 (every K, each user's own support), table3 (the K sweep with paired intervals), "
      "fig2 (every K's support-size sweep with paired intervals), per-user (every meta-test "
      "user's HR and NDCG), curves (every training curve point) or results (default: Table 2's "
      "and Fig. 2's rows together, as metacf show lists them)");
  what->check(CLI::IsMember({"table2", "table3", "fig2", "per-user", "curves", "results"}));
  exp->add_option("--format", args->format,
                  "csv (default), md, tex or json; csv and json hold one value per column, with "
                  "ci_low and ci_high beside every paired difference")
      ->check(CLI::IsMember({"csv", "md", "markdown", "tex", "latex", "json"}));
  exp->add_option("-o,--output", args->output, "Output file (default: standard output)");
  auto* reference =
      exp->add_option("--reference", args->reference,
                      "Learner the paired differences are taken against (default: the run's)");
  exp->add_option("--compare", args->compare,
                  "A second run B set beside RUN (A), learner by learner and K by K: the "
                  "means, B - A and its paired interval (the studio's Compare runs)")
      ->check(CLI::PositiveNumber)
      ->excludes(what)
      ->excludes(reference);
  add_store_option(*exp, *db);
  exp->callback([db, args] { run_command([&] { export_run(*args, *db); }); });
}

}  // namespace metacf::cli
