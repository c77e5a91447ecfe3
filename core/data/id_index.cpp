#include "core/data/id_index.h"

#include <limits>
#include <stdexcept>

namespace metacf {

IdIndex::IdIndex(const std::vector<std::string>& ids) {
  index_.reserve(ids.size());
  for (const auto& id : ids) intern(id);
}

std::int32_t IdIndex::intern(std::string_view id) {
  if (const auto it = index_.find(id); it != index_.end()) return it->second;
  if (ids_.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw std::length_error("more than 2^31 - 1 distinct ids");
  }
  const auto index = static_cast<std::int32_t>(ids_.size());
  ids_.emplace_back(id);
  index_.emplace(ids_.back(), index);
  return index;
}

std::optional<std::int32_t> IdIndex::find(std::string_view id) const {
  if (const auto it = index_.find(id); it != index_.end()) return it->second;
  return std::nullopt;
}

}  // namespace metacf
