#include "core/data/sample_generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "core/data/csv_fields.h"
#include "core/util/output_file.h"
#include "core/util/rng.h"

namespace metacf {

namespace {
constexpr std::array<const char*, 16> kGenreNames{
    "Action",      "Adventure", "Animation", "Children's", "Comedy", "Crime",
    "Documentary", "Drama",     "Fantasy",   "Film-Noir",  "Horror", "Musical",
    "Mystery",     "Romance",   "Sci-Fi",    "Thriller"};
constexpr std::int64_t kFirstTimestamp = 946684800;  // 2000-01-01
constexpr std::int64_t kDay = 86400;

// Draws an index with probability proportional to its weight in O(log n): the cumulative sums
// are built once, so a record never costs O(items).
class WeightedPicker {
 public:
  WeightedPicker() = default;
  WeightedPicker(const std::vector<std::int32_t>& members, const std::vector<double>& weights)
      : members_(members) {
    cumulative_.reserve(members.size());
    double sum = 0;
    for (const auto m : members) cumulative_.push_back(sum += weights[static_cast<std::size_t>(m)]);
  }
  [[nodiscard]] bool empty() const { return members_.empty(); }
  std::int32_t pick(Rng& rng) const {
    const double target = rng.uniform() * cumulative_.back();
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
    const auto k = std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()),
                                         members_.size() - 1);
    return members_[k];
  }

 private:
  std::vector<std::int32_t> members_;
  std::vector<double> cumulative_;
};

std::int64_t max_records_per_user(const SampleConfig& c) {
  // At most half the catalogue, so rejection of already-picked items stays cheap.
  return std::max<std::int64_t>(c.min_records_per_user, c.items / 2);
}

// Heavy-tailed records per user: min + a Lomax-weighted share of the rest, capped per user,
// with what the cap cuts off handed to the others so the total is exact.
std::vector<std::int64_t> records_per_user(const SampleConfig& c, Rng& rng) {
  const auto users = static_cast<std::size_t>(c.users);
  const std::int64_t cap = max_records_per_user(c) - c.min_records_per_user;
  std::vector<double> weight(users);
  // Lomax (Pareto shifted to start at 0): most users get little beyond the minimum, a few a lot.
  for (auto& w : weight) w = std::pow(1.0 - rng.uniform(), -1.0 / c.activity_tail) - 1.0;
  std::vector<std::int64_t> extra(users, 0);
  std::int64_t remaining = c.records - static_cast<std::int64_t>(c.min_records_per_user) * c.users;
  while (remaining > 0) {
    double open_weight = 0;
    for (std::size_t u = 0; u < users; ++u) {
      if (extra[u] < cap) open_weight += weight[u];
    }
    std::int64_t given = 0;
    for (std::size_t u = 0; u < users && open_weight > 0; ++u) {
      if (extra[u] >= cap) continue;
      const auto share =
          static_cast<std::int64_t>(static_cast<double>(remaining) * weight[u] / open_weight);
      const auto add = std::min(cap - extra[u], share);
      extra[u] += add;
      given += add;
    }
    remaining -= given;
    if (given == 0) {  // rounding leftovers: one each to the users that still have room
      for (std::size_t u = 0; u < users && remaining > 0; ++u) {
        if (extra[u] < cap) {
          ++extra[u];
          --remaining;
        }
      }
    }
  }
  for (auto& e : extra) e += c.min_records_per_user;
  return extra;
}

int draw_rating(Rng& rng, bool favourite) {
  // Favourite genres: mostly 4-5; elsewhere centred on 3.
  static constexpr std::array<double, 5> kFavourite{0.0, 0.05, 0.15, 0.40, 0.40};
  static constexpr std::array<double, 5> kOther{0.10, 0.20, 0.35, 0.25, 0.10};
  const auto& p = favourite ? kFavourite : kOther;
  double r = rng.uniform();
  for (int k = 0; k < 5; ++k) {
    r -= p[static_cast<std::size_t>(k)];
    if (r < 0) return k + 1;
  }
  return 5;
}

// Items: a genre each, some a second one. Returns the items of each genre by their primary one.
std::vector<std::vector<std::int32_t>> assign_genres(SampleData& sample, const SampleConfig& config,
                                                     Rng& item_rng) {
  const auto items = static_cast<std::size_t>(config.items);
  const auto genres = static_cast<std::size_t>(config.genres);
  sample.item_genre.resize(items);
  sample.item_genres.resize(items);
  std::vector<std::vector<std::int32_t>> genre_members(genres);
  for (std::size_t i = 0; i < items; ++i) {
    // The first `genres` items cover every genre, so none is empty.
    const auto g = i < genres ? i : static_cast<std::size_t>(item_rng.uniform_index(genres));
    sample.item_genre[i] = static_cast<int>(g);
    genre_members[g].push_back(static_cast<std::int32_t>(i));
    sample.item_genres[i] = sample.genre_names[g];
    if (genres > 1 && item_rng.uniform() < 0.2) {
      const auto second = (g + 1 + item_rng.uniform_index(genres - 1)) % genres;
      sample.item_genres[i] += "|" + sample.genre_names[second];
    }
  }
  return genre_members;
}

// Popularity by a random rank, so that popular items are spread over ids and genres.
void assign_popularity(SampleData& sample, const SampleConfig& config, Rng& item_rng) {
  const auto items = static_cast<std::size_t>(config.items);
  std::vector<std::int32_t> rank(items);
  for (std::size_t i = 0; i < items; ++i) rank[i] = static_cast<std::int32_t>(i);
  item_rng.shuffle(std::span<std::int32_t>(rank));
  sample.item_popularity.resize(items);
  for (std::size_t i = 0; i < items; ++i) {
    sample.item_popularity[i] = std::pow(rank[i] + 1.0, -config.popularity_exponent);
  }
}

std::vector<std::int32_t> all_items(std::int32_t count) {
  std::vector<std::int32_t> out(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::int32_t>(i);
  return out;
}

// Where a user's picks are drawn from: the whole catalogue, or one of her favourite genres.
struct ItemPickers {
  WeightedPicker global;
  std::vector<WeightedPicker> by_genre;
};

// 1-3 distinct genres.
std::vector<int> draw_favourites(Rng& rng, std::size_t genres) {
  std::vector<int> favourites;
  const auto wanted = std::min<std::size_t>(1 + rng.uniform_index(3), genres);
  while (favourites.size() < wanted) {
    const auto g = static_cast<int>(rng.uniform_index(genres));
    if (std::find(favourites.begin(), favourites.end(), g) == favourites.end()) {
      favourites.push_back(g);
    }
  }
  return favourites;
}

// An item user u has not picked yet: mostly from a favourite genre, else by popularity.
std::int32_t pick_item(Rng& rng, const SampleConfig& config, const ItemPickers& pickers,
                       const std::vector<int>& favourites,
                       const std::vector<std::int32_t>& picked_by, std::int32_t u) {
  auto is_free = [&](std::int32_t item) { return picked_by[static_cast<std::size_t>(item)] != u; };
  std::int32_t item = -1;
  if (rng.uniform() < config.favourite_share) {
    const auto& picker =
        pickers
            .by_genre[static_cast<std::size_t>(favourites[rng.uniform_index(favourites.size())])];
    for (int attempt = 0; attempt < 16 && item < 0; ++attempt) {
      const auto candidate = picker.pick(rng);
      if (is_free(candidate)) item = candidate;
    }
  }
  for (int attempt = 0; attempt < 32 && item < 0; ++attempt) {
    const auto candidate = pickers.global.pick(rng);
    if (is_free(candidate)) item = candidate;
  }
  // The popular items are taken: any free item (at least half the catalogue is free).
  while (item < 0) {
    const auto candidate =
        static_cast<std::int32_t>(rng.uniform_index(static_cast<std::size_t>(config.items)));
    if (is_free(candidate)) item = candidate;
  }
  return item;
}

// User u's `count` records, in time order; picked_by marks her items.
void add_user_records(SampleData& sample, const SampleConfig& config, const ItemPickers& pickers,
                      std::int32_t u, std::int64_t count, Rng& rng,
                      std::vector<std::int32_t>& picked_by) {
  const auto& favourites = sample.user_favourites[static_cast<std::size_t>(u)];
  std::int64_t time = kFirstTimestamp + rng.uniform_int(0, 3 * 365) * kDay;
  for (std::int64_t r = 0; r < count; ++r) {
    const std::int32_t item = pick_item(rng, config, pickers, favourites, picked_by, u);
    picked_by[static_cast<std::size_t>(item)] = u;
    const bool favourite =
        std::find(favourites.begin(), favourites.end(),
                  sample.item_genre[static_cast<std::size_t>(item)]) != favourites.end();
    time += rng.uniform_int(60, 3 * kDay);
    sample.records.push_back({u, item, draw_rating(rng, favourite), time});
  }
}
}  // namespace

void SampleConfig::validate() const {
  auto fail = [](const std::string& what) { throw std::invalid_argument("sample: " + what); };
  if (users < 1) fail("users must be >= 1");
  if (genres < 1 || genres > static_cast<int>(kGenreNames.size()))
    fail("genres must be in [1, 16]");
  if (items < genres) fail("items must be >= genres (" + std::to_string(genres) + ")");
  if (min_records_per_user < 1) fail("min_records_per_user must be >= 1");
  if (min_records_per_user > items / 2 && min_records_per_user > 1) {
    fail("min_records_per_user must be <= items / 2");
  }
  const auto low = static_cast<std::int64_t>(min_records_per_user) * users;
  const auto high = max_records_per_user(*this) * users;
  if (records < low || records > high) {
    fail("records must be in [" + std::to_string(low) + ", " + std::to_string(high) + "] for " +
         std::to_string(users) + " users and " + std::to_string(items) + " items");
  }
  if (!(favourite_share >= 0.0 && favourite_share <= 1.0))
    fail("favourite_share must be in [0, 1]");
  if (!(popularity_exponent >= 0.0)) fail("popularity_exponent must be >= 0");
  if (!(activity_tail > 0.0)) fail("activity_tail must be > 0");
}

SampleData generate_sample(const SampleConfig& config, JobControl* job) {
  config.validate();
  const Rng root(config.seed);
  Rng item_rng = root.fork(1);
  Rng user_rng = root.fork(2);
  const auto genres = static_cast<std::size_t>(config.genres);

  SampleData sample;
  sample.genre_names.assign(kGenreNames.begin(), kGenreNames.begin() + config.genres);
  const auto genre_members = assign_genres(sample, config, item_rng);
  assign_popularity(sample, config, item_rng);
  sample.item_titles = make_sample_titles(config.items, config.seed);

  ItemPickers pickers;
  pickers.global = WeightedPicker(all_items(config.items), sample.item_popularity);
  pickers.by_genre.reserve(genres);
  for (const auto& members : genre_members) {
    pickers.by_genre.emplace_back(members, sample.item_popularity);
  }

  const auto counts = records_per_user(config, user_rng);
  sample.records.reserve(static_cast<std::size_t>(config.records));
  sample.user_favourites.resize(static_cast<std::size_t>(config.users));
  std::vector<std::int32_t> picked_by(static_cast<std::size_t>(config.items), -1);
  for (std::int32_t u = 0; u < config.users; ++u) {
    Rng rng = root.fork(1000 + static_cast<std::uint64_t>(u));
    auto& favourites = sample.user_favourites[static_cast<std::size_t>(u)];
    favourites = draw_favourites(rng, genres);
    add_user_records(sample, config, pickers, u, counts[static_cast<std::size_t>(u)], rng,
                     picked_by);
    if (job != nullptr && (u + 1) % 5000 == 0) {
      Progress progress;
      progress.stage = Stage::kGenerate;
      progress.fraction = static_cast<double>(u + 1) / config.users;
      job->report(progress);
    }
  }
  return sample;
}

void write_sample(const SampleData& sample, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create directory " + dir + ": " + ec.message());

  std::string text = "userId,movieId,rating,timestamp\n";
  for (const auto& r : sample.records) {
    text.append(std::to_string(r.user + 1)).append(",");
    text.append(std::to_string(r.item + 1)).append(",");
    text.append(std::to_string(r.rating)).append(",");
    text.append(std::to_string(r.timestamp)).append("\n");
  }
  write_output_file((fs::path(dir) / "ratings.csv").string(), text);

  std::ostringstream items;
  items << "movieId,title,genres\n";
  for (std::size_t i = 0; i < sample.item_titles.size(); ++i) {
    items << (i + 1) << ',' << quote_csv_field(sample.item_titles[i]) << ','
          << quote_csv_field(sample.item_genres[i]) << '\n';
  }
  write_output_file((fs::path(dir) / "items.csv").string(), items.str());
}

}  // namespace metacf
