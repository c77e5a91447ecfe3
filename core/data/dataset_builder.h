#pragma once
// Collects (user, item) records in file order and turns them into a Dataset: dense ids,
// each user's items in first-seen order, repeated pairs merged and counted.
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/id_index.h"

namespace metacf {

class DatasetBuilder {
 public:
  void add(std::string_view user, std::string_view item) {
    records_.emplace_back(users_.intern(user), items_.intern(item));
  }
  [[nodiscard]] std::int64_t size() const { return static_cast<std::int64_t>(records_.size()); }

  // Moves everything into `data` (ids, CSR, duplicates); the builder is empty afterwards.
  void finish(Dataset& data);

 private:
  IdIndex users_;
  IdIndex items_;
  std::vector<std::pair<std::int32_t, std::int32_t>> records_;  // (user, item) in file order
};

}  // namespace metacf
