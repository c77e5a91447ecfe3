#include "core/split/presplit.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "core/data/data_error.h"
#include "core/data/regular_file.h"

namespace metacf {
namespace {

struct PresplitBuilder {
  Dataset& data;
  std::unordered_map<std::string, std::int32_t> users, items;
  std::vector<std::vector<std::int32_t>> rows;
  std::vector<int> group_of_user;

  std::int32_t item(const std::string& id) {
    auto [it, added] = items.emplace(id, static_cast<std::int32_t>(data.item_ids.size()));
    if (added) data.item_ids.push_back(id);
    return it->second;
  }

  // Reads one file; returns the users in first-seen order.
  std::vector<std::int32_t> read(const std::string& path, int group) {
    require_regular_file(path);
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open the file");
    std::vector<std::int32_t> order;
    std::string line;
    std::int64_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      std::istringstream fields(line);
      std::string user_id, item_id;
      if (!(fields >> user_id >> item_id)) {
        throw std::runtime_error(path + ":" + std::to_string(number) +
                                 ": expected 'user<TAB>item', got '" + printable_excerpt(line) +
                                 "'");
      }
      auto [it, added] = users.emplace(user_id, static_cast<std::int32_t>(data.user_ids.size()));
      if (added) {
        data.user_ids.push_back(user_id);
        rows.emplace_back();
        group_of_user.push_back(group);
        order.push_back(it->second);
      } else if (group_of_user[static_cast<std::size_t>(it->second)] != group) {
        throw std::runtime_error(
            path + ":" + std::to_string(number) + ": user '" + printable_excerpt(user_id) +
            "' already appears in another file of the split; the three groups must be disjoint");
      }
      auto& row = rows[static_cast<std::size_t>(it->second)];
      const std::int32_t v = item(item_id);
      if (std::find(row.begin(), row.end(), v) != row.end()) {
        ++data.duplicates;
      } else {
        row.push_back(v);
      }
    }
    if (number == 0) throw std::runtime_error(path + ": the file is empty");
    if (order.empty()) {
      throw std::runtime_error(path + ":" + std::to_string(number) +
                               ": no users in this group (every line is blank or the users "
                               "appear only in another file); each of the three files needs users");
    }
    return order;
  }
};

Task halve(std::int32_t user, const std::vector<std::int32_t>& records) {
  const std::size_t support = records.size() / 2;
  return {user,
          {records.begin(), records.begin() + static_cast<std::ptrdiff_t>(support)},
          {records.begin() + static_cast<std::ptrdiff_t>(support), records.end()}};
}

}  // namespace

Split load_presplit(const std::string& dir, Dataset& data) {
  data = Dataset{};
  data.source_path = dir;
  data.format = "presplit";
  PresplitBuilder builder{data, {}, {}, {}, {}};
  const auto pretrain = builder.read(dir + "/pretrain.rating", 0);
  const auto train = builder.read(dir + "/train.rating", 1);
  const auto test = builder.read(dir + "/test.rating", 2);
  for (const auto& row : builder.rows) {
    data.user_items.insert(data.user_items.end(), row.begin(), row.end());
    data.user_offsets.push_back(static_cast<std::int64_t>(data.user_items.size()));
  }
  Split split;
  split.published_tasks = true;
  split.pretrain_users = pretrain;
  for (auto u : train) {
    const auto& row = builder.rows[static_cast<std::size_t>(u)];
    if (row.size() < 2) {
      ++split.dropped_users;
      continue;
    }
    split.meta_train.push_back(halve(u, row));
  }
  if (split.meta_train.empty()) {
    throw std::runtime_error(dir + "/train.rating: no meta-training task: none of its " +
                             std::to_string(train.size()) +
                             " users has the two records a task needs");
  }
  for (auto u : test) {
    const auto& row = builder.rows[static_cast<std::size_t>(u)];
    if (row.size() < 2) {
      ++split.dropped_users;
      continue;
    }
    split.meta_test.push_back(halve(u, row));
  }
  if (split.meta_test.empty()) {
    throw std::runtime_error(dir + "/test.rating: no meta-test task: none of its " +
                             std::to_string(test.size()) +
                             " users has the two records a task needs");
  }
  return split;
}

}  // namespace metacf
