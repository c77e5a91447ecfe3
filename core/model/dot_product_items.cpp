#include "core/model/dot_product_items.h"

#include <algorithm>
#include <stdexcept>

#include "core/model/score_chunk_avx2.h"
#include "core/simd/instruction_set.h"

namespace metacf {
namespace {

using Chunk = Eigen::Array<float, DotProductItems::kChunk, 1>;
constexpr Eigen::Index kUsersPerPass = 4;  // users sharing one pass over a chunk's items

// Scores one chunk of items for `Users` user vectors. Every output element is computed by the
// same sequence of operations whatever Users is: that is the bit-identity score() promises.
template <int Users>
void score_chunk(bool avx2, const float* chunk, const float* bias, Eigen::Index dim,
                 const float* const (&users)[Users], float* const (&out)[Users]) {
  if (avx2) {
    score_kernels::score_chunk_avx2(chunk, bias, dim, Users, users, out);
    return;
  }
  Chunk acc[Users];
  for (auto& a : acc) a.setZero();
  for (Eigen::Index d = 0; d < dim; ++d) {
    const Eigen::Map<const Chunk> q(chunk + d * DotProductItems::kChunk);
    for (int j = 0; j < Users; ++j) acc[j] += q * users[j][d];
  }
  for (int j = 0; j < Users; ++j) {
    if (bias != nullptr) acc[j] += Eigen::Map<const Chunk>(bias);
    Eigen::Map<Chunk> target(out[j]);
    target = acc[j];
  }
}

}  // namespace

DotProductItems::DotProductItems(const Eigen::Ref<const Eigen::MatrixXf>& Q,
                                 const Eigen::VectorXf& bias, ServingCopy serving)
    : num_items_(Q.rows()), dim_(Q.cols()) {
  if (bias.size() != 0 && bias.size() != Q.rows()) {
    throw std::invalid_argument("item bias has " + std::to_string(bias.size()) + " values for " +
                                std::to_string(Q.rows()) + " items");
  }
  const Eigen::Index chunks = (num_items_ + kChunk - 1) / kChunk;
  packed_.assign(static_cast<std::size_t>(chunks * dim_ * kChunk), 0.0f);
  for (Eigen::Index v = 0; v < num_items_; ++v) {
    const Eigen::Index c = v / kChunk, r = v % kChunk;
    for (Eigen::Index d = 0; d < dim_; ++d) {
      packed_[static_cast<std::size_t>((c * dim_ + d) * kChunk + r)] = Q(v, d);
    }
  }
  if (bias.size() != 0) {
    bias_.assign(static_cast<std::size_t>(chunks * kChunk), 0.0f);
    std::copy(bias.data(), bias.data() + bias.size(), bias_.begin());
  }
  if (serving == ServingCopy::kInt8) quantized_ = QuantizedItems(Q, bias);
}

void DotProductItems::score(const Eigen::Ref<const Eigen::VectorXf>& p,
                            Eigen::Ref<Eigen::VectorXf> out) const {
  if (p.size() != dim_ || out.size() != num_items_) {
    throw std::invalid_argument("dot-product scores need a " + std::to_string(dim_) +
                                "-dim user and " + std::to_string(num_items_) + " outputs");
  }
  score_block(p, 0, num_items_, Eigen::Map<Eigen::MatrixXf>(out.data(), num_items_, 1));
}

void DotProductItems::score_block(const Eigen::Ref<const Eigen::MatrixXf>& users,
                                  Eigen::Index first, Eigen::Index count,
                                  Eigen::Ref<Eigen::MatrixXf> out) const {
  const Eigen::Index b_count = users.cols();
  if (users.rows() != dim_ || first < 0 || first % kChunk != 0 || count < 0 ||
      first + count > num_items_ || out.rows() != count || out.cols() != b_count) {
    throw std::invalid_argument("score_block: shapes or item range do not match");
  }
  // A user's column must be contiguous for the kernel; Ref<const MatrixXf> guarantees an inner
  // stride of 1, the outer stride may be anything.
  alignas(32) float tail[kUsersPerPass][kChunk];
  const bool avx2 = simd::avx2_enabled();  // asked once, not per chunk
  for (Eigen::Index v = first; v < first + count; v += kChunk) {
    const Eigen::Index c = v / kChunk;
    const Eigen::Index rows = std::min(kChunk, first + count - v);
    const float* chunk = packed_.data() + c * dim_ * kChunk;
    const float* bias = bias_.empty() ? nullptr : bias_.data() + c * kChunk;
    // Whole chunks write straight into out; the last, partial one goes through `tail`.
    auto target = [&](Eigen::Index b, int j) {
      return rows == kChunk ? out.col(b).data() + (v - first) : tail[j];
    };
    auto flush = [&](Eigen::Index b, int j) {
      if (rows != kChunk) std::copy(tail[j], tail[j] + rows, out.col(b).data() + (v - first));
    };
    Eigen::Index b = 0;
    for (; b + kUsersPerPass <= b_count; b += kUsersPerPass) {
      const float* const u[kUsersPerPass] = {users.col(b).data(), users.col(b + 1).data(),
                                             users.col(b + 2).data(), users.col(b + 3).data()};
      float* const o[kUsersPerPass] = {target(b, 0), target(b + 1, 1), target(b + 2, 2),
                                       target(b + 3, 3)};
      score_chunk<kUsersPerPass>(avx2, chunk, bias, dim_, u, o);
      for (int j = 0; j < kUsersPerPass; ++j) flush(b + j, j);
    }
    for (; b < b_count; ++b) {
      const float* const u[1] = {users.col(b).data()};
      float* const o[1] = {target(b, 0)};
      score_chunk<1>(avx2, chunk, bias, dim_, u, o);
      flush(b, 0);
    }
  }
}

}  // namespace metacf
