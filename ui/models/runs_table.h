#pragma once
// The store's runs as a report Table (id, label, status, started, data set, learners), so the
// runs list shows and exports like every other table.
#include <vector>

#include "core/report/table.h"
#include "core/store/records.h"

namespace metacf::ui {

Table runs_table(const std::vector<RunRecord>& runs);

// The learners a run's configuration lists, joined with ", "; "" when none are recorded.
std::string run_learners(const RunRecord& run);
// The data file a run used (its file name), "" when not recorded.
std::string run_data_file(const RunRecord& run);

}  // namespace metacf::ui
