// Item embeddings from .csv (item_id,v1,...,vD); see item_embeddings_fuzz.h.
#include "fuzz/item_embeddings_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = metacf::fuzz::temp_path(".csv");
  return metacf::fuzz::load_embeddings(data, size, path);
}
