// The synthetic sample: deterministic, the sizes asked for, popularity skew and genre clusters.
#include "core/data/sample_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/data/dataset_loader.h"
#include "core/data/id_index.h"
#include "core/data/text_encoding.h"
#include "core/data/titles_loader.h"

namespace metacf {
namespace {

const SampleData& default_sample() {
  static const SampleData sample = generate_sample(SampleConfig{});
  return sample;
}

// Mean over users of the share of her records in her most frequent (primary) genre.
double mean_top_genre_share(const SampleData& s) {
  std::map<std::int32_t, std::vector<int>> per_user;  // user -> records per genre
  for (const auto& r : s.records) {
    auto& g = per_user[r.user];
    g.resize(s.genre_names.size());
    ++g[static_cast<std::size_t>(s.item_genre[static_cast<std::size_t>(r.item)])];
  }
  double total = 0;
  for (const auto& [user, genres] : per_user) {
    int sum = 0;
    for (const int c : genres) sum += c;
    total += static_cast<double>(*std::max_element(genres.begin(), genres.end())) / sum;
  }
  return total / static_cast<double>(per_user.size());
}

TEST(SampleGenerator, DeterministicForASeed) {
  SampleConfig config;
  config.users = 200;
  config.items = 300;
  config.records = 5000;
  const auto a = generate_sample(config);
  const auto b = generate_sample(config);
  ASSERT_EQ(a.records.size(), b.records.size());
  for (std::size_t k = 0; k < a.records.size(); ++k) {
    ASSERT_EQ(a.records[k].item, b.records[k].item);
    ASSERT_EQ(a.records[k].rating, b.records[k].rating);
    ASSERT_EQ(a.records[k].timestamp, b.records[k].timestamp);
  }
  EXPECT_EQ(a.item_titles, b.item_titles);
  config.seed += 1;
  const auto c = generate_sample(config);
  std::size_t same = 0;
  for (std::size_t k = 0; k < std::min(a.records.size(), c.records.size()); ++k) {
    same += a.records[k].item == c.records[k].item;
  }
  EXPECT_LT(same, a.records.size() / 4);
}

TEST(SampleGenerator, HitsSizeTargetsWithoutDuplicates) {
  const auto& s = default_sample();
  const SampleConfig config;
  EXPECT_EQ(s.records.size(), static_cast<std::size_t>(config.records));
  std::set<std::pair<std::int32_t, std::int32_t>> pairs;
  std::map<std::int32_t, int> per_user;
  std::set<std::int32_t> items;
  for (const auto& r : s.records) {
    EXPECT_TRUE(pairs.emplace(r.user, r.item).second) << r.user << " " << r.item;
    ++per_user[r.user];
    items.insert(r.item);
    ASSERT_GE(r.rating, 1);
    ASSERT_LE(r.rating, 5);
  }
  EXPECT_EQ(per_user.size(), static_cast<std::size_t>(config.users));
  EXPECT_GE(items.size(), static_cast<std::size_t>(config.items * 0.97));  // within a few %
  int min_count = config.records;
  int max_count = 0;
  for (const auto& [user, count] : per_user) {
    min_count = std::min(min_count, count);
    max_count = std::max(max_count, count);
  }
  EXPECT_EQ(min_count, config.min_records_per_user);
  // Heavy tail: the most active user has many times the mean of 60.
  EXPECT_GT(max_count, 5 * config.records / config.users);
}

TEST(SampleGenerator, PopularityIsSkewed) {
  const auto& s = default_sample();
  std::vector<std::int64_t> per_item(s.item_genre.size(), 0);
  for (const auto& r : s.records) ++per_item[static_cast<std::size_t>(r.item)];
  std::sort(per_item.rbegin(), per_item.rend());
  std::int64_t top = 0;
  for (std::size_t i = 0; i < per_item.size() / 10; ++i) top += per_item[i];
  // Uniform popularity would give the top tenth of items about a tenth of the records.
  EXPECT_GT(static_cast<double>(top) / static_cast<double>(s.records.size()), 0.3);
}

TEST(SampleGenerator, UsersClusterInTheirFavouriteGenres) {
  const auto& s = default_sample();
  const double structured = mean_top_genre_share(s);
  EXPECT_GT(structured, 3.0 / 16.0);
  // The same users picking by popularity alone spread over genres far more.
  SampleConfig config;
  config.favourite_share = 0.0;
  const double unstructured = mean_top_genre_share(generate_sample(config));
  EXPECT_GT(structured, unstructured + 0.15) << structured << " vs " << unstructured;

  // Favourite genres are rated higher.
  double sum[2] = {0, 0};
  double n[2] = {0, 0};
  for (const auto& r : s.records) {
    const auto& fav = s.user_favourites[static_cast<std::size_t>(r.user)];
    const int g = s.item_genre[static_cast<std::size_t>(r.item)];
    const int k = std::find(fav.begin(), fav.end(), g) != fav.end() ? 1 : 0;
    sum[k] += r.rating;
    n[k] += 1;
  }
  EXPECT_GT(sum[1] / n[1], sum[0] / n[0] + 0.5);
}

TEST(SampleGenerator, ScalesToAmazonSize) {
  SampleConfig config;
  config.users = 75000;
  config.items = 57750;
  config.records = 530000;
  const auto s = generate_sample(config);
  EXPECT_EQ(s.records.size(), 530000u);
  EXPECT_EQ(s.user_favourites.size(), 75000u);
}

TEST(SampleGenerator, TitlesAreFilmLikeAndExerciseQuoting) {
  const auto titles = make_sample_titles(500, 7);
  EXPECT_EQ(titles, make_sample_titles(500, 7));
  EXPECT_NE(titles, make_sample_titles(500, 8));
  int commas = 0, quotes = 0, non_ascii = 0;
  for (const auto& t : titles) {
    EXPECT_TRUE(is_valid_utf8(t)) << t;
    EXPECT_EQ(t.back(), ')') << t;  // ends with the year
    commas += t.find(',') != t.npos;
    quotes += t.find('"') != t.npos;
    non_ascii += std::any_of(t.begin(), t.end(), [](char c) { return (c & 0x80) != 0; });
  }
  EXPECT_GT(commas, 0);
  EXPECT_GT(quotes, 0);
  EXPECT_GT(non_ascii, 0);
}

TEST(SampleGenerator, WrittenFilesLoadBack) {
  SampleConfig config;
  config.users = 100;
  config.items = 200;
  config.records = 3000;
  const auto s = generate_sample(config);
  const auto dir = std::filesystem::temp_directory_path() / "metacf_sample_test";
  std::filesystem::remove_all(dir);
  write_sample(s, dir.string());
  Dataset data = load_dataset((dir / "ratings.csv").string());
  EXPECT_EQ(data.format, "csv");
  EXPECT_EQ(data.num_users(), 100);
  EXPECT_EQ(data.num_records(), 3000);
  EXPECT_EQ(data.duplicates, 0);
  const auto report = load_titles(data, (dir / "items.csv").string());
  EXPECT_EQ(report.format, TitlesFormat::kMoviesCsv);
  EXPECT_EQ(report.matched, data.num_items());
  const IdIndex items(data.item_ids);
  for (std::int32_t i = 0; i < config.items; ++i) {
    const auto index = items.find(std::to_string(i + 1));
    if (!index) continue;
    EXPECT_EQ(data.item_titles[static_cast<std::size_t>(*index)],
              s.item_titles[static_cast<std::size_t>(i)]);
    EXPECT_EQ(data.item_genres[static_cast<std::size_t>(*index)],
              s.item_genres[static_cast<std::size_t>(i)]);
  }
  std::filesystem::remove_all(dir);
}

TEST(SampleGenerator, RejectsImpossibleConfigs) {
  SampleConfig config;
  config.records = 10;  // fewer than 5 per user
  EXPECT_THROW(config.validate(), std::invalid_argument);
  config = SampleConfig{};
  config.genres = 17;
  EXPECT_THROW(config.validate(), std::invalid_argument);
  config = SampleConfig{};
  config.records = static_cast<std::int64_t>(config.users) * config.items;  // everything rated
  EXPECT_THROW(generate_sample(config), std::invalid_argument);
}

TEST(SampleData, BundledSampleMatchesItsReadme) {
  const std::string dir = METACF_SAMPLE_DIR;
  Dataset data = load_dataset(dir + "/ratings.csv");
  EXPECT_EQ(data.num_users(), 1000);
  EXPECT_EQ(data.num_items(), 1500);
  EXPECT_EQ(data.num_records(), 60000);
  EXPECT_EQ(load_titles(data, dir + "/items.csv").matched, 1500);
}

}  // namespace
}  // namespace metacf
