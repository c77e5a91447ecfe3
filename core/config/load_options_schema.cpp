#include "core/config/load_options_schema.h"

#include "core/data/column_order.h"
#include "core/data/data_format.h"
#include "core/data/delimiter.h"

namespace metacf {

const ConfigSchema<LoadOptions>& load_options_schema() {
  using L = LoadOptions;
  static const ConfigSchema<L> schema(
      "load options", RangeMessages::kSentence,
      {named_field("format", &L::format,
                   {DataFormat::kAuto, DataFormat::kMl100k, DataFormat::kMl1m, DataFormat::kCsv,
                    DataFormat::kInter},
                   &format_name, &parse_format_name, "Format",
                   "auto: tell it from the content; or ml100k (u.data, tabs), ml1m (ratings.dat, "
                   "'::'), csv (commas, or semicolons when the file has them; optional header), "
                   "inter (RecBole .inter)"),
       named_field("delimiter", &L::delimiter,
                   {Delimiter::kAuto, Delimiter::kTab, Delimiter::kComma, Delimiter::kSemicolon,
                    Delimiter::kDoubleColon, Delimiter::kWhitespace},
                   &delimiter_name, &parse_delimiter_name, "Delimiter",
                   "What separates the fields. auto: the format's own; a named one replaces it, "
                   "and with format auto reads the file as csv"),
       named_field("column_order", &L::column_order,
                   {ColumnOrder::kUserItem, ColumnOrder::kItemUser}, &column_order_name,
                   &parse_column_order_name, "Columns",
                   "csv: which of the first two columns is the user (Amazon's 2014 files are "
                   "user-item, its 2018 files item-user; the content cannot tell them apart)"),
       field("lenient", &L::lenient, "Lenient",
             "Skip bad lines and count them instead of stopping at the first one"),
       optional_field("rating_threshold", &L::rating_threshold, between(-1e6, 1e6),
                      "Rating threshold",
                      "Keep only records rated at least this; unset: every record is a positive, "
                      "as in the paper")});
  return schema;
}

LoadOptions read_load_options(const nlohmann::json& j) {
  LoadOptions options;
  load_options_schema().read(j, options, UnknownKeys::kReject);
  load_options_schema().validate(options);
  return options;
}

nlohmann::json load_options_record(const LoadOptions& options) {
  nlohmann::json record = load_options_schema().write(options);
  record.erase("format");
  if (record["rating_threshold"].is_null()) record.erase("rating_threshold");
  return record;
}

}  // namespace metacf
