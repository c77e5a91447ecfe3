#include "ui/pages/data_page_messages.h"

#include <QLocale>
#include <QObject>
#include <QRegularExpression>
#include <QStringList>

namespace metacf::ui {

QString shortenLongWords(const QString& text, int max_chars) {
  static const QRegularExpression kWord(QStringLiteral("\\S+"));
  QString out;
  qsizetype last = 0;
  auto it = kWord.globalMatch(text);
  while (it.hasNext()) {
    const auto match = it.next();
    out += text.mid(last, match.capturedStart() - last);
    QString word = match.captured();
    if (word.size() > max_chars) {
      // Keep the end too: a long path still ends with its file name.
      const qsizetype tail = max_chars / 2;
      word = word.left(max_chars - tail - 1) + QChar(0x2026) + word.right(tail);
    }
    out += word;
    last = match.capturedEnd();
  }
  out += text.mid(last);
  return out;
}

QString titlesCoverageWarning(const TitlesReport& report, qint64 items,
                              const QString& titles_file) {
  if (items <= 0) return {};
  const double coverage = static_cast<double>(report.matched) / static_cast<double>(items);
  // "Few ids match": most of the title lines name items the ratings never mention.
  const bool foreign = report.unknown_ids > report.matched;
  if (coverage >= kTitlesCoverageToWarn && !foreign) return {};
  const QLocale locale;
  QString text = QObject::tr("%1 gives titles to %2 of the %3 items (%4%).")
                     .arg(titles_file, locale.toString(static_cast<qlonglong>(report.matched)),
                          locale.toString(items))
                     .arg(100.0 * coverage, 0, 'f', 0);
  if (foreign) {
    text += QObject::tr(
                " %1 of its title lines name items this data set does not have: the "
                "titles may belong to another data set.")
                .arg(locale.toString(static_cast<qlonglong>(report.unknown_ids)));
  } else {
    text += QObject::tr(" The other items are shown by their ids.");
  }
  return text;
}

}  // namespace metacf::ui
