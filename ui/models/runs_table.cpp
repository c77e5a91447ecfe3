#include "ui/models/runs_table.h"

namespace metacf::ui {

std::string run_learners(const RunRecord& run) {
  std::string out;
  const auto& c = run.config;
  if (!c.is_object() || !c.contains("learners") || !c["learners"].is_array()) return out;
  for (const auto& name : c["learners"]) {
    if (!name.is_string()) continue;
    if (!out.empty()) out += ", ";
    out += name.get<std::string>();
  }
  return out;
}

std::string run_data_file(const RunRecord& run) {
  const auto& c = run.config;
  if (!c.is_object() || !c.contains("data") || !c["data"].is_object()) return {};
  const std::string path = c["data"].value("path", std::string());
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Table runs_table(const std::vector<RunRecord>& runs) {
  Table table;
  table.caption = "Runs in the experiment store";
  table.columns = {"#", "Label", "Status", "Started (UTC)", "Data set", "Learners"};
  for (const RunRecord& run : runs) {
    std::string started = run.started_at;
    if (started.size() > 19) started.resize(19);  // drop fractions and the zone
    for (char& ch : started) {
      if (ch == 'T') ch = ' ';
    }
    table.rows.push_back({Cell::of(static_cast<double>(run.id), 0), Cell(run.label),
                          Cell(std::string(to_string(run.status))), Cell(started),
                          Cell(run_data_file(run)), Cell(run_learners(run))});
  }
  return table;
}

}  // namespace metacf::ui
