#include "core/eval/blocked_ranking.h"

#include <algorithm>
#include <stdexcept>

#include "core/eval/ranking.h"

namespace metacf {
namespace {

// 2,048 items x 64 users of scores is 512 KiB: the block stays in L2 while the heaps read it.
constexpr Eigen::Index kItemsPerBlock = 256 * DotProductItems::kChunk;

}  // namespace

void rank_users_blocked(const DotProductItems& items,
                        const Eigen::Ref<const Eigen::MatrixXf>& users,
                        std::span<const std::span<const std::int32_t>> excluded_sorted, int n,
                        std::vector<std::vector<std::int32_t>>& top) {
  const Eigen::Index b_count = users.cols();
  if (static_cast<Eigen::Index>(excluded_sorted.size()) != b_count) {
    throw std::invalid_argument("rank_users_blocked: one exclusion list per user");
  }
  const Eigen::Index num_items = items.num_items();
  std::vector<TopK> heaps(static_cast<std::size_t>(b_count), TopK(n));
  Eigen::MatrixXf scores(std::min(kItemsPerBlock, num_items), b_count);
  for (Eigen::Index first = 0; first < num_items; first += kItemsPerBlock) {
    const Eigen::Index count = std::min(kItemsPerBlock, num_items - first);
    auto block = scores.topRows(count);
    items.score_block(users, first, count, block);
    for (Eigen::Index b = 0; b < b_count; ++b) {
      heaps[static_cast<std::size_t>(b)].offer(
          std::span<const float>(block.col(b).data(), static_cast<std::size_t>(count)),
          static_cast<std::int32_t>(first), excluded_sorted[static_cast<std::size_t>(b)]);
    }
  }
  top.resize(static_cast<std::size_t>(b_count));
  for (Eigen::Index b = 0; b < b_count; ++b) {
    top[static_cast<std::size_t>(b)] = heaps[static_cast<std::size_t>(b)].take();
  }
}

}  // namespace metacf
