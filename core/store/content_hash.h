#pragma once
// A fingerprint of a data file, so the store can tell "the same file again" from "a file that
// changed under the same name". Not cryptographic: it guards against accidents, not attackers.
#include <cstdint>
#include <istream>
#include <string>

namespace metacf {

// 64-bit FNV-1a over every byte of the stream, read in chunks (files may be gigabytes).
std::uint64_t fnv1a64(std::istream& in);

// "fnv1a64:" + 16 lowercase hex digits of the file's bytes. Throws std::runtime_error naming
// the file and the system's reason when it cannot be read.
std::string file_content_hash(const std::string& path);

}  // namespace metacf
