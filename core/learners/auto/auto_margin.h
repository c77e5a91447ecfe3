#pragma once
// Whether metacf_auto serves a blend or the best single candidate, from the pooled,
// cross-fitted per-user HR@10 of every meta-training user it scored (auto_scoring.h).
//
// The best single candidate is the default. The best blend replaces it only when
//  1. on the pooled users, its mean per-user HR gain over the best single candidate exceeds
//     min_gain_se paired standard errors of the per-user differences, and
//  2. the same holds for the gain measured out of fold: for each fold, the single candidate,
//     the blend's members and its weights are chosen on the other folds' users alone, and the
//     gain of that blend over that single candidate is taken on the fold's users; the per-user
//     gains of all folds are pooled.
// Why (2): (1) alone was the old rule, and its gain is inflated: the weights are the best of 66
// grid points (the members the best three of seven) on the very users the gain is measured on,
// so with a few hundred users one of many equally good blends clears one standard error by
// chance alone. It did on MovieLens: 0.6 itemknn + 0.4 ease chosen for +0.003-0.006 that did
// not carry to new users. In (2) no user's gain comes from weights chosen on her, so its mean
// estimates without that bias what choosing a blend this way gains on new users; it is noisier
// (the weights are chosen on 4/5 of the users) and its standard error says so. (1) stays so
// that a blend is never served while its gain on all the users is within noise.
// min_gain_se = 0 turns the margin off: the best blend on the pooled users is served (both
// gains are still measured and reported).
#include <Eigen/Core>
#include <functional>
#include <span>
#include <vector>

#include "core/learners/auto/auto_scoring.h"

namespace metacf {

// A blend: members (candidate indices, the best single first) and a grid point over them
// (0: the first member alone).
struct BlendPick {
  std::vector<Eigen::Index> members;
  Eigen::Index point = 0;
};

// Metrics of every grid point of a member list (PooledScoring::blends).
using BlendMetrics = std::function<const UserMetrics&(const std::vector<Eigen::Index>& members)>;

// The best blend on the users with use[u] set: members are the blend_size best candidates alone
// (by mean HR, then NDCG, then order); the point has the best mean HR, then NDCG, ties to the
// earlier point (the single candidate first).
BlendPick pick_blend(const UserMetrics& singles, const BlendMetrics& blends,
                     std::span<const char> use, int blend_size);

// Mean and standard error of the mean of paired per-user differences (SE infinite below 2).
struct PairedGain {
  double mean = 0;
  double se = 0;
};
PairedGain paired_gain(std::span<const double> differences);

struct BlendDecision {
  BlendPick best;         // on every user; point 0 when no blend beats the best single there
  PairedGain pooled;      // (1): best over best.members[0] on every user
  PairedGain crossed;     // (2): chosen without each fold, measured on it
  bool measured = false;  // best.point != 0 and (2) could be measured (two folds or more)
  bool blend = false;     // serve the blend (else best.members[0] alone)
};

// fold_of_user[u]: the group whose users (2) measures together, 0..folds-1.
BlendDecision decide_blend(const UserMetrics& singles, const BlendMetrics& blends,
                           std::span<const int> fold_of_user, int folds, int blend_size,
                           double min_gain_se);

}  // namespace metacf
