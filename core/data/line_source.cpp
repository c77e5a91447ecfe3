#include "core/data/line_source.h"

#include <cstring>

#include "core/data/data_error.h"

namespace metacf {

LineSource::LineSource(std::istream& in, std::string display_name)
    : in_(in), name_(std::move(display_name)), buffer_(kMaxLineBytes) {}

bool LineSource::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) return false;
  in_.read(buffer_.data() + end_, static_cast<std::streamsize>(buffer_.size() - end_));
  const auto got = static_cast<std::size_t>(in_.gcount());
  if (in_.bad()) throw DataError(name_, 0, "cannot read the file (I/O error)");
  if (!in_) eof_ = true;
  end_ += got;
  bytes_read_ += static_cast<std::int64_t>(got);
  if (at_start_ && end_ >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) {
    begin_ = 3;
  }
  if (end_ >= 3 || eof_) at_start_ = false;
  return got > 0;
}

std::string_view LineSource::peek(std::size_t max_bytes) {
  while (!eof_ && end_ - begin_ < max_bytes && end_ < buffer_.size()) fill();
  const auto n = std::min(max_bytes, end_ - begin_);
  return {buffer_.data() + begin_, n};
}

bool LineSource::next(std::string_view& line) {
  std::size_t scanned = begin_;
  while (true) {
    const void* found = std::memchr(buffer_.data() + scanned, '\n', end_ - scanned);
    if (found != nullptr) {
      const auto pos = static_cast<std::size_t>(static_cast<const char*>(found) - buffer_.data());
      line = {buffer_.data() + begin_, pos - begin_};
      begin_ = pos + 1;
      break;
    }
    if (eof_) {
      if (begin_ == end_) return false;
      line = {buffer_.data() + begin_, end_ - begin_};  // a last line without a line end
      begin_ = end_;
      break;
    }
    const std::size_t kept = end_ - begin_;
    if (begin_ == 0 && end_ == buffer_.size()) {
      throw DataError(name_, line_number_ + 1,
                      LineProblem{"line longer than 1 MiB", std::string(buffer_.data(), 60),
                                  "one record per line (is this a text file?)"});
    }
    fill();
    scanned = kept;  // fill() moved the unconsumed bytes to the front
  }
  ++line_number_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return true;
}

std::int64_t remaining_stream_bytes(std::istream& in) {
  const auto start = in.tellg();
  if (start == std::streampos(-1)) return -1;
  in.seekg(0, std::ios::end);
  const auto end = in.tellg();
  in.seekg(start);
  if (end == std::streampos(-1) || !in) {
    in.clear();
    in.seekg(start);
    return -1;
  }
  return static_cast<std::int64_t>(end - start);
}

}  // namespace metacf
