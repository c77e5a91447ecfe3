#pragma once
// Rows of known items (a task's or a user's) as one bit per item, so that the rejection test of
// every negative drawn is one load instead of a binary search over her records. Built only when
// the rows fit kBudgetBytes: on a 57,750-item catalogue a row is 7 KiB, and tens of thousands
// of them would cost more memory than the searches cost time. Empty rows then mean "search".
#include <cstdint>
#include <span>
#include <vector>

namespace metacf {

class KnownItemBits {
 public:
  static constexpr std::int64_t kBudgetBytes = std::int64_t{16} << 20;

  KnownItemBits() = default;
  // list_of(r): row r's known items, each in [0, num_items).
  template <class ListOf>
  KnownItemBits(std::int64_t rows, std::int32_t num_items, ListOf list_of) {
    const std::int64_t words = (static_cast<std::int64_t>(num_items) + 63) / 64;
    if (rows <= 0 || words == 0 || rows * words * 8 > kBudgetBytes) return;
    words_ = words;
    bits_.assign(static_cast<std::size_t>(rows * words), 0);
    for (std::int64_t r = 0; r < rows; ++r) {
      std::uint64_t* row = bits_.data() + r * words;
      for (const std::int32_t v : list_of(r))
        row[static_cast<std::size_t>(v) >> 6] |= std::uint64_t{1}
                                                 << (static_cast<unsigned>(v) & 63u);
    }
  }

  // Row r's bits; empty when the rows were over the budget.
  [[nodiscard]] std::span<const std::uint64_t> row(std::int64_t r) const {
    if (words_ == 0) return {};
    return {bits_.data() + r * words_, static_cast<std::size_t>(words_)};
  }

 private:
  std::int64_t words_ = 0;
  std::vector<std::uint64_t> bits_;
};

}  // namespace metacf
