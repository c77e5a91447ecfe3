#pragma once
// Original ids (any string: "196", "A2CX7LUOHB2NDG") to dense indices 0..n-1 and back.
// Lookups take a string_view and do not allocate.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace metacf {

class IdIndex {
 public:
  IdIndex() = default;
  // The index of a Dataset's user_ids or item_ids, for looking original ids up.
  explicit IdIndex(const std::vector<std::string>& ids);

  // The index of `id`, adding it (as the next index) when new.
  std::int32_t intern(std::string_view id);
  [[nodiscard]] std::optional<std::int32_t> find(std::string_view id) const;

  [[nodiscard]] std::int32_t size() const { return static_cast<std::int32_t>(ids_.size()); }
  [[nodiscard]] const std::vector<std::string>& ids() const { return ids_; }
  std::vector<std::string> release_ids() { return std::move(ids_); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::int32_t, Hash, std::equal_to<>> index_;
  std::vector<std::string> ids_;
};

}  // namespace metacf
