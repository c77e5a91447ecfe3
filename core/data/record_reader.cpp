#include "core/data/record_reader.h"

#include <stdexcept>

#include "core/data/data_format.h"
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

ReadingPlan plan_reading(std::string_view sample, const std::string& display_name,
                         const LoadOptions& options) {
  ReadingPlan plan;
  plan.options = options;
  plan.format = options.format != DataFormat::kAuto ? options.format
                : options.delimiter != Delimiter::kAuto
                    ? DataFormat::kCsv
                    : detect_format_from_text(sample, display_name);
  // CSV's own delimiter is the comma, but a spreadsheet writes semicolons where the comma is
  // the decimal mark: such a file is read by its semicolons unless a delimiter was named.
  if (plan.format == DataFormat::kCsv && options.delimiter == Delimiter::kAuto &&
      semicolon_separated(sample)) {
    plan.options.delimiter = Delimiter::kSemicolon;
  }
  return plan;
}

}  // namespace metacf
