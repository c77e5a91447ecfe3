#pragma once
// A synthetic implicit-feedback data set with structure a cold-start learner can exploit:
// items belong to taste clusters ("genres") and have Zipf-like popularity; each user favours
// 1-3 genres and picks most of her items from them. Deterministic for a seed on every machine.
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/job.h"

namespace metacf {

struct SampleConfig {
  std::int32_t users = 1000;         // >= 1
  std::int32_t items = 1500;         // >= genres
  std::int64_t records = 60000;      // in [min_records_per_user * users, users * items / 2]
  int genres = 16;                   // taste clusters, in [1, 16]
  int min_records_per_user = 5;      // >= 1; every user has at least this many
  double favourite_share = 0.9;      // in [0, 1]: share of picks from the user's favourite genres
  double popularity_exponent = 1.0;  // >= 0: item weight 1 / rank^exponent (0: uniform)
  double activity_tail = 1.5;        // > 0: Lomax shape of records per user (smaller: heavier)
  std::uint64_t seed = 42;

  void validate() const;  // throws std::invalid_argument naming the field and its range
};

struct SampleRecord {
  std::int32_t user = 0;  // 0-based; written 1-based
  std::int32_t item = 0;
  int rating = 0;  // 1..5, higher in the user's favourite genres
  std::int64_t timestamp = 0;
};

struct SampleData {
  std::vector<std::string> genre_names;           // one per genre
  std::vector<int> item_genre;                    // each item's (primary) genre
  std::vector<std::string> item_genres;           // "Drama" or "Drama|Romance"
  std::vector<std::string> item_titles;           // UTF-8, film-like, with a year
  std::vector<double> item_popularity;            // the sampling weight of each item
  std::vector<std::vector<int>> user_favourites;  // each user's favourite genres
  std::vector<SampleRecord> records;              // grouped by user, in time order
};

SampleData generate_sample(const SampleConfig& config, JobControl* job = nullptr);

// Writes DIR/ratings.csv (userId,movieId,rating,timestamp) and DIR/items.csv (movieId,title,
// genres, RFC 4180 quoting), creating DIR. Throws std::runtime_error naming a path it cannot write.
void write_sample(const SampleData& sample, const std::string& dir);

// Film-like titles, e.g. "Silent Harbour, The (1987)", deterministic for a seed; a few have
// commas, double quotes and accented letters so that readers' quoting gets exercised.
std::vector<std::string> make_sample_titles(std::int32_t count, std::uint64_t seed);

}  // namespace metacf
