#pragma once
// How metacf_auto divides its meta-training users into the users each candidate is fitted on
// and the users it is scored on. With k >= 2 folds every meta-training user is scored once, by
// candidates fitted without her (cross-fitting); with 1 fold a share of them is held out.
#include <cstdint>
#include <vector>

#include "core/split/split.h"

namespace metacf {

struct ValidationFold {
  Split fitting;           // the run's split with this fold's users removed from meta_train
  std::vector<Task> held;  // this fold's users (at most a cap of them), never in `fitting`
};

// The fold of each of `users` meta-training users: a seeded shuffle dealt round-robin into
// `folds` groups, so the groups are disjoint, cover every user and differ in size by at most 1.
std::vector<int> fold_of_users(std::size_t users, int folds, std::uint64_t seed);

// folds >= 2: one ValidationFold per fold, each holding at most ceil(max_users / folds) of its
// users as `held` (the rest of the fold is scored by no one but still left out of `fitting`).
// folds == 1: a single fold holding out `share` of the users (at most max_users).
std::vector<ValidationFold> validation_folds(const Split& split, int folds, double share,
                                             std::int64_t max_users, std::uint64_t seed);

}  // namespace metacf
