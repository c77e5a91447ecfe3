#pragma once
// Optional item titles and genres for a loaded Dataset, from MovieLens u.item (100K),
// movies.dat (1M) or movies.csv (latest). The format is told by content; Latin-1 lines are
// converted so that everything kept is UTF-8.
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

#include "core/data/dataset.h"

namespace metacf {

enum class TitlesFormat {
  kAuto,
  kUItem,      // id|title|date|video date|url|19 genre flags (Latin-1)
  kMoviesDat,  // id::title::A|B (Latin-1 in ML-1M)
  kMoviesCsv,  // movieId,title,genres with quoted titles, which may span lines (UTF-8)
};

std::string titles_format_name(
    TitlesFormat format);  // "auto", "u.item", "movies.dat", "movies.csv"

// Tells the format from the first non-blank line; throws DataError when it is none of them.
TitlesFormat detect_titles_format(std::string_view first_line, const std::string& file);

struct TitlesReport {
  TitlesFormat format = TitlesFormat::kAuto;
  std::int64_t matched = 0;              // titles given to items of the data set
  std::int64_t unknown_ids = 0;          // title lines whose id has no ratings (ignored)
  std::int64_t items_without_title = 0;  // items left with ""
  std::int64_t skipped = 0;              // bad lines skipped in lenient mode
};

// Fills data.item_titles and data.item_genres (one per item). Throws DataError for a bad line
// unless `lenient`, and for a file with no title line at all.
TitlesReport load_titles(Dataset& data, const std::string& path, bool lenient = false);
TitlesReport load_titles(Dataset& data, std::istream& in, const std::string& display_name,
                         bool lenient = false);

}  // namespace metacf
