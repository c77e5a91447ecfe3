#include "ui/export/output_file.h"

#include <QFile>
#include <QObject>
#include <exception>
#include <string_view>

#include "core/util/output_file.h"

namespace metacf::ui {

QString writeOutputFile(const QString& path, const QByteArray& bytes) {
  if (path.isEmpty()) return QObject::tr("no file name was given");
  try {
    write_output_file(QFile::encodeName(path).toStdString(),
                      std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace metacf::ui
