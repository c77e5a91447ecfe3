#include "ui/recent_files.h"

#include <QFileInfo>
#include <QSettings>
#include <QStringList>
#include <QVariantMap>
#include <algorithm>

namespace metacf::ui {
namespace {
const char* const kRecentKey = "recentFiles";
}  // namespace

QList<RecentFile> RecentFiles::entries() {
  QList<RecentFile> out;
  for (const QVariant& e : QSettings().value(kRecentKey).toList()) {
    const QVariantMap entry = e.toMap();
    out.append({entry.value(QStringLiteral("path")).toString(),
                entry.value(QStringLiteral("titles")).toString()});
  }
  return out;
}

void RecentFiles::remember(const QString& data, const QString& titles) {
  if (data.isEmpty()) return;
  QVariantList entries = QSettings().value(kRecentKey).toList();
  const QString absolute = QFileInfo(data).absoluteFilePath();
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [&](const QVariant& e) {
                                 return e.toMap().value(QStringLiteral("path")).toString() ==
                                        absolute;
                               }),
                entries.end());
  QVariantMap entry;
  entry.insert(QStringLiteral("path"), absolute);
  entry.insert(QStringLiteral("titles"),
               titles.isEmpty() ? QString() : QFileInfo(titles).absoluteFilePath());
  entries.prepend(entry);
  while (entries.size() > kMax) entries.removeLast();
  QSettings().setValue(kRecentKey, entries);
}

void RecentFiles::clear() { QSettings().remove(kRecentKey); }

bool looksLikeTitlesFile(const QString& path) {
  const QString name = QFileInfo(path).fileName().toLower();
  return name == QLatin1String("u.item") || name == QLatin1String("movies.dat") ||
         name == QLatin1String("movies.csv") || name == QLatin1String("items.csv") ||
         name.endsWith(QLatin1String(".item"));
}

DroppedFiles pairDroppedFiles(const QStringList& paths, bool data_loaded) {
  DroppedFiles out;
  for (const QString& path : paths) {
    if (looksLikeTitlesFile(path) && out.titles.isEmpty()) {
      out.titles = path;
    } else if (out.data.isEmpty()) {
      out.data = path;
    }
  }
  if (out.data.isEmpty() && !out.titles.isEmpty() && !data_loaded) std::swap(out.data, out.titles);
  return out;
}

}  // namespace metacf::ui
