#pragma once
// A new user who clicks items one at a time: after each click the learner adapts step by step
// and every step's top-N list is ranked, with what moved. The studio's simulator and
// `metacf simulate` share this engine, so they show the same lists.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/model/learner.h"
#include "core/store/experiment_store.h"

namespace metacf {

struct RankedItem {
  std::int32_t item = 0;
  float score = 0;
  int rank = 0;                      // 1-based
  std::optional<int> previous_rank;  // in the list before this one; none when it is new
  // In the last list the user saw before this click (the previous click's final list), at
  // every step: how the click moved the item. None for the first click or when it was not there.
  std::optional<int> rank_before_click;
};

struct StepList {
  int step = 0;  // 0 = the initialisation, then 1..K local steps
  std::vector<RankedItem> items;
  Eigen::VectorXf params;  // the user's state after this step (p for MetaCF and BPR)
  double adapt_us = 0;     // time this step's update took
  double rank_us = 0;      // selecting the top N as a server does (serve_top_n)
};

// The lists after one click (the support is every click so far, in order).
struct ClickUpdate {
  std::vector<std::int32_t> clicks;
  std::vector<StepList> steps;  // K + 1
  double total_us = 0;          // adapt all K steps + rank all K + 1 lists
};

// A trained learner loaded from a stored run, with the item matrix of its seed: null when the
// run stored none (none of its learners reads one, so it did not pretrain).
struct StoredLearner {
  std::string name;
  int k = 0;
  std::uint64_t seed = 0;
  ItemEmbeddings Q;
  std::shared_ptr<Learner> learner;  // shared by the K of a learner whose fit ignores K
};

// A learner a stored run can serve: its stored tensors, or (learners that keep none, such as
// itemknn_q) its results together with the stored Q of that seed.
struct StoredLearnerKey {
  std::string name;
  int k = 0;
  std::uint64_t seed = 0;
  auto operator<=>(const StoredLearnerKey&) const = default;
};
std::vector<StoredLearnerKey> stored_learners(ExperimentStore& store, std::int64_t run_id);

// Loads `name` of run `run_id`; k and seed default to the first stored ones. Throws
// std::runtime_error naming what is missing (run, learner, K, seed) and what is stored.
StoredLearner load_stored_learner(ExperimentStore& store, std::int64_t run_id,
                                  const std::string& name, std::optional<int> k = std::nullopt,
                                  std::optional<std::uint64_t> seed = std::nullopt);

class NewUserSimulation {
 public:
  // `seed` fixes the adaptation negatives, so the same clicks always give the same lists.
  NewUserSimulation(const Learner& learner, int steps, std::int32_t num_items,
                    std::uint64_t seed = 1);

  // The lists for a user whose clicks are `clicks` (in order). `previous_final` (the last list
  // before this click) gives step 0 its movement marks. Clicked items never appear in a list.
  [[nodiscard]] ClickUpdate update(std::span<const std::int32_t> clicks, int top_n,
                                   const std::vector<RankedItem>* previous_final = nullptr) const;

  // One update per prefix of `clicks`: what a user clicking them in order sees.
  [[nodiscard]] std::vector<ClickUpdate> replay(std::span<const std::int32_t> clicks,
                                                int top_n) const;

 private:
  const Learner& learner_;
  int steps_;
  std::int32_t num_items_;
  std::uint64_t seed_;
};

}  // namespace metacf
