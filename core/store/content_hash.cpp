#include "core/store/content_hash.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "core/data/regular_file.h"

namespace metacf {

std::uint64_t fnv1a64(std::istream& in) {
  constexpr std::uint64_t kOffsetBasis = 0xcbf29ce484222325ULL;
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::uint64_t hash = kOffsetBasis;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    for (std::streamsize i = 0; i < n; ++i) {
      hash ^= static_cast<unsigned char>(buffer[static_cast<std::size_t>(i)]);
      hash *= kPrime;
    }
  }
  return hash;
}

std::string file_content_hash(const std::string& path) {
  require_regular_file(path);  // a pipe would be drained (or block) on this second read
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error(path +
                             ": cannot read the file to fingerprint it: " + std::strerror(errno));
  }
  const std::uint64_t hash = fnv1a64(in);
  if (in.bad()) throw std::runtime_error(path + ": read error while fingerprinting the file");
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("fnv1a64:") + hex;
}

}  // namespace metacf
