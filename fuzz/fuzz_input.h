#pragma once
// Shared by the fuzz targets: the fuzzer's bytes as a stream or as a file on disk, for loaders
// that only take a path.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>

namespace metacf::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The fuzzer's text wrapped in up to 196,605 levels of brackets: its first two bytes choose how
// many (times 3), the third which brackets (objects or arrays); for the readers that bound the
// depth of the JSON they take.
inline std::string nested(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return std::string(as_text(data, size));
  const std::size_t levels = (std::size_t{data[0]} << 8 | data[1]) * 3;
  const bool objects = (data[2] & 1) != 0;
  std::string text;
  for (std::size_t i = 0; i < levels; ++i) text += objects ? "{\"a\":" : "[";
  text += as_text(data + 3, size - 3);
  for (std::size_t i = 0; i < levels; ++i) text += objects ? '}' : ']';
  return text;
}

// A file name that is this process's own, so parallel fuzzing jobs do not share one.
inline std::string temp_path(const std::string& suffix) {
  return "/tmp/metacf-fuzz-" + std::to_string(::getpid()) + suffix;
}

inline void write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace metacf::fuzz
