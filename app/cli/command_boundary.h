#pragma once
// The one place a sub-command's failures become an exit code and a message, and where what it
// wrote to standard output is checked to have arrived.
#include <functional>
#include <string>

namespace metacf::cli {

// Called first in main: a write past the file-size limit fails with EFBIG instead of killing
// the process silently (SIGXFSZ), and closed standard streams are replaced so that no file the
// program opens can take their descriptors (output to a closed stdout then fails as it should).
void prepare_process_streams();

// Runs a sub-command. CLI11 usage errors pass through (exit 2); any other exception, or output
// that could not be written to stdout, prints `error: ...` on stderr and sets exit code 1.
void run_command(const std::function<void()>& body);

// Flushes stdout and throws std::runtime_error naming it when anything written to it was lost
// (a full disk, the file-size limit, a closed or failed descriptor).
void finish_standard_output();

}  // namespace metacf::cli
