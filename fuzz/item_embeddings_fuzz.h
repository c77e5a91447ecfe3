#pragma once
// The body of both item-embeddings targets: load_item_embeddings succeeds with one finite row per
// item (Q is stored with the run and scores every item) or throws the std::runtime_error that
// names the file. The file's suffix picks the format.
#include <stdexcept>

#include "core/train/item_embeddings_file.h"
#include "fuzz/fuzz_input.h"

namespace metacf::fuzz {

inline int load_embeddings(const std::uint8_t* data, std::size_t size, const std::string& path) {
  write_file(path, as_text(data, size));
  Dataset dataset;
  for (int id = 0; id < 3; ++id) dataset.item_ids.push_back(std::to_string(id));
  try {
    const Eigen::MatrixXf q = load_item_embeddings(path, dataset);
    if (q.rows() != dataset.num_items() || q.cols() < 1 || !q.allFinite()) __builtin_trap();
  } catch (const std::runtime_error&) {
  }
  return 0;
}

}  // namespace metacf::fuzz
