#pragma once
// Reader for RecBole atomic .inter files: tab-separated, the first line a typed header
// ("user_id:token\titem_id:token\trating:float\ttimestamp:float") that says where each column is.
#include <string>

#include "core/data/record_reader.h"

namespace metacf {

class InterReader : public RecordReader {
 public:
  bool read_header(std::string_view line, const std::string& file) override;
  std::optional<LineProblem> parse(std::string_view line, RawRecord& out) override;
  [[nodiscard]] bool has_rating() const override { return rating_column_ >= 0; }

 private:
  std::size_t columns_ = 0;
  int user_column_ = -1;
  int item_column_ = -1;
  int rating_column_ = -1;
  int timestamp_column_ = -1;
};

}  // namespace metacf
