#include "core/data/record_reader.h"

#include <stdexcept>

#include "core/data/delimited_reader.h"
#include "core/data/inter_reader.h"

namespace metacf {

namespace {
// A chosen delimiter replaces the format's own; the format keeps its columns.
DelimitedReader::Layout with_delimiter(DelimitedReader::Layout layout, Delimiter delimiter) {
  if (delimiter == Delimiter::kAuto) return layout;
  layout.delimiter = delimiter_text(delimiter);
  layout.delimiter_label = delimiter_label(delimiter);
  layout.whitespace = delimiter == Delimiter::kWhitespace;
  return layout;
}
}  // namespace

std::unique_ptr<RecordReader> make_record_reader(DataFormat format, const LoadOptions& options) {
  const Delimiter delimiter = options.delimiter;
  switch (format) {
    case DataFormat::kMl100k:
      return std::make_unique<DelimitedReader>(
          with_delimiter(DelimitedReader::Layout{"\t", "tabs", 4}, delimiter));
    case DataFormat::kMl1m:
      return std::make_unique<DelimitedReader>(
          with_delimiter(DelimitedReader::Layout{"::", "'::'", 4}, delimiter));
    case DataFormat::kCsv:
      return std::make_unique<DelimitedReader>(
          with_delimiter(DelimitedReader::Layout{",", "commas", 0, true,
                                                 options.column_order == ColumnOrder::kItemUser},
                         delimiter));
    case DataFormat::kInter:
      return std::make_unique<InterReader>();
    case DataFormat::kAuto:
      break;
  }
  throw std::logic_error("make_record_reader: the format must be detected first");
}

}  // namespace metacf
