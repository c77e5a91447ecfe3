#include "core/split/validation_holdout.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "core/util/rng.h"

namespace metacf {

void hold_out_validation(Split& split, double share, std::uint64_t seed,
                         std::vector<Task>& validation, std::int64_t max_users) {
  validation.clear();
  const auto count = static_cast<std::size_t>(
      std::min<double>(std::floor(share * static_cast<double>(split.meta_train.size())),
                       static_cast<double>(max_users)));
  if (count == 0) return;
  Rng rng = Rng(seed).fork(0x7a11da7e);
  std::vector<std::size_t> order(split.meta_train.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  rng.shuffle(std::span<std::size_t>(order));
  std::vector<char> held(order.size(), 0);
  for (std::size_t i = 0; i < count; ++i) held[order[i]] = 1;
  std::vector<Task> kept;
  for (std::size_t i = 0; i < split.meta_train.size(); ++i) {
    (held[i] ? validation : kept).push_back(std::move(split.meta_train[i]));
  }
  split.meta_train = std::move(kept);
}

}  // namespace metacf
