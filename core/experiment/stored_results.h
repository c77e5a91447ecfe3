#pragma once
// A stored run's result rows (one per metric) turned back into ResultRecords, so tables built
// from the store and tables built from a live run go through the same summarise().
// Per-user values come back from each row's extra["per_user"] (runs stored before they were
// kept have none, and summarise() then gives no paired difference for them), the users' own
// ids from extra["per_user_ids"] (none for runs stored before they were kept).
#include <vector>

#include "core/experiment/experiment_runner.h"
#include "core/store/records.h"

namespace metacf {

struct StoredResults {
  std::vector<ResultRecord> records;  // in the store's row order (first metric row of each)
  int top_n = 10;                     // from the metric names ("hr@10" -> 10)
};

StoredResults records_from_rows(const std::vector<ResultRow>& rows);

}  // namespace metacf
