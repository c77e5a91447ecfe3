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
  std::cout << "\nconfiguration:\n" << printable(json_text(run.config, 2)) << "\n\n";

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

void export_run(std::int64_t id, const std::string& what, const std::string& format,
                const std::string& output, const std::string& reference, const std::string& db) {
  auto store = open_store(db, ExperimentStore::Access::kReadOnly);
  const RunRecord run = store.run(id);
  const ExportWhat choice = parse_export_what(what);
  RunTables tables;
  tables.top_n = top_n_of(run);
  tables.reference = reference_of(run, reference);
  tables.title = "Run " + std::to_string(id);
  if (choice == ExportWhat::kCurves) {
    tables.curves = store.curves(id);
  } else {
    tables.records = records_from_rows(store.results(id)).records;
  }
  const std::string text = export_text(choice, parse_table_format(format), tables);
  if (output.empty() || output == "-") {
    std::cout << text;
    return;
  }
  write_output_file(output, text);
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

  struct ExportArgs {
    std::int64_t run = 0;
    std::string what = "results";
    std::string format = "csv";
    std::string output;
    std::string reference;
  };
  auto args = std::make_shared<ExportArgs>();
  auto* exp = app.add_subcommand("export", "Export a stored run's results or curves as a table");
  exp->add_option("run", args->run, "Run id (see metacf runs)")->required();
  exp->add_option("--what", args->what,
                  "results (default), curves or per-user (every meta-test user's HR and NDCG)")
      ->check(CLI::IsMember({"results", "curves", "per-user"}));
  exp->add_option("--format", args->format,
                  "csv (default), md, tex or json; csv and json hold one value per column")
      ->check(CLI::IsMember({"csv", "md", "markdown", "tex", "latex", "json"}));
  exp->add_option("-o,--output", args->output, "Output file (default: standard output)");
  exp->add_option("--reference", args->reference,
                  "Learner the paired differences are taken against (default: the run's)");
  add_store_option(*exp, *db);
  exp->callback([db, args] {
    run_command([&] {
      export_run(args->run, args->what, args->format, args->output, args->reference, *db);
    });
  });
}

}  // namespace metacf::cli
