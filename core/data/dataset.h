#pragma once
// An implicit-feedback data set: users x items, each record a positive.
// Original ids (any string) map to dense indices 0..n-1; records are stored per user (CSR).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace metacf {

struct Dataset {
  std::string source_path;
  std::string format;  // the format the file was read as: "ml100k", "ml1m", "csv", "inter", ...

  std::vector<std::string> user_ids;     // dense user index -> original id
  std::vector<std::string> item_ids;     // dense item index -> original id
  std::vector<std::string> item_titles;  // empty, or one UTF-8 title per item ("" when unknown)
  std::vector<std::string> item_genres;  // empty, or one per item: "Action|Comedy" ("" unknown)

  // User u's items are user_items[user_offsets[u] .. user_offsets[u + 1]), in file order,
  // each item at most once.
  std::vector<std::int64_t> user_offsets{0};
  std::vector<std::int32_t> user_items;

  std::int64_t duplicates = 0;  // repeated user-item pairs merged into one record
  std::int64_t skipped = 0;     // lines skipped in lenient mode (or below the rating threshold)
  std::int64_t below_threshold = 0;   // records dropped by the rating threshold
  std::vector<std::string> warnings;  // first few skip reasons, "file:line: reason"

  [[nodiscard]] std::int32_t num_users() const {
    return static_cast<std::int32_t>(user_ids.size());
  }
  [[nodiscard]] std::int32_t num_items() const {
    return static_cast<std::int32_t>(item_ids.size());
  }
  [[nodiscard]] std::int64_t num_records() const {
    return static_cast<std::int64_t>(user_items.size());
  }
  [[nodiscard]] std::span<const std::int32_t> items_of(std::int32_t user) const {
    return {user_items.data() + user_offsets[user],
            static_cast<std::size_t>(user_offsets[user + 1] - user_offsets[user])};
  }
  [[nodiscard]] bool has_titles() const { return !item_titles.empty(); }
};

}  // namespace metacf
