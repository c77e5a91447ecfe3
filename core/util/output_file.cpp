#include "core/util/output_file.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace metacf {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxSymlinkHops = 40;  // as the kernel's own limit (ELOOP)

enum class Kind { kNew, kRegular, kWriteThrough };

struct Target {
  std::string path;  // the file itself: every symbolic link on the way followed
  Kind kind = Kind::kNew;
  struct stat info {};
};

std::runtime_error failure(const std::string& path, int error) {
  return std::runtime_error(write_error_message(path, error));
}

std::runtime_error refusal(const std::string& path, const std::string& why) {
  return std::runtime_error(path + ": cannot write: " + why +
                            "; give a file name (or a character device or FIFO)");
}

// /dev/stdout, /dev/fd/N, /proc/self/fd/N and the like name a descriptor that is already
// open (a pipe, a terminal, a file the shell redirected to): written through, never renamed.
bool names_open_descriptor(const std::string& path) {
  return path == "/dev/stdout" || path == "/dev/stderr" || path.starts_with("/dev/fd/") ||
         (path.starts_with("/proc/") && path.find("/fd/") != std::string::npos);
}

Kind kind_of(const std::string& shown, const struct stat& info) {
  if (S_ISREG(info.st_mode)) return Kind::kRegular;
  if (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode)) return Kind::kWriteThrough;
  if (S_ISDIR(info.st_mode)) throw refusal(shown, "it is a folder");
  if (S_ISBLK(info.st_mode)) throw refusal(shown, "it is a block device, which is not replaced");
  if (S_ISSOCK(info.st_mode)) throw refusal(shown, "it is a socket");
  throw refusal(shown, "it is not a regular file");
}

// Follows symbolic links one at a time (lstat, readlink), so a link to a name that does not
// exist yet resolves to that name, to be created as `>` would.
Target resolve(const std::string& path) {
  Target target{path};
  for (int hops = 0;; ++hops) {
    if (lstat(target.path.c_str(), &target.info) != 0) {
      if (errno != ENOENT) throw failure(path, errno);
      target.kind = Kind::kNew;
      return target;
    }
    if (!S_ISLNK(target.info.st_mode)) {
      target.kind = kind_of(path, target.info);
      return target;
    }
    if (hops == kMaxSymlinkHops) throw failure(path, ELOOP);
    std::error_code ec;
    const fs::path link = fs::read_symlink(target.path, ec);
    if (ec) throw failure(path, ec.value());
    target.path =
        link.is_absolute() ? link.string() : (fs::path(target.path).parent_path() / link).string();
  }
}

void write_all(int fd, std::string_view bytes, const std::string& shown) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw failure(shown, n < 0 ? errno : EIO);
    done += static_cast<std::size_t>(n);
  }
}

// A write past RLIMIT_FSIZE would raise SIGXFSZ, which kills a process that does not ignore
// it, after the first part was written; refused before instead.
void require_within_size_limit(std::size_t size, const std::string& shown) {
  rlimit limit{};
  if (getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      size > limit.rlim_cur) {
    throw failure(shown, EFBIG);
  }
}

void write_through(const Target& target, std::string_view bytes, const std::string& shown,
                   bool magic_link) {
  // A regular file behind /dev/stdout was truncated by whoever opened it: append to it.
  const int append = S_ISREG(target.info.st_mode) ? O_APPEND : 0;
  const int fd = ::open(target.path.c_str(),
                        O_WRONLY | O_CLOEXEC | O_NOCTTY | append | (magic_link ? 0 : O_NOFOLLOW));
  if (fd < 0) throw failure(shown, errno);
  try {
    // What was opened is what was looked at, not a file put there since.
    struct stat opened {};
    if (fstat(fd, &opened) != 0) throw failure(shown, errno);
    if (!magic_link && (opened.st_mode & S_IFMT) != (target.info.st_mode & S_IFMT)) {
      throw refusal(shown, "it changed while it was opened");
    }
    if (append != 0) require_within_size_limit(bytes.size(), shown);
    write_all(fd, bytes, shown);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0 && errno != EINTR) throw failure(shown, errno);
}

// A new file beside `target` with a name no one uses, created with `mode` (less the umask).
int create_temporary(const fs::path& target, mode_t mode, std::string& temp) {
  std::random_device random;
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  for (int attempt = 0; attempt < 100; ++attempt) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, ".%08x", random());
    temp = (folder / ("." + target.filename().string() + suffix)).string();
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  errno = EEXIST;
  return -1;
}

// The file's folder synced, so the rename survives a crash; a failure here loses nothing.
void sync_folder(const fs::path& target) {
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)fsync(fd);
  ::close(fd);
}

void replace_whole(const Target& target, std::string_view bytes, const std::string& shown) {
  const bool exists = target.kind == Kind::kRegular;
  if (exists && ::access(target.path.c_str(), W_OK) != 0) throw failure(shown, errno);
  require_within_size_limit(bytes.size(), shown);
  std::string temp;
  const mode_t mode = exists ? (target.info.st_mode & 07777) : 0666;
  const int fd = create_temporary(target.path, mode, temp);
  if (fd < 0) throw failure(shown, errno);
  bool open = true;
  try {
    write_all(fd, bytes, shown);
    if (exists) {
      // Owner first: changing it may clear set-id bits, which fchmod then puts back.
      if (target.info.st_uid != geteuid() || target.info.st_gid != getegid()) {
        (void)fchown(fd, target.info.st_uid, target.info.st_gid);
      }
      if (fchmod(fd, mode) != 0) throw failure(shown, errno);
    }
    if (fsync(fd) != 0) throw failure(shown, errno);
    open = false;
    if (::close(fd) != 0) throw failure(shown, errno);
    if (std::rename(temp.c_str(), target.path.c_str()) != 0) throw failure(shown, errno);
  } catch (...) {
    if (open) ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  sync_folder(target.path);
}

}  // namespace

std::string write_error_message(const std::string& path, int error) {
  return path + ": cannot write: " + std::strerror(error) +
         (error == EFBIG ? " (the file size limit was reached)" : "");
}

void write_output_file(const std::string& path, std::string_view bytes) {
  if (path.empty()) throw std::runtime_error("no output file name was given");
  if (names_open_descriptor(path)) {
    Target target{path, Kind::kWriteThrough};
    if (::stat(path.c_str(), &target.info) != 0) throw failure(path, errno);
    if (S_ISDIR(target.info.st_mode)) (void)kind_of(path, target.info);  // refused
    write_through(target, bytes, path, true);
    return;
  }
  const Target target = resolve(path);
  if (target.kind == Kind::kWriteThrough) {
    write_through(target, bytes, path, false);
  } else {
    replace_whole(target, bytes, path);
  }
}

}  // namespace metacf
