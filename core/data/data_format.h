#pragma once
// The ratings file formats we read, their names, and the detector that tells them apart by
// content (never by file name), so the UI can show what a file will be read as.
#include <string>
#include <string_view>

namespace metacf {

enum class DataFormat {
  kAuto,    // detect from the content
  kMl100k,  // MovieLens 100K u.data: user \t item \t rating \t timestamp
  kMl1m,    // MovieLens 1M ratings.dat: user::item::rating::timestamp
  kCsv,     // comma-separated, optional header: user,item,rating[,timestamp] (or item,user,...)
  kInter,   // RecBole .inter: tab-separated with a typed header (user_id:token ...)
};

// "auto", "ml100k", "ml1m", "csv", "inter".
std::string format_name(DataFormat format);
// The inverse of format_name; throws std::invalid_argument listing the accepted names.
DataFormat parse_format_name(std::string_view name);

// Reads the start of the file and tells its format; throws DataError when it cannot (empty,
// binary, or no known delimiter), saying what the first line looked like.
DataFormat detect_format(const std::string& path);
// The same on the first bytes of a file; `name` is used in error messages.
DataFormat detect_format_from_text(std::string_view sample, const std::string& name);
// Whether the first line is CSV split by semicolons rather than commas, as spreadsheets write
// it where the comma is the decimal mark: at least three fields and no comma-separated ones.
bool semicolon_separated(std::string_view sample);

}  // namespace metacf
