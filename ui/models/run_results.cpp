#include "ui/models/run_results.h"

#include <QObject>

#include "core/experiment/auto_choice_lines.h"
#include "core/experiment/stored_results.h"

namespace metacf::ui {

RunResults loadRunResults(ExperimentStore& store, qint64 run_id, qint64 live_run,
                          const std::vector<ResultRecord>& live_records) {
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
    StoredResults stored = records_from_rows(store.results(run_id));
    if (!stored.records.empty()) out.top_n = stored.top_n;
    out.records = std::move(stored.records);
  }
  out.choices = auto_choice_lines(store, run_id);
  return out;
}

}  // namespace metacf::ui
