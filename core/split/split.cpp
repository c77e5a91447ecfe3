#include "core/split/split.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/util/rng.h"

namespace metacf {
namespace {

// n ~ U{min .. min(max, |R_u|)} records chosen at random; support = first floor(n/2).
Task select_task(std::int32_t user, std::span<const std::int32_t> records, const SplitConfig& c,
                 Rng& rng) {
  const auto available = static_cast<std::int64_t>(records.size());
  const std::int64_t n =
      rng.uniform_int(c.min_selected, std::min<std::int64_t>(c.max_selected, available));
  std::vector<std::int32_t> chosen(records.begin(), records.end());
  // Partial Fisher-Yates: the first n entries become a uniform random n-subset in random order.
  for (std::int64_t i = 0; i < n; ++i) {
    const auto j =
        i + static_cast<std::int64_t>(rng.uniform_index(static_cast<std::uint64_t>(available - i)));
    std::swap(chosen[i], chosen[j]);
  }
  Task task;
  task.user = user;
  const std::int64_t support = n / 2;
  task.support.assign(chosen.begin(), chosen.begin() + support);
  task.query.assign(chosen.begin() + support, chosen.begin() + n);
  return task;
}

}  // namespace

Split make_split(const Dataset& data, const SplitConfig& config) {
  config.validate();
  const std::int32_t users = data.num_users();
  std::vector<std::int32_t> order(users);
  std::iota(order.begin(), order.end(), 0);
  Rng rng(config.seed);
  rng.shuffle(std::span<std::int32_t>(order));

  const double total = config.pretrain_ratio + config.meta_train_ratio + config.meta_test_ratio;
  const auto pretrain_end =
      static_cast<std::int64_t>(std::llround(users * config.pretrain_ratio / total));
  const auto meta_train_end = static_cast<std::int64_t>(
      std::llround(users * (config.pretrain_ratio + config.meta_train_ratio) / total));

  Split split;
  split.pretrain_users.assign(order.begin(), order.begin() + pretrain_end);
  // Each user's selection draws from a stream of her own, so it does not depend on the order
  // or number of other users.
  const Rng selection = rng.fork(0x5e1ec7);
  for (std::int64_t i = pretrain_end; i < users; ++i) {
    const std::int32_t user = order[i];
    const auto records = data.items_of(user);
    if (static_cast<std::int64_t>(records.size()) < config.min_selected) {
      ++split.dropped_users;
      continue;
    }
    Rng user_rng = selection.fork(static_cast<std::uint64_t>(user));
    Task task = select_task(user, records, config, user_rng);
    (i < meta_train_end ? split.meta_train : split.meta_test).push_back(std::move(task));
  }
  return split;
}

}  // namespace metacf
