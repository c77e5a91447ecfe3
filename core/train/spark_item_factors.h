#pragma once
// Spark MLlib ALS item factors as `model.itemFactors.write.json(dir)` leaves them: a folder of
// part-*.json files, one `{"id": 42, "features": [0.1, ...]}` object per line. Spark's ids are
// integers; strings are accepted too. `_SUCCESS`, `.crc` and other hidden files are ignored.
#include <string>

#include "core/train/raw_embeddings.h"

namespace metacf {

// Throws std::runtime_error "FILE:LINE: reason" (or "DIR: reason" for the folder itself).
RawEmbeddings read_spark_item_factors(const std::string& dir);

}  // namespace metacf
