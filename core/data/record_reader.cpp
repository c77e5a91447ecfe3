#include "core/data/record_reader.h"

#include <stdexcept>

#include "core/data/delimited_reader.h"
#include "core/data/inter_reader.h"

namespace metacf {

std::unique_ptr<RecordReader> make_record_reader(DataFormat format, const LoadOptions& options) {
  switch (format) {
    case DataFormat::kMl100k:
      return std::make_unique<DelimitedReader>(DelimitedReader::Layout{"\t", "tabs", 4});
    case DataFormat::kMl1m:
      return std::make_unique<DelimitedReader>(DelimitedReader::Layout{"::", "'::'", 4});
    case DataFormat::kCsv:
      return std::make_unique<DelimitedReader>(DelimitedReader::Layout{
          ",", "commas", 0, true, options.column_order == ColumnOrder::kItemUser});
    case DataFormat::kInter:
      return std::make_unique<InterReader>();
    case DataFormat::kAuto:
      break;
  }
  throw std::logic_error("make_record_reader: the format must be detected first");
}

}  // namespace metacf
