// Ratings files in every format (and format detection): load_dataset succeeds or throws
// DataError. The first byte picks the options, so strict, lenient, forced formats, column order
// and a rating threshold are all reached. What comes back, and every message, must hold together.
#include <sstream>

#include "core/data/dataset_loader.h"
#include "core/data/text_encoding.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t choice = data[0];
  metacf::LoadOptions options;
  options.format = static_cast<metacf::DataFormat>(choice % 5);  // kAuto .. kInter
  options.lenient = (choice & 0x08) != 0;
  options.column_order =
      (choice & 0x10) != 0 ? metacf::ColumnOrder::kItemUser : metacf::ColumnOrder::kUserItem;
  if ((choice & 0x20) != 0) options.rating_threshold = 3.5;
  std::istringstream in(std::string(metacf::fuzz::as_text(data + 1, size - 1)));
  try {
    const metacf::Dataset loaded = metacf::load_dataset(in, "fuzz", options);
    // What comes back must be a consistent CSR: every record points at a known item.
    if (loaded.user_offsets.size() != loaded.user_ids.size() + 1) __builtin_trap();
    for (const auto item : loaded.user_items) {
      if (item < 0 || item >= loaded.num_items()) __builtin_trap();
    }
    // Warnings and messages reach JSON output and the studio, which need UTF-8.
    for (const auto& warning : loaded.warnings) {
      if (!metacf::is_valid_utf8(warning)) __builtin_trap();
    }
  } catch (const metacf::DataError& e) {
    if (!metacf::is_valid_utf8(e.what())) __builtin_trap();
  }
  return 0;
}
