#pragma once
// Embedding rows as an embeddings file gives them, before they are aligned to a data set's
// items (core/train/item_embeddings_file.h).
#include <cstdint>
#include <string>
#include <vector>

namespace metacf {

struct RawEmbeddings {
  std::vector<std::string> ids;      // one per row
  std::vector<std::string> origins;  // one per row: "FILE:LINE" for text files, empty for .npy
  std::vector<float> values;         // row-major
  std::int64_t dim = 0;
};

}  // namespace metacf
