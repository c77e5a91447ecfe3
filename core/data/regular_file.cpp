#include "core/data/regular_file.h"

#include <sys/stat.h>

#include "core/data/data_error.h"

namespace metacf {

void require_regular_file(const std::string& path) {
  struct stat info {};
  // Folders keep the message opening them gives.
  if (::stat(path.c_str(), &info) != 0 || S_ISREG(info.st_mode) || S_ISDIR(info.st_mode)) return;
  const char* kind = S_ISFIFO(info.st_mode)   ? "a FIFO (named pipe)"
                     : S_ISCHR(info.st_mode)  ? "a character device"
                     : S_ISBLK(info.st_mode)  ? "a block device"
                     : S_ISSOCK(info.st_mode) ? "a socket"
                                              : "of an unknown kind";
  throw DataError(path, 0,
                  std::string("not a regular file (it is ") + kind +
                      "); it is read more than once, so save it to a file first");
}

}  // namespace metacf
