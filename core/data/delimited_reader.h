#pragma once
// Readers for the delimiter-separated formats with fixed column positions: MovieLens 100K
// (tab), MovieLens 1M ('::') and ratings CSV (comma, optional header, user or item first).
#include <span>
#include <string>
#include <string_view>

#include "core/data/record_reader.h"

namespace metacf {

class DelimitedReader : public RecordReader {
 public:
  struct Layout {
    std::string delimiter;        // "\t", "::", ","
    std::string delimiter_label;  // how the error messages name it: "tabs", "'::'", "commas"
    std::size_t fields = 4;       // 0: as many as the first line has (at least 3)
    bool header_allowed = false;  // a first line without any number is a header
    bool item_first = false;      // item,user,rating (Amazon 2018)
    bool whitespace = false;      // split on runs of spaces and tabs instead of `delimiter`
  };
  explicit DelimitedReader(Layout layout);

  bool read_header(std::string_view line, const std::string& file) override;
  std::optional<LineProblem> parse(std::string_view line, RawRecord& out) override;

 private:
  std::size_t split(std::string_view line, std::span<std::string_view> out) const;
  [[nodiscard]] LineProblem wrong_field_count(std::string_view line, std::size_t got) const;

  Layout layout_;
};

}  // namespace metacf
