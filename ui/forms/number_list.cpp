#include "ui/forms/number_list.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <unordered_set>

namespace metacf::ui {
namespace {
QString tr(const char* text) { return QCoreApplication::translate("NumberList", text); }

// A value guard against typing "1-1000000000" by mistake.
constexpr std::int64_t kMaxRangeLength = 10000;
}  // namespace

std::optional<std::vector<std::int64_t>> parse_number_list(const QString& text, std::int64_t lo,
                                                           std::int64_t hi, QString* error,
                                                           bool distinct) {
  std::vector<std::int64_t> out;
  std::unordered_set<std::int64_t> seen;
  auto fail = [&](const QString& why) {
    if (error) *error = why;
    return std::nullopt;
  };
  auto number = [&](const QString& token, std::int64_t& value) {
    bool ok = false;
    value = token.toLongLong(&ok);
    return ok;
  };
  static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
  for (const QString& token : text.split(separators, Qt::SkipEmptyParts)) {
    const auto dash = token.indexOf(QLatin1Char('-'), 1);  // a leading '-' is a sign
    std::int64_t a = 0;
    std::int64_t b = 0;
    if (dash > 0) {
      if (!number(token.left(dash), a) || !number(token.mid(dash + 1), b)) {
        return fail(tr("'%1' is not a range such as 1-5").arg(token));
      }
      if (b < a) return fail(tr("the range '%1' runs backwards").arg(token));
      if (b - a > kMaxRangeLength) return fail(tr("the range '%1' is too long").arg(token));
    } else {
      if (!number(token, a)) return fail(tr("'%1' is not a whole number").arg(token));
      b = a;
    }
    if (a < lo || b > hi) {
      return fail(tr("'%1' is outside %2..%3").arg(token).arg(lo).arg(hi));
    }
    for (std::int64_t v = a; v <= b; ++v) {
      if (!seen.insert(v).second && distinct) {
        return fail(tr("%1 is listed more than once").arg(v));
      }
      out.push_back(v);
    }
  }
  if (error) error->clear();
  return out;
}

QString format_number_list(const std::vector<std::int64_t>& values) {
  QStringList parts;
  for (std::int64_t v : values) parts << QString::number(v);
  return parts.join(QStringLiteral(", "));
}

}  // namespace metacf::ui
