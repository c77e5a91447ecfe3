#pragma once
// Collects (user, item) records in file order and turns them into a Dataset: dense ids,
// each user's items in first-seen order, repeated pairs merged and counted.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/id_index.h"

namespace metacf {

class DatasetBuilder {
 public:
  void add(std::string_view user, std::string_view item) {
    // Rating files are usually grouped by user: skip the hash lookup for a repeated user.
    if (user != last_user_ || last_user_index_ < 0) {
      last_user_index_ = users_.intern(user);
      last_user_.assign(user);
    }
    records_.emplace_back(last_user_index_, items_.intern(item));
  }
  [[nodiscard]] std::int64_t size() const { return static_cast<std::int64_t>(records_.size()); }

  // Moves everything into `data` (ids, CSR, duplicates); the builder is empty afterwards.
  void finish(Dataset& data);

 private:
  IdIndex users_;
  IdIndex items_;
  std::vector<std::pair<std::int32_t, std::int32_t>> records_;  // (user, item) in file order
  std::string last_user_;
  std::int32_t last_user_index_ = -1;
};

}  // namespace metacf
