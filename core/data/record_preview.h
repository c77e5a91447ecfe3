#pragma once
// The first records of a ratings file as written (file order, every column it has: user, item,
// rating, timestamp), read with the same readers as the full load, for a preview. The Dataset
// keeps only who clicked what, so ratings and timestamps are seen here or nowhere.
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/load_options.h"

namespace metacf {

struct PreviewRecord {
  std::int64_t line = 0;  // 1-based line of the file
  std::string user;
  std::string item;
  std::optional<double> rating;
  std::string timestamp;  // as written; empty when the file has none
  std::string title;      // filled by attach_preview_titles; empty when unknown
};

// Up to max_records records from the start of `in`. Bad lines are skipped (the full load
// reports them); an input that is not text, or whose format cannot be told, gives none.
std::vector<PreviewRecord> read_preview_records(std::istream& in, const std::string& display_name,
                                                const LoadOptions& options,
                                                std::size_t max_records);

// Gives each record the title of its item in `data` (which has titles); cost linear in items.
void attach_preview_titles(std::vector<PreviewRecord>& records, const Dataset& data);

}  // namespace metacf
