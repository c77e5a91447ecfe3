#pragma once
// One reader per ratings format behind one interface: each turns a line of text into a
// (user, item, rating) record. Readers never allocate per line; the views point into the line.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/data/data_error.h"
#include "core/data/load_options.h"

namespace metacf {

struct RawRecord {
  std::string_view user;
  std::string_view item;
  std::optional<double> rating;  // nullopt when the format has no rating column
  std::string_view timestamp;    // as written; empty when the format has no timestamp column
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;

  // Given the first non-blank line: returns true when it is a header (then consumed), false
  // when it is data. Throws DataError (line 1) when a required header is unusable.
  virtual bool read_header(std::string_view line, const std::string& file) = 0;

  // Parses one data line into `out`; returns the problem instead when the line is bad.
  virtual std::optional<LineProblem> parse(std::string_view line, RawRecord& out) = 0;

  // True when records carry a rating (a rating threshold is meaningless otherwise).
  [[nodiscard]] virtual bool has_rating() const { return true; }
};

// The reader for a format (not kAuto).
std::unique_ptr<RecordReader> make_record_reader(DataFormat format, const LoadOptions& options);

// How a file whose first bytes are `sample` is read with `options`: the format (detected when
// kAuto; CSV when only a delimiter was named) and, for CSV with no delimiter named, semicolons
// when the sample is split by them. Throws DataError when the format cannot be told.
struct ReadingPlan {
  DataFormat format = DataFormat::kAuto;
  LoadOptions options;
};
ReadingPlan plan_reading(std::string_view sample, const std::string& display_name,
                         const LoadOptions& options);

}  // namespace metacf
