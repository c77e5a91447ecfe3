#include "core/learners/auto/auto_folds.h"

#include <numeric>
#include <span>

#include "core/split/validation_holdout.h"
#include "core/util/rng.h"

namespace metacf {
namespace {
constexpr std::uint64_t kFoldStream = 0xf01d5;
}  // namespace

std::vector<int> fold_of_users(std::size_t users, int folds, std::uint64_t seed) {
  std::vector<std::size_t> order(users);
  std::iota(order.begin(), order.end(), std::size_t{0});
  Rng rng = Rng(seed).fork(kFoldStream);
  rng.shuffle(std::span<std::size_t>(order));
  std::vector<int> fold(users, 0);
  for (std::size_t i = 0; i < users; ++i) {
    fold[order[i]] = static_cast<int>(i % static_cast<std::size_t>(std::max(folds, 1)));
  }
  return fold;
}

std::vector<ValidationFold> validation_folds(const Split& split, int folds, double share,
                                             std::int64_t max_users, std::uint64_t seed) {
  std::vector<ValidationFold> out;
  if (folds <= 1) {
    ValidationFold single{split, {}};
    hold_out_validation(single.fitting, share, seed, single.held, max_users);
    out.push_back(std::move(single));
    return out;
  }
  const auto fold = fold_of_users(split.meta_train.size(), folds, seed);
  const std::int64_t cap = (max_users + folds - 1) / folds;
  for (int f = 0; f < folds; ++f) {
    ValidationFold v{split, {}};
    v.fitting.meta_train.clear();
    for (std::size_t i = 0; i < split.meta_train.size(); ++i) {
      if (fold[i] != f) {
        v.fitting.meta_train.push_back(split.meta_train[i]);
      } else if (static_cast<std::int64_t>(v.held.size()) < cap) {
        v.held.push_back(split.meta_train[i]);
      }
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace metacf
