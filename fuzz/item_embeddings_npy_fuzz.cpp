// Item embeddings from .npy: load_item_embeddings succeeds with one finite row per item
// (Q is stored with the run and scores every item) or throws the std::runtime_error that names
// the file.
#include <stdexcept>

#include "core/train/item_embeddings_file.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = metacf::fuzz::temp_path(".npy");
  metacf::fuzz::write_file(path, metacf::fuzz::as_text(data, size));
  metacf::Dataset dataset;
  for (int id = 0; id < 3; ++id) dataset.item_ids.push_back(std::to_string(id));
  try {
    const Eigen::MatrixXf q = metacf::load_item_embeddings(path, dataset);
    if (q.rows() != dataset.num_items() || q.cols() < 1 || !q.allFinite()) __builtin_trap();
  } catch (const std::runtime_error&) {
  }
  return 0;
}
