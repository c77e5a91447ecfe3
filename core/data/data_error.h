#pragma once
// The one error type for input files the user handed us: it names the file, the line, what was
// wrong, the offending text and what was expected, so the message alone says how to fix it.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace metacf {

// What is wrong with one line, before it is tied to a file and line number.
struct LineProblem {
  std::string reason;    // "rating is not a number"
  std::string got;       // the offending text, as found
  std::string expected;  // "a number such as 4 or 3.5"
};

class DataError : public std::runtime_error {
 public:
  // line 0 means the problem is about the file as a whole (empty, unreadable, unknown format).
  DataError(std::string file, std::int64_t line, const LineProblem& problem);
  DataError(std::string file, std::int64_t line, std::string reason);

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] std::int64_t line() const { return line_; }
  [[nodiscard]] const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  std::int64_t line_;
  std::string reason_;
};

// "FILE:LINE: reason (got 'text', expected ...)"; `got` is shortened and non-printable bytes
// are written as \xNN so binary garbage cannot garble a terminal.
std::string format_data_error(std::string_view file, std::int64_t line, const LineProblem& problem);

// At most max_chars of text, printable: control and invalid bytes become \xNN, bidi controls
// \u202E and the like.
std::string printable_excerpt(std::string_view text, std::size_t max_chars = 60);

}  // namespace metacf
