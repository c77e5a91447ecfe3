#include "app/cli/command_boundary.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>
#include <stdexcept>

#include "app/cli/commands.h"
#include "app/cli/printable.h"
#include "core/util/output_file.h"

namespace metacf::cli {
namespace {

bool g_stdout_was_closed = false;

bool is_open(int fd) { return fcntl(fd, F_GETFD) != -1 || errno != EBADF; }

std::runtime_error write_error(const std::string& what, int error) {
  return std::runtime_error(write_error_message(what, error));
}

// Why a write to `fd` failed when errno no longer says (stdio flushed and failed earlier, and
// later calls changed errno): the file-size limit, a full file system, else an I/O error.
int likely_write_error(int fd) {
  struct stat info {};
  rlimit limit{};
  if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && getrlimit(RLIMIT_FSIZE, &limit) == 0 &&
      limit.rlim_cur != RLIM_INFINITY && static_cast<rlim_t>(info.st_size) >= limit.rlim_cur) {
    return EFBIG;
  }
  struct statvfs space {};
  if (fstatvfs(fd, &space) == 0 && space.f_bavail == 0) return ENOSPC;
  return EIO;
}

}  // namespace

void prepare_process_streams() {
  std::signal(SIGXFSZ, SIG_IGN);
  // Output up to 4 MiB to a file or pipe is written in one go at the end, so a failure is
  // seen with its errno (a terminal keeps its line buffering).
  static char buffer[4 << 20];
  if (isatty(STDOUT_FILENO) == 0) std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
    if (is_open(fd)) continue;
    if (fd == STDOUT_FILENO) g_stdout_was_closed = true;
    // /dev/full makes every write to a closed stdout fail, so it is noticed; stdin and stderr
    // read and write nothing.
    const int replacement = ::open(fd == STDOUT_FILENO ? "/dev/full" : "/dev/null", O_RDWR);
    if (replacement >= 0 && replacement != fd) {
      dup2(replacement, fd);
      ::close(replacement);
    }
  }
}

void finish_standard_output() {
  // std::cout writes through stdout's buffer (sync_with_stdio), so one fflush sends both;
  // errno is read right after it, before anything else can change it.
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int error = errno;
  std::cout.flush();
  if (flushed && !std::ferror(stdout) && std::cout.good()) return;
  std::clearerr(stdout);  // reported once
  if (g_stdout_was_closed) throw std::runtime_error("standard output: cannot write: it is closed");
  throw write_error("standard output", error != 0 ? error : likely_write_error(STDOUT_FILENO));
}

void run_command(const std::function<void()>& body) {
  try {
    body();
    finish_standard_output();
  } catch (const CLI::Error&) {
    throw;  // a usage error: CLI11 prints it, exit 2
  } catch (const std::exception& e) {
    // What was printed before the failure is flushed first, so the error comes last.
    std::cout.clear();
    std::fflush(stdout);
    if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) {
      std::fprintf(stderr, "error: out of memory (%s); try a smaller data set or configuration\n",
                   printable(e.what()).c_str());
    } else {
      // Messages quote paths, labels, ids and lines of files.
      std::fprintf(stderr, "error: %s\n", printable(e.what()).c_str());
    }
    set_exit_code(1);
  }
}

}  // namespace metacf::cli
