#pragma once
// A loaded data set as one compressed blob: the store keeps it with the data set, so a stored
// run serves exactly the catalogue (item ids in index order, titles, genres) and the records it
// was trained on, whatever became of the file. Identical loads share one blob: its digest is
// the data set's key in the store.
#include <cstddef>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/util/job.h"

namespace metacf {

struct DatasetBlob {
  std::string digest;            // "data-fnv1a64:<16 hex>" of the uncompressed bytes
  std::vector<std::byte> bytes;  // zlib stream of the encoding below
};

// Encodes ids, titles, genres and the per-user records (not the file's path, format or load
// warnings). Checks `job` (when given) between chunks of about 1 MiB, so a large data set does
// not hold up a cancellation.
DatasetBlob encode_dataset(const Dataset& data, const JobControl* job = nullptr);

// The inverse. Throws std::runtime_error naming `what` when the bytes are not such a blob
// (damaged, truncated, or of a newer encoding).
Dataset decode_dataset(const std::vector<std::byte>& bytes, const std::string& what);

}  // namespace metacf
