#pragma once
// Meta-test evaluation: each user's learner adapts on her support only and is scored on her
// query, users in parallel with results independent of the thread count. Learners that declare
// dot-product scores are ranked in blocks of users (see blocked_ranking.h) with the same
// per-user results.
#include <cstdint>
#include <span>
#include <vector>

#include "core/eval/protocol.h"
#include "core/eval/ranking.h"
#include "core/model/learner.h"

namespace metacf {

struct EvaluationOptions {
  std::int32_t num_items = 0;  // the catalogue size (> 0)
  int steps = 5;               // K local steps
  int top_n = 10;              // the K of HR@K / NDCG@K
  Protocol protocol = Protocol::kFull;
  // Sampled protocol: distinct unrated items each query item is ranked against (without
  // replacement); a user with no more unrated items than this has all of them ranked.
  int sampled_candidates = 99;
  std::uint64_t seed = 1;  // adaptation negatives and sampled candidates: one stream per user
  // Sampled protocol only: candidates avoid each user's records in this data set.
  const Dataset* data = nullptr;
  // Dot-product learners, full protocol: time serving on a sample of the users, one at a time,
  // checking each served list against the blocked ranking (serve_us_median). Validation
  // points, which read HR and NDCG only, leave it out: it had been the larger part of each.
  bool serving_sample = true;
};

struct Evaluation {
  std::vector<RankingMetrics> per_user;  // in task order, for paired comparisons
  double hr = 0;
  double ndcg = 0;
  // Sampled protocol: users whose unrated items were all ranked, sampled_candidates reaching
  // their number (their metrics are those of ranking every unrated item). 0 for full ranking.
  std::int64_t all_candidates_users = 0;
  // Adapt K steps + score every item + top-N for one user served alone. When the learner's
  // users are ranked in blocks (dot-product learners, full protocol) it is timed on a sample
  // of about 64 of them, one after another after the blocked pass; otherwise on every user,
  // within the parallel pass.
  double serve_us_median = 0;
};

Evaluation evaluate(const Learner& learner, std::span<const Task> tasks,
                    const EvaluationOptions& options, JobControl* job = nullptr);

}  // namespace metacf
