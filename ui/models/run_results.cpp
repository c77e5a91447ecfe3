#include "ui/models/run_results.h"

#include <QObject>
#include <functional>

#include "core/experiment/auto_choice_lines.h"
#include "core/experiment/stored_results.h"

namespace metacf::ui {

namespace {

// `stored`: the run's stored records and their top-n, read only when the live ones are not used.
RunResults runResults(ExperimentStore& store, qint64 run_id, qint64 live_run,
                      const std::vector<ResultRecord>& live_records,
                      const std::function<StoredResults()>& stored) {
  RunResults out;
  const RunRecord run = store.run(run_id);
  out.name = run.label.empty()
                 ? QObject::tr("run #%1").arg(run_id)
                 : QObject::tr("run #%1 “%2”").arg(run_id).arg(QString::fromStdString(run.label));
  if (run.config.is_object()) {
    out.baseline = run.config.value("baseline", out.baseline);
    out.top_n = run.config.value("top_n", out.top_n);
  }
  if (run_id == live_run && !live_records.empty()) {
    out.records = live_records;
  } else {
    StoredResults read = stored();
    if (!read.records.empty()) out.top_n = read.top_n;
    out.records = std::move(read.records);
  }
  out.choices = auto_choice_lines(store, run_id);
  return out;
}

}  // namespace

RunResults loadRunResults(ExperimentStore& store, qint64 run_id, qint64 live_run,
                          const std::vector<ResultRecord>& live_records) {
  return runResults(store, run_id, live_run, live_records,
                    [&] { return records_from_rows(store.results(run_id)); });
}

RunResults loadRunResults(ExperimentStore& store, qint64 run_id, qint64 live_run,
                          const std::vector<ResultRecord>& live_records, const RunTables& stored) {
  return runResults(store, run_id, live_run, live_records, [&] {
    return StoredResults{stored.records, stored.top_n};
  });
}

}  // namespace metacf::ui
