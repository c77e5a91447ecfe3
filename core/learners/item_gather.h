#pragma once
// Gathering a task's items into a small contiguous block, and the shared input checks of the
// learners' adapt(). Used by every learner that scores with the frozen Q.
#include <Eigen/Core>
#include <algorithm>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/learners/task_math.h"
#include "core/train/negatives.h"
#include "core/util/rng.h"

namespace metacf {

// Copies the columns `items` of items_t (D x N) into buffer as a D x |items| matrix.
inline Eigen::Map<Eigen::MatrixXf> gather_items(const Eigen::MatrixXf& items_t,
                                                std::span<const std::int32_t> items,
                                                std::vector<float>& buffer) {
  const Eigen::Index d = items_t.rows();
  const auto m = static_cast<Eigen::Index>(items.size());
  Eigen::Map<Eigen::MatrixXf> block(task_math::scratch(buffer, std::max<Eigen::Index>(d * m, 1)), d,
                                    m);
  for (Eigen::Index i = 0; i < m; ++i) block.col(i) = items_t.col(items[static_cast<size_t>(i)]);
  return block;
}

// Labels of a block laid out [positives | negatives].
inline Eigen::Map<Eigen::VectorXf> positive_first_labels(Eigen::Index positives, Eigen::Index total,
                                                         std::vector<float>& buffer) {
  Eigen::Map<Eigen::VectorXf> labels(task_math::scratch(buffer, std::max<Eigen::Index>(total, 1)),
                                     total);
  labels.head(positives).setOnes();
  labels.tail(total - positives).setZero();
  return labels;
}

// A new user's support items followed by `negatives` per support item, drawn outside the
// support only: that is all a server knows about a new user.
inline std::vector<std::int32_t> support_with_negatives(std::span<const std::int32_t> support,
                                                        int negatives, std::int32_t num_items,
                                                        Rng& rng) {
  std::vector<std::int32_t> known(support.begin(), support.end());
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  std::vector<std::int32_t> items(support.begin(), support.end());
  sample_negatives(rng, num_items, known,
                   static_cast<std::int64_t>(negatives) * static_cast<std::int64_t>(support.size()),
                   items);
  return items;
}

// Mean of the first `count` columns (zero when count is 0).
inline void mean_of_columns(const Eigen::Ref<const Eigen::MatrixXf>& block, Eigen::Index count,
                            Eigen::Ref<Eigen::VectorXf> out) {
  if (count == 0) {
    out.setZero();
    return;
  }
  out = block.leftCols(count).rowwise().sum() / static_cast<float>(count);
}

// Throws std::invalid_argument unless every item is in [0, num_items) and steps >= 0.
inline void check_support(const std::string& learner, std::span<const std::int32_t> support,
                          Eigen::Index num_items, int steps) {
  if (steps < 0) {
    throw std::invalid_argument(learner + ": adapt() needs steps >= 0, got " +
                                std::to_string(steps));
  }
  for (const std::int32_t v : support) {
    if (v < 0 || v >= num_items) {
      throw std::invalid_argument(learner + ": support item " + std::to_string(v) +
                                  " is outside the catalogue [0, " + std::to_string(num_items) +
                                  ")");
    }
  }
}

}  // namespace metacf
