// The sampled protocol draws each query item's candidates without replacement from the user's
// unrated items, and ranks all of them when sampled_candidates reaches their number, saying for
// how many users it did. (It drew with replacement: pop's HR@10 on the sample fell from 0.128
// at 1,500 candidates to 0.030 at 100,000 as the same few items were counted again and again.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "core/eval/evaluator.h"
#include "core/eval/sampled_ranking.h"
#include "core/learners/training_records.h"

namespace metacf {
namespace {

// Every user rated the same two items: `query` and the last one (her support). Items are
// scored by index, item 0 best, so exactly `query` unrated items rank before her query item.
Dataset two_records_each(std::int32_t users, std::int32_t items, std::int32_t query) {
  Dataset d;
  for (std::int32_t v = 0; v < items; ++v) d.item_ids.push_back(std::to_string(v));
  for (std::int32_t u = 0; u < users; ++u) {
    d.user_ids.push_back("u" + std::to_string(u));
    d.user_items.push_back(query);
    d.user_items.push_back(items - 1);
    d.user_offsets.push_back(static_cast<std::int64_t>(d.user_items.size()));
  }
  return d;
}

std::vector<Task> tasks_of(const Dataset& d, std::int32_t query) {
  std::vector<Task> tasks;
  for (std::int32_t u = 0; u < d.num_users(); ++u)
    tasks.push_back({u, {d.num_items() - 1}, {query}});
  return tasks;
}

class IndexOrderLearner final : public Learner {
 public:
  [[nodiscard]] std::string name() const override { return "index_order"; }
  [[nodiscard]] nlohmann::json config() const override { return nlohmann::json::object(); }
  void fit(const TrainingContext&, JobControl&) override {}
  [[nodiscard]] std::vector<UserState> adapt(std::span<const std::int32_t> support, int steps,
                                             Rng&) const override {
    return unchanged_states(support, steps);
  }
  void score(const UserState&, Eigen::Ref<Eigen::VectorXf> out) const override {
    for (Eigen::Index v = 0; v < out.size(); ++v) out[v] = -static_cast<float>(v);
  }
  [[nodiscard]] std::vector<NamedTensor> parameters() const override { return {}; }
  void load_parameters(std::span<const NamedTensor>, ItemEmbeddings) override {}
};

Evaluation sampled(const Dataset& d, std::int32_t query, int candidates, std::uint64_t seed = 1) {
  EvaluationOptions o;
  o.num_items = d.num_items();
  o.steps = 0;
  o.top_n = 10;
  o.protocol = Protocol::kSampled;
  o.sampled_candidates = candidates;
  o.seed = seed;
  o.data = &d;
  return evaluate(IndexOrderLearner(), tasks_of(d, query), o);
}

constexpr std::int32_t kUsers = 200;
constexpr std::int32_t kItems = 100;  // 98 unrated items per user

TEST(SampledProtocolTest, CandidatesAsManyAsTheUnratedItemsRankEachOfThemOnce) {
  // 10 unrated items beat the query item: ranked against all 98 it is 11th, never in the top
  // 10. Drawn 98 times with replacement it made the top 10 for about half of the users.
  const Dataset d = two_records_each(kUsers, kItems, 10);
  const Evaluation e = sampled(d, 10, kItems - 2);
  EXPECT_EQ(e.hr, 0.0);
  EXPECT_EQ(e.ndcg, 0.0);
  EXPECT_EQ(e.all_candidates_users, kUsers);
}

TEST(SampledProtocolTest, MoreCandidatesThanUnratedItemsRankEachOfThemOnce) {
  // 9 items beat it: 10th of all 98, a hit at rank 9 for every user. 10,000 draws with
  // replacement put about 900 items before it.
  const Dataset d = two_records_each(kUsers, kItems, 9);
  const Evaluation e = sampled(d, 9, 10000);
  EXPECT_EQ(e.hr, 1.0);
  EXPECT_NEAR(e.ndcg, 1.0 / std::log2(11.0), 1e-12);  // a mean of 200 equal values
  EXPECT_EQ(e.all_candidates_users, kUsers);
}

TEST(SampledProtocolTest, FewerCandidatesAreDistinctItems) {
  // 97 of the 98 unrated items: 9 or 10 of the 10 better ones are drawn, so the query item
  // ranks 10th (a hit at rank 9) or 11th, nothing else. With replacement it could rank anywhere.
  const Dataset d = two_records_each(kUsers, kItems, 10);
  const Evaluation e = sampled(d, 10, kItems - 3);
  int hits = 0;
  for (const auto& m : e.per_user) {
    if (m.hr == 0.0) continue;
    ++hits;
    EXPECT_EQ(m.hr, 1.0);
    EXPECT_DOUBLE_EQ(m.ndcg, 1.0 / std::log2(11.0));  // rank 9, no better
  }
  // The left-out item is one of the 10 better ones for about 10 users in 98.
  EXPECT_GT(hits, 5);
  EXPECT_LT(hits, 45);
  EXPECT_EQ(e.all_candidates_users, 0);
}

TEST(SampledProtocolTest, TheSameSeedGivesTheSameNumbers) {
  const Dataset d = two_records_each(kUsers, kItems, 10);
  const Evaluation a = sampled(d, 10, 50, 7);
  const Evaluation b = sampled(d, 10, 50, 7);
  ASSERT_EQ(a.per_user.size(), b.per_user.size());
  for (std::size_t i = 0; i < a.per_user.size(); ++i) {
    EXPECT_EQ(a.per_user[i].hr, b.per_user[i].hr);
    EXPECT_EQ(a.per_user[i].ndcg, b.per_user[i].ndcg);
  }
  const Evaluation c = sampled(d, 10, 50, 8);
  // About 5 of the 10 better items are drawn: another seed gives other ranks to 200 users.
  EXPECT_NE(a.ndcg, c.ndcg);
}

TEST(SampledProtocolTest, DrawsAreDistinctUnratedAndUniform) {
  const std::vector<std::int32_t> known{0, 3, 4, 9};
  std::vector<int> counts(10, 0);
  std::vector<std::int32_t> out;
  Rng rng(3);
  for (int trial = 0; trial < 3000; ++trial) {
    sample_unrated_without_replacement(rng, 10, known, 3, out);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(std::set<std::int32_t>(out.begin(), out.end()).size(), 3u);
    for (auto v : out) {
      ASSERT_GE(v, 0);
      ASSERT_LT(v, 10);
      EXPECT_FALSE(std::binary_search(known.begin(), known.end(), v)) << v;
      ++counts[static_cast<std::size_t>(v)];
    }
  }
  // 6 unrated items, 3 drawn each time: each is drawn in half of the trials.
  for (std::int32_t v : {1, 2, 5, 6, 7, 8}) {
    EXPECT_NEAR(counts[static_cast<std::size_t>(v)], 1500, 150) << v;
  }
  sample_unrated_without_replacement(rng, 10, known, 6, out);
  EXPECT_EQ(out, (std::vector<std::int32_t>{1, 2, 5, 6, 7, 8}));
  sample_unrated_without_replacement(rng, 10, known, 100, out);
  EXPECT_EQ(out, (std::vector<std::int32_t>{1, 2, 5, 6, 7, 8}));
}

}  // namespace
}  // namespace metacf
