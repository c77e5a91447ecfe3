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

// A file name that is this process's own, so parallel fuzzing jobs do not share one.
inline std::string temp_path(const std::string& suffix) {
  return "/tmp/metacf-fuzz-" + std::to_string(::getpid()) + suffix;
}

inline void write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace metacf::fuzz
