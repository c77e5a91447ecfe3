#pragma once
// Reads a text stream line by line through a fixed buffer, so memory does not grow with the
// file. Accepts \n and \r\n line ends and drops a UTF-8 byte-order mark at the start.
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace metacf {

class LineSource {
 public:
  // A line longer than this is not a record of any format we read: likely a binary file.
  static constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;

  // `display_name` names the input in error messages.
  LineSource(std::istream& in, std::string display_name);

  // The next line without its line end; false at the end of the input. The view stays valid
  // until the next call. Throws DataError for an unreadable stream or an over-long line.
  bool next(std::string_view& line);

  // Up to max_bytes from the current position without consuming them (for format detection).
  std::string_view peek(std::size_t max_bytes);

  [[nodiscard]] std::int64_t line_number() const { return line_number_; }
  [[nodiscard]] std::int64_t bytes_read() const { return bytes_read_; }
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  bool fill();  // appends what the stream has to the buffer; false when nothing was read

  std::istream& in_;
  std::string name_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // first unconsumed byte
  std::size_t end_ = 0;    // one past the last byte read
  bool eof_ = false;
  bool at_start_ = true;
  std::int64_t line_number_ = 0;
  std::int64_t bytes_read_ = 0;
};

// The size of what is left in a seekable stream, or -1 when the stream cannot tell.
std::int64_t remaining_stream_bytes(std::istream& in);

}  // namespace metacf
