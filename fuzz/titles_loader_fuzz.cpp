// Title files (u.item, movies.dat, movies.csv): load_titles succeeds or throws DataError, and
// every title kept, and every message, is UTF-8.
#include <sstream>

#include "core/data/data_error.h"
#include "core/data/text_encoding.h"
#include "core/data/titles_loader.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool lenient = (data[0] & 1) != 0;
  metacf::Dataset dataset;
  for (int id = 0; id < 20; ++id) dataset.item_ids.push_back(std::to_string(id));
  std::istringstream in(std::string(metacf::fuzz::as_text(data + 1, size - 1)));
  try {
    metacf::load_titles(dataset, in, "fuzz", lenient);
    if (dataset.item_titles.size() != dataset.item_ids.size()) __builtin_trap();
    for (const auto& title : dataset.item_titles) {
      if (!metacf::is_valid_utf8(title)) __builtin_trap();
    }
    for (const auto& genres : dataset.item_genres) {
      if (!metacf::is_valid_utf8(genres)) __builtin_trap();
    }
  } catch (const metacf::DataError& e) {
    if (!metacf::is_valid_utf8(e.what())) __builtin_trap();
  }
  return 0;
}
