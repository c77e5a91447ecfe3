#include "core/data/titles_loader.h"

#include <array>
#include <fstream>
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
  const IdIndex items(data.item_ids);
  std::vector<std::string> titles(data.item_ids.size());
  std::vector<std::string> genres(data.item_ids.size());
  std::vector<bool> has_title(data.item_ids.size(), false);
  TitlesReport report;
  std::vector<std::string> csv_fields;
  TitleLine parsed;
  std::int64_t lines_with_text = 0;
  std::string_view raw;
  while (source.next(raw)) {
    if (trim(raw).empty()) continue;
    const std::string line = to_utf8(raw);
    const bool first = ++lines_with_text == 1;
    if (first) report.format = detect_titles_format(line, display_name);
    std::optional<LineProblem> problem;
    switch (report.format) {
      case TitlesFormat::kUItem:
        problem = parse_uitem(line, parsed);
        break;
      case TitlesFormat::kMoviesDat:
        problem = parse_movies_dat(line, parsed);
        break;
      default:
        problem = parse_movies_csv(line, csv_fields, parsed);
        break;
    }
    if (problem) {
      if (!lenient) throw DataError(display_name, source.line_number(), *problem);
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
