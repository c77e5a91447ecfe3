#include "core/data/dataset_builder.h"

namespace metacf {

void DatasetBuilder::finish(Dataset& data) {
  const auto num_users = static_cast<std::size_t>(users_.size());
  const auto num_items = static_cast<std::size_t>(items_.size());

  // A stable counting sort by user keeps each user's records in file order.
  std::vector<std::int64_t> offsets(num_users + 1, 0);
  for (const auto& [user, item] : records_) ++offsets[static_cast<std::size_t>(user) + 1];
  for (std::size_t u = 0; u < num_users; ++u) offsets[u + 1] += offsets[u];
  std::vector<std::int32_t> by_user(records_.size());
  {
    std::vector<std::int64_t> next(offsets.begin(), offsets.end() - 1);
    for (const auto& [user, item] : records_) {
      by_user[static_cast<std::size_t>(next[static_cast<std::size_t>(user)]++)] = item;
    }
  }
  records_.clear();
  records_.shrink_to_fit();

  // Drop repeats within each user: seen_by[item] is the last user who had it.
  std::vector<std::int32_t> seen_by(num_items, -1);
  data.user_offsets.assign(1, 0);
  data.user_offsets.reserve(num_users + 1);
  data.user_items.clear();
  data.user_items.reserve(by_user.size());
  std::int64_t duplicates = 0;
  for (std::size_t u = 0; u < num_users; ++u) {
    for (auto k = offsets[u]; k < offsets[u + 1]; ++k) {
      const auto item = by_user[static_cast<std::size_t>(k)];
      auto& seen = seen_by[static_cast<std::size_t>(item)];
      if (seen == static_cast<std::int32_t>(u)) {
        ++duplicates;
        continue;
      }
      seen = static_cast<std::int32_t>(u);
      data.user_items.push_back(item);
    }
    data.user_offsets.push_back(static_cast<std::int64_t>(data.user_items.size()));
  }
  data.user_items.shrink_to_fit();
  data.duplicates += duplicates;
  data.user_ids = users_.release_ids();
  data.item_ids = items_.release_ids();
  users_ = IdIndex();
  items_ = IdIndex();
  last_user_.clear();
  last_user_index_ = -1;
}

}  // namespace metacf
