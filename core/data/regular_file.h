#pragma once
// Input files are read more than once (format detection, loading, fingerprinting for the
// store), so a FIFO, a terminal or a device would be drained by the first read or block the
// next one for ever: they are refused up front.
#include <string>

namespace metacf {

// Throws DataError naming the file when `path` exists and is not a regular file (symbolic links
// are followed). A missing file passes: opening it reports that.
void require_regular_file(const std::string& path);

}  // namespace metacf
