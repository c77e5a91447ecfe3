#pragma once
// The studio's way to write an output file: bytes made in memory (a table, a report, a picture
// rendered into a buffer) handed to core's write_output_file, so the file is replaced whole or
// not at all, and a link, a device or a FIFO is never replaced by a regular file.
#include <QByteArray>
#include <QString>

namespace metacf::ui {

// Empty on success, otherwise why `path` could not be written (it names the file).
QString writeOutputFile(const QString& path, const QByteArray& bytes);

}  // namespace metacf::ui
