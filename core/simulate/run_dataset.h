#pragma once
// The data set a stored run was trained on: the copy stored with it (ids in index order,
// titles, genres, records) or, for runs stored before data sets were kept, read again from
// where it came from.
#include <string>

#include "core/data/dataset.h"
#include "core/store/experiment_store.h"

namespace metacf {

struct RunDataset {
  Dataset data;
  bool stored = false;  // false: read again from the data file (a run from an older build)
  std::string origin;   // where it came from, in words, for the simulator to show
};

// The stored copy when the run has one; otherwise load_run_dataset_file(). Throws StoreError
// when the stored copy is damaged.
RunDataset load_run_dataset(ExperimentStore& store, const RunRecord& run,
                            std::int64_t expected_items = 0);

// Reads the data file named in the run's configuration. Throws std::runtime_error naming the
// file when it is gone, or when it no longer has the items the run was trained on
// (`expected_items` > 0 checks the catalogue size).
Dataset load_run_dataset_file(const RunRecord& run, std::int64_t expected_items = 0);

}  // namespace metacf
