#pragma once
// The data sets opened lately, most recent first, kept in QSettings across sessions of the
// studio, each with the titles file it was opened with.
#include <QList>
#include <QString>

namespace metacf::ui {

struct RecentFile {
  QString path;    // absolute
  QString titles;  // absolute, or empty
};

class RecentFiles {
 public:
  static constexpr int kMax = 8;

  [[nodiscard]] static QList<RecentFile> entries();
  // Moves `data` to the front (adding it when new) and keeps at most kMax entries.
  static void remember(const QString& data, const QString& titles);
  static void clear();
};

// Which of dropped or named files is the ratings file and which the titles: a titles-looking
// name (u.item, movies.dat, movies.csv, items.csv) is titles, the first other file is data. With
// nothing loaded yet, a lone titles-looking file is more likely meant as data.
struct DroppedFiles {
  QString data;
  QString titles;
};
[[nodiscard]] bool looksLikeTitlesFile(const QString& path);
[[nodiscard]] DroppedFiles pairDroppedFiles(const QStringList& paths, bool data_loaded);

}  // namespace metacf::ui
