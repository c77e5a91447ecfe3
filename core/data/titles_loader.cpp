#include "core/data/titles_loader.h"

#include <array>
#include <deque>
#include <fstream>
#include <iterator>
#include <optional>
#include <vector>

#include "core/data/csv_fields.h"
#include "core/data/data_error.h"
#include "core/data/id_index.h"
#include "core/data/line_source.h"
#include "core/data/regular_file.h"
#include "core/data/text_encoding.h"
#include "core/data/text_fields.h"

namespace metacf {

namespace {
// The genre flags of u.item, in column order (MovieLens 100K README).
constexpr std::array<std::string_view, 19> kUItemGenres{
    "unknown",     "Action", "Adventure", "Animation", "Children's", "Comedy",  "Crime",
    "Documentary", "Drama",  "Fantasy",   "Film-Noir", "Horror",     "Musical", "Mystery",
    "Romance",     "Sci-Fi", "Thriller",  "War",       "Western"};
constexpr std::size_t kUItemFields = 5 + kUItemGenres.size();

struct TitleLine {
  std::string id;
  std::string title;
  std::string genres;
};

std::optional<LineProblem> parse_uitem(std::string_view line, TitleLine& out) {
  std::array<std::string_view, kUItemFields> fields;
  const auto count = split_fields(line, "|", fields);
  if (count != kUItemFields) {
    return LineProblem{"wrong number of fields: " + std::to_string(count) + " instead of " +
                           std::to_string(kUItemFields),
                       std::string(line), "id|title|date|video date|url|19 genre flags"};
  }
  out.id = trim(fields[0]);
  out.title = fields[1];
  out.genres.clear();
  for (std::size_t g = 0; g < kUItemGenres.size(); ++g) {
    const auto flag = trim(fields[5 + g]);
    if (flag != "0" && flag != "1") {
      return LineProblem{"genre flag is not 0 or 1", std::string(flag), "0 or 1"};
    }
    if (flag == "1") {
      if (!out.genres.empty()) out.genres += '|';
      out.genres += kUItemGenres[g];
    }
  }
  return std::nullopt;
}

std::optional<LineProblem> parse_movies_dat(std::string_view line, TitleLine& out) {
  std::array<std::string_view, 3> fields;
  const auto count = split_fields(line, "::", fields);
  if (count != 3) {
    return LineProblem{"wrong number of fields: " + std::to_string(count) + " instead of 3",
                       std::string(line), "id::title::genres"};
  }
  out.id = trim(fields[0]);
  out.title = fields[1];
  out.genres = trim(fields[2]);
  return std::nullopt;
}

std::optional<LineProblem> parse_movies_csv(std::string_view line, std::vector<std::string>& fields,
                                            TitleLine& out) {
  if (auto problem = split_csv_line(line, fields)) return problem;
  if (fields.size() != 3) {
    return LineProblem{"wrong number of fields: " + std::to_string(fields.size()) +
                           " instead of 3 (quote titles that contain commas)",
                       std::string(line), "movieId,title,genres"};
  }
  out.id = trim(fields[0]);
  out.title = std::move(fields[1]);
  out.genres = trim(fields[2]);
  if (out.genres == "(no genres listed)") out.genres.clear();
  return std::nullopt;
}

struct NumberedLine {
  std::string text;  // UTF-8
  std::int64_t number = 0;
};

// The file's lines as UTF-8 (decided line by line: some files mix encodings). Lines read ahead
// for a quoted title that never closes are given back, so that in lenient mode only the line
// that opened it is skipped.
class TitleLines {
 public:
  explicit TitleLines(LineSource& source) : source_(source) {}

  bool next(NumberedLine& out) {
    if (!given_back_.empty()) {
      out = std::move(given_back_.front());
      given_back_.pop_front();
      return true;
    }
    std::string_view raw;
    if (!source_.next(raw)) return false;
    out.text = to_utf8(raw);
    out.number = source_.line_number();
    return true;
  }

  void give_back(std::vector<NumberedLine>& lines) {
    given_back_.insert(given_back_.begin(), std::make_move_iterator(lines.begin()),
                       std::make_move_iterator(lines.end()));
    lines.clear();
  }

 private:
  LineSource& source_;
  std::deque<NumberedLine> given_back_;
};

// A movies.csv title in quotes may hold line ends (RFC 4180): the lines up to the closing quote
// are appended to `record`, joined by \n. A quote that never closes, before the end of the file
// or within a line's length limit, is a problem of the line that opened it.
std::optional<LineProblem> join_quoted_lines(TitleLines& lines, std::string& record) {
  CsvQuoteTracker quotes;
  quotes.feed(record);
  if (!quotes.inside_quotes()) return std::nullopt;
  const std::size_t first_line_bytes = record.size();
  std::vector<NumberedLine> read_ahead;
  NumberedLine more;
  while (quotes.inside_quotes()) {
    if (record.size() > LineSource::kMaxLineBytes || !lines.next(more)) {
      record.resize(first_line_bytes);
      lines.give_back(read_ahead);
      return LineProblem{"a quoted field is never closed", record,
                         "a closing double quote (a quoted title may span lines, up to 1 MiB)"};
    }
    record += '\n';
    record += more.text;
    quotes.feed("\n");
    quotes.feed(more.text);
    read_ahead.push_back(std::move(more));
  }
  return std::nullopt;
}
}  // namespace

std::string titles_format_name(TitlesFormat format) {
  switch (format) {
    case TitlesFormat::kAuto:
      return "auto";
    case TitlesFormat::kUItem:
      return "u.item";
    case TitlesFormat::kMoviesDat:
      return "movies.dat";
    case TitlesFormat::kMoviesCsv:
      return "movies.csv";
  }
  return "unknown";
}

TitlesFormat detect_titles_format(std::string_view first_line, const std::string& file) {
  if (first_line.find("::") != first_line.npos) return TitlesFormat::kMoviesDat;
  std::array<std::string_view, 1> ignored;
  if (split_fields(first_line, "|", ignored) == kUItemFields) return TitlesFormat::kUItem;
  if (first_line.find(',') != first_line.npos) return TitlesFormat::kMoviesCsv;
  throw DataError(file, 1,
                  LineProblem{"cannot tell the format of the titles file", std::string(first_line),
                              "MovieLens u.item (id|title|...|19 flags), movies.dat "
                              "(id::title::genres) or movies.csv (movieId,title,genres)"});
}

TitlesReport load_titles(Dataset& data, std::istream& in, const std::string& display_name,
                         bool lenient) {
  LineSource source(in, display_name);
  TitleLines lines(source);
  const IdIndex items(data.item_ids);
  std::vector<std::string> titles(data.item_ids.size());
  std::vector<std::string> genres(data.item_ids.size());
  std::vector<bool> has_title(data.item_ids.size(), false);
  TitlesReport report;
  std::vector<std::string> csv_fields;
  TitleLine parsed;
  std::int64_t lines_with_text = 0;
  NumberedLine line;
  while (lines.next(line)) {
    if (trim(line.text).empty()) continue;
    const bool first = ++lines_with_text == 1;
    if (first) report.format = detect_titles_format(line.text, display_name);
    std::optional<LineProblem> problem;
    switch (report.format) {
      case TitlesFormat::kUItem:
        problem = parse_uitem(line.text, parsed);
        break;
      case TitlesFormat::kMoviesDat:
        problem = parse_movies_dat(line.text, parsed);
        break;
      default:
        problem = join_quoted_lines(lines, line.text);
        if (!problem) problem = parse_movies_csv(line.text, csv_fields, parsed);
        break;
    }
    if (problem) {
      if (!lenient) throw DataError(display_name, line.number, *problem);
      ++report.skipped;
      continue;
    }
    const auto item = items.find(parsed.id);
    if (!item) {
      // A movies.csv header ("movieId,title,genres") is not a title.
      if (!(first && report.format == TitlesFormat::kMoviesCsv)) ++report.unknown_ids;
      continue;
    }
    const auto i = static_cast<std::size_t>(*item);
    if (!has_title[i]) ++report.matched;
    has_title[i] = true;
    titles[i] = std::move(parsed.title);
    genres[i] = std::move(parsed.genres);
  }
  if (lines_with_text == 0) throw DataError(display_name, 0, "the titles file is empty");
  report.items_without_title = static_cast<std::int64_t>(titles.size()) - report.matched;
  data.item_titles = std::move(titles);
  data.item_genres = std::move(genres);
  return report;
}

TitlesReport load_titles(Dataset& data, const std::string& path, bool lenient) {
  require_regular_file(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path, 0, "cannot open the titles file (missing or not readable)");
  return load_titles(data, in, path, lenient);
}

}  // namespace metacf
