#pragma once
// The data set a stored run was trained on, read again from where it came from (ids, titles,
// genres), so its learners can be served with the catalogue they know.
#include "core/data/dataset.h"
#include "core/store/records.h"

namespace metacf {

// Throws std::runtime_error naming the file when it is gone, or when it no longer has the
// items the run was trained on (`expected_items` > 0 checks the catalogue size).
Dataset load_run_dataset(const RunRecord& run, std::int64_t expected_items = 0);

}  // namespace metacf
