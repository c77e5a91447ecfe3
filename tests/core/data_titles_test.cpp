// Item titles and genres in the three MovieLens formats, stored as UTF-8.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "core/data/csv_fields.h"
#include "core/data/data_error.h"
#include "core/data/dataset_loader.h"
#include "core/data/id_index.h"
#include "core/data/text_encoding.h"
#include "core/data/titles_loader.h"

namespace metacf {
namespace {

const std::string kFixtures = METACF_FIXTURES_DIR;

Dataset ratings_with_items(const std::string& items_csv_lines) {
  std::istringstream in(items_csv_lines);
  return load_dataset(in, "ratings.csv");
}

std::string title_of(const Dataset& data, const std::string& item) {
  const auto i = IdIndex(data.item_ids).find(item);
  return i ? data.item_titles[static_cast<std::size_t>(*i)] : "<no such item>";
}
std::string genres_of(const Dataset& data, const std::string& item) {
  const auto i = IdIndex(data.item_ids).find(item);
  return i ? data.item_genres[static_cast<std::size_t>(*i)] : "<no such item>";
}

TEST(DataTitles, UItemLatin1ToUtf8WithGenreFlags) {
  // Items 30 and 10 have titles, 55 has none; the file's item 99 has no ratings.
  Dataset data = ratings_with_items("1,30,1\n1,10,1\n2,55,1\n");
  const auto report = load_titles(data, kFixtures + "/u_small.item");
  EXPECT_EQ(report.format, TitlesFormat::kUItem);
  EXPECT_EQ(report.matched, 2);
  EXPECT_EQ(report.unknown_ids, 1);
  EXPECT_EQ(report.items_without_title, 1);
  EXPECT_EQ(title_of(data, "30"), "Mis\xC3\xA9rables, Les (1995)");  // é as UTF-8
  EXPECT_EQ(genres_of(data, "30"), "Drama|Musical");                 // flags 8 and 12
  EXPECT_EQ(genres_of(data, "10"), "Animation|Children's|Comedy");
  EXPECT_EQ(title_of(data, "55"), "");
  ASSERT_EQ(data.item_titles.size(), data.item_ids.size());
  ASSERT_EQ(data.item_genres.size(), data.item_ids.size());
}

TEST(DataTitles, MoviesDatLatin1) {
  Dataset data = ratings_with_items("1,1193,1\n1,5000,1\n");
  const auto report = load_titles(data, kFixtures + "/movies_small.dat");
  EXPECT_EQ(report.format, TitlesFormat::kMoviesDat);
  EXPECT_EQ(report.matched, 2);
  EXPECT_EQ(report.unknown_ids, 1);
  EXPECT_EQ(title_of(data, "1193"), "One Flew Over the Cuckoo's Nest (1975)");
  EXPECT_EQ(title_of(data, "5000"), "Cr\xC3\xA8me (2000)");  // è
  EXPECT_EQ(genres_of(data, "1193"), "Drama");
}

TEST(DataTitles, MoviesCsvWithQuotesCommasAndUtf8) {
  Dataset data = ratings_with_items("1,31,1\n1,1029,1\n2,77,1\n");
  const auto report = load_titles(data, kFixtures + "/movies_small.csv");
  EXPECT_EQ(report.format, TitlesFormat::kMoviesCsv);
  EXPECT_EQ(report.matched, 3);
  EXPECT_EQ(report.unknown_ids, 0);  // the header line is not an unknown id
  EXPECT_EQ(title_of(data, "31"), "American President, The (1995)");
  EXPECT_EQ(title_of(data, "1029"), "The \"Velvet\" Letter (1983)");
  EXPECT_EQ(title_of(data, "77"), "Se\xC3\xB1or Caf\xC3\xA9 (2001)");  // UTF-8 kept as is
  EXPECT_EQ(genres_of(data, "31"), "Comedy|Drama|Romance");
  EXPECT_EQ(genres_of(data, "77"), "");
}

TEST(DataTitles, FromStreamAndBadLines) {
  Dataset data = ratings_with_items("1,7,1\n");
  std::istringstream good("7::Seven (1995)::Crime|Thriller\n");
  EXPECT_EQ(load_titles(data, good, "m.dat").matched, 1);
  EXPECT_EQ(title_of(data, "7"), "Seven (1995)");

  std::istringstream bad("movieId,title,genres\n7,\"Unclosed title,Drama\n");
  try {
    load_titles(data, bad, "movies.csv");
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_NE(std::string(e.what()).find("Unclosed"), std::string::npos) << e.what();
  }
  std::istringstream bad_again("movieId,title,genres\n7,\"Unclosed title,Drama\n7,Ok (1990),\n");
  const auto report = load_titles(data, bad_again, "movies.csv", /*lenient=*/true);
  EXPECT_EQ(report.skipped, 1);
  EXPECT_EQ(title_of(data, "7"), "Ok (1990)");

  std::istringstream unknown("just words\n");
  EXPECT_THROW(load_titles(data, unknown, "t.txt"), DataError);
  std::istringstream empty("");
  EXPECT_THROW(load_titles(data, empty, "t.txt"), DataError);
}

TEST(DataTitles, MoviesCsvQuotedTitleSpanningLines) {
  Dataset data = ratings_with_items("1,1,1\n1,2,1\n1,3,1\n");
  // RFC 4180: a line end inside quotes belongs to the field; CRLF files too.
  std::istringstream in(
      "movieId,title,genres\r\n"
      "1,\"First line\r\nsecond, \"\"quoted\"\"\r\n\r\nlast\",Drama|War\r\n"
      "2,\"\"\"\"\"\n\",Comedy\r\n"
      "3,Plain (1990),Crime\r\n");
  const auto report = load_titles(data, in, "movies.csv");
  EXPECT_EQ(report.matched, 3);
  EXPECT_EQ(report.unknown_ids, 0);
  EXPECT_EQ(title_of(data, "1"), "First line\nsecond, \"quoted\"\n\nlast");
  EXPECT_EQ(genres_of(data, "1"), "Drama|War");
  EXPECT_EQ(title_of(data, "2"), "\"\"\n");
  EXPECT_EQ(title_of(data, "3"), "Plain (1990)");
  EXPECT_EQ(genres_of(data, "3"), "Crime");
}

TEST(DataTitles, MoviesCsvLinesAreCountedAcrossQuotedLineEnds) {
  Dataset data = ratings_with_items("1,1,1\n");
  std::istringstream in("movieId,title,genres\n1,\"two\nlines\",Drama\n1,bad\n");
  try {
    load_titles(data, in, "movies.csv");
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_EQ(e.line(), 4) << e.what();  // the bad record, after the two-line one
  }
}

TEST(DataTitles, MoviesCsvUnclosedQuoteNamesTheLineThatOpenedIt) {
  Dataset data = ratings_with_items("1,1,1\n");
  std::istringstream in("movieId,title,genres\n1,Ok,Drama\n1,\"Never closed,Drama\n1,x,y\n");
  try {
    load_titles(data, in, "movies.csv");
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_EQ(e.line(), 3) << e.what();
    EXPECT_NE(std::string(e.what()).find("movies.csv:3: a quoted field is never closed"),
              std::string::npos)
        << e.what();
  }
}

TEST(DataTitles, CsvQuoteTrackerFollowsRecordsAcrossLines) {
  const auto open_after = [](std::initializer_list<std::string_view> lines) {
    CsvQuoteTracker quotes;
    bool first = true;
    for (const auto line : lines) {
      if (!first) quotes.feed("\n");
      first = false;
      quotes.feed(line);
    }
    return quotes.inside_quotes();
  };
  EXPECT_FALSE(open_after({"1,plain,g"}));
  EXPECT_FALSE(open_after({"1,\"a, \"\"b\"\"\",g"}));
  EXPECT_FALSE(open_after({"1,say \"hi,g"}));  // a quote inside an unquoted field is text
  EXPECT_TRUE(open_after({"1,\"open"}));
  EXPECT_TRUE(open_after({"1,\"ends with a doubled quote\"\""}));
  EXPECT_FALSE(open_after({"1,\"two", "lines\",g"}));
  EXPECT_TRUE(open_after({"1,\"three", "", "lines"}));
}

TEST(DataTitles, CsvQuotingRoundTrips) {
  for (const std::string field :
       {"plain", "a, b", "say \"hi\"", "\"", "", "caf\xC3\xA9, \"x\"", "two\nlines"}) {
    std::vector<std::string> fields;
    const auto line = "1," + quote_csv_field(field) + ",g";
    ASSERT_FALSE(split_csv_line(line, fields).has_value()) << line;
    ASSERT_EQ(fields.size(), 3u) << line;
    EXPECT_EQ(fields[1], field);
  }
}

TEST(DataTitles, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("Se\xC3\xB1or \xE2\x82\xAC"));
  EXPECT_FALSE(is_valid_utf8("Mis\xE9rables"));                           // Latin-1 é
  EXPECT_FALSE(is_valid_utf8("\xC3"));                                    // cut short
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));                                // overlong '/'
  EXPECT_EQ(latin1_to_utf8("\xE9\xFC\xF1"), "\xC3\xA9\xC3\xBC\xC3\xB1");  // é ü ñ
}

}  // namespace
}  // namespace metacf
