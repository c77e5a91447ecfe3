#pragma once
// Character devices for tests of output written to a device. Where mknod is permitted (root) the
// node is made in the test's own folder, so a writer that regresses to replacing what it writes
// replaces that copy, never the system's /dev/null or /dev/full (the old `export -o` did, as
// root). Elsewhere the system's own device is used: a process that cannot mknod cannot replace
// it either.
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <string>

namespace metacf::testing {

// `name` is "null" (1, 3) or "full" (1, 7).
inline std::string test_device(const std::string& folder, const std::string& name) {
  const unsigned minor = name == "full" ? 7 : 3;
  const std::string path = folder + "/" + name;
  if (::mknod(path.c_str(), S_IFCHR | 0666, makedev(1, minor)) == 0) return path;
  return "/dev/" + name;
}

}  // namespace metacf::testing
