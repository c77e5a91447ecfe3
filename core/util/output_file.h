#pragma once
// The one way an output file the user named is written (exports, reports, saved settings):
// whole or not at all, and without harming what the name already is.
#include <string>
#include <string_view>

namespace metacf {

// Writes `bytes` to `path`:
// - a new name or a regular file: a temporary file in the same folder is written, synced,
//   given the file's permissions and owner (a new file: 0666 less the umask) and renamed over
//   it, so the file is replaced whole or keeps its old content;
// - a symbolic link: the same for the file it points to, in that file's folder; the link stays;
// - a character device or a FIFO (/dev/null, a terminal, a named pipe), or an open descriptor
//   named through /dev/fd, /dev/stdout or /proc/self/fd: written through, never replaced;
// - anything else (a folder, a socket, a block device) is refused, naming what it is.
// A file that may not be written (no write permission) is refused as a direct write would be.
// Throws std::runtime_error "PATH: cannot write: REASON" and leaves no temporary file behind.
// Output past the file-size limit fails with EFBIG before anything is written.
void write_output_file(const std::string& path, std::string_view bytes);

// "PATH: cannot write: strerror(error)", with a hint for EFBIG; the message of every failure
// above.
std::string write_error_message(const std::string& path, int error);

}  // namespace metacf
