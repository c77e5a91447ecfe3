#pragma once
// A small synthetic world for the learner tests: 8 clusters of 20 items whose embeddings point
// in cluster directions (+-e1..+-e4) plus strong item-specific noise in four more dimensions,
// and users whose records all come from one cluster. A learner that only copies the support
// items' embeddings inherits their noise; one that learns to look at the cluster dimensions
// ranks the user's cluster first.
#include <Eigen/Core>
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/model/learner.h"
#include "core/split/split.h"
#include "core/util/rng.h"

namespace metacf::testing_support {

struct SyntheticWorld {
  static constexpr int kClusters = 8;
  static constexpr int kItemsPerCluster = 20;
  static constexpr int kDim = 8;
  Dataset data;
  Split split;
  ItemEmbeddings Q;
  std::vector<std::vector<std::int32_t>> known;  // per user, sorted
  std::vector<int> item_cluster;
  std::vector<int> user_cluster;
};

inline SyntheticWorld make_world(std::uint64_t seed, int train_users, int test_users,
                                 int records_per_user = 12) {
  SyntheticWorld w;
  Rng rng(seed);
  const int n = SyntheticWorld::kClusters * SyntheticWorld::kItemsPerCluster;
  auto Q = std::make_shared<Eigen::MatrixXf>(n, SyntheticWorld::kDim);
  for (int v = 0; v < n; ++v) {
    const int c = v / SyntheticWorld::kItemsPerCluster;
    w.item_cluster.push_back(c);
    w.data.item_ids.push_back(std::to_string(v));
    for (int j = 0; j < SyntheticWorld::kDim; ++j) {
      (*Q)(v, j) = static_cast<float>((j < 4 ? 0.1 : 0.8) * rng.normal());
    }
    (*Q)(v, c % 4) += (c < 4) ? 1.0f : -1.0f;
  }
  w.Q = Q;
  const int users = train_users + test_users;
  std::vector<std::int32_t> cluster_items(SyntheticWorld::kItemsPerCluster);
  for (int u = 0; u < users; ++u) {
    const int c = static_cast<int>(rng.uniform_index(SyntheticWorld::kClusters));
    w.user_cluster.push_back(c);
    w.data.user_ids.push_back(std::to_string(u));
    for (int i = 0; i < SyntheticWorld::kItemsPerCluster; ++i) {
      cluster_items[static_cast<size_t>(i)] = c * SyntheticWorld::kItemsPerCluster + i;
    }
    rng.shuffle(std::span<std::int32_t>(cluster_items));
    std::vector<std::int32_t> records(cluster_items.begin(),
                                      cluster_items.begin() + records_per_user);
    w.data.user_items.insert(w.data.user_items.end(), records.begin(), records.end());
    w.data.user_offsets.push_back(static_cast<std::int64_t>(w.data.user_items.size()));
    // DESIGN.md: n ~ Uniform{2..min(10, |R_u|)}; support = first floor(n/2), query the rest.
    const auto selected = rng.uniform_int(2, std::min(10, records_per_user));
    Task task;
    task.user = u;
    task.support.assign(records.begin(), records.begin() + selected / 2);
    task.query.assign(records.begin() + selected / 2, records.begin() + selected);
    (u < train_users ? w.split.meta_train : w.split.meta_test).push_back(task);
    std::sort(records.begin(), records.end());
    w.known.push_back(records);
  }
  return w;
}

// Mean over meta-test users of the share of the top 10 (support excluded) that lies in the
// user's cluster, after adapting `steps` steps on the first `support_size` support records.
inline double cluster_hit_rate(const Learner& learner, const SyntheticWorld& w, int steps,
                               int support_size, std::uint64_t seed) {
  Rng rng(seed);
  double total = 0;
  Eigen::VectorXf scores(w.Q->rows());
  for (const Task& task : w.split.meta_test) {
    std::vector<std::int32_t> support = task.support;
    for (std::int32_t v : task.query) {
      if (static_cast<int>(support.size()) < support_size) support.push_back(v);
    }
    support.resize(std::min<size_t>(support.size(), static_cast<size_t>(support_size)));
    const auto states = learner.adapt(support, steps, rng);
    learner.score(states.back(), scores);
    for (std::int32_t v : support) scores[v] = -1e30f;
    std::vector<std::int32_t> order(static_cast<size_t>(scores.size()));
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int32_t>(i);
    std::partial_sort(order.begin(), order.begin() + 10, order.end(),
                      [&](std::int32_t a, std::int32_t b) { return scores[a] > scores[b]; });
    int hits = 0;
    for (int i = 0; i < 10; ++i) {
      hits += w.item_cluster[static_cast<size_t>(order[static_cast<size_t>(i)])] ==
              w.user_cluster[static_cast<size_t>(task.user)];
    }
    total += hits / 10.0;
  }
  return total / static_cast<double>(w.split.meta_test.size());
}

}  // namespace metacf::testing_support
