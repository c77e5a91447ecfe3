#pragma once
// What the Data page says about a load, apart from its widgets: errors made fit to show (a
// binary file's escaped bytes are one unbreakable word that would widen the window) and the
// warning for titles that do not fit the data set.
#include <QString>
#include <QtGlobal>

#include "core/data/titles_loader.h"

namespace metacf::ui {

// Below this share of the items with a title, the titles file is worth a warning.
inline constexpr double kTitlesCoverageToWarn = 0.9;

// `text` with every word longer than max_chars cut in the middle ("\x00\x01…\x07\x07"), so a
// word-wrapped label can always wrap it.
[[nodiscard]] QString shortenLongWords(const QString& text, int max_chars = 48);

// Empty when the titles fit; otherwise how many items they cover and, when most of the file's
// ids are not items of the data set, that it may belong to another data set.
[[nodiscard]] QString titlesCoverageWarning(const TitlesReport& report, qint64 items,
                                            const QString& titles_file);

}  // namespace metacf::ui
