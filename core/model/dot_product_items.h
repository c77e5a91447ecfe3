#pragma once
// Scoring for learners whose score is an inner product with the item matrix plus an optional
// per-item bias: s_v = q_v . p + bias_v (the MetaCF learners and BPR).
//
// The items are packed in chunks of kChunk rows, each chunk D x kChunk contiguous, so that one
// user and a block of users are scored by the same arithmetic, element for element: every s_v
// is 0 + q_v[0] p[0] + q_v[1] p[1] + ... in ascending d (a multiply, then an add), then
// + bias_v. score() (one user) and score_block() (many) therefore return bit-identical numbers,
// which is what lets the evaluator rank blocks of users and still match the per-user path.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "core/model/quantized_items.h"

namespace metacf {

// Whether DotProductItems also keeps the 8-bit copy that exact_top_n reads first (about 30% of
// the float copy's bytes): learners that serve new users want it, pretraining's validation,
// which ranks blocks of users in float, does not.
enum class ServingCopy { kNone, kInt8 };

class DotProductItems {
 public:
  static constexpr Eigen::Index kChunk = 8;

  DotProductItems() = default;
  // Q: N x D, row v = item v. bias: empty, or N values added to every user's scores.
  explicit DotProductItems(const Eigen::Ref<const Eigen::MatrixXf>& Q,
                           const Eigen::VectorXf& bias = {},
                           ServingCopy serving = ServingCopy::kNone);

  [[nodiscard]] Eigen::Index num_items() const { return num_items_; }
  [[nodiscard]] Eigen::Index dim() const { return dim_; }
  [[nodiscard]] bool empty() const { return num_items_ == 0; }
  // Empty unless built with ServingCopy::kInt8 (and the values allow it).
  [[nodiscard]] const QuantizedItems& quantized() const { return quantized_; }

  // out (num_items) = the scores of one user vector p (dim).
  void score(const Eigen::Ref<const Eigen::VectorXf>& p, Eigen::Ref<Eigen::VectorXf> out) const;

  // out (count x B, column b = user b) = the scores of items [first, first + count) for the
  // B columns of users (dim x B). first must be a multiple of kChunk.
  void score_block(const Eigen::Ref<const Eigen::MatrixXf>& users, Eigen::Index first,
                   Eigen::Index count, Eigen::Ref<Eigen::MatrixXf> out) const;

 private:
  Eigen::Index num_items_ = 0;
  Eigen::Index dim_ = 0;
  std::vector<float> packed_;  // chunk c, dim d, row r at (c * dim + d) * kChunk + r; zero-padded
  std::vector<float> bias_;    // padded to whole chunks; empty when there is no bias
  QuantizedItems quantized_;
};

}  // namespace metacf
