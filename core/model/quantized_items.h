#pragma once
// An 8-bit copy of the item matrix for serving one user's top N (exact_top_n.h): a first pass
// reads about 37 bytes an item (D = 32) instead of the 128 of the float copy, and its error is
// bounded, so that only the few items the bound cannot rule out are scored again in float.
//
// Item v is kept as codes c_v in [-127, 127] with a per-item scale s_v = max_d |q_vd| / 127,
// the user p as codes t with one scale s_p: q~_v = s_v c_v, p~ = s_p t. The approximate score
//   a_v = (s_v s_p) (c_v . t) + b_v
// takes an integer dot product, exact in every kernel (AVX-512 VNNI, AVX2, portable), and then
// the same float operations in the same order, so every kernel returns the same a_v bit for bit.
//
// Bound: |s_v - a_v| <= radius(user, chunk) for every item of the chunk, where s_v is the exact
// float score of DotProductItems (fl(q_v . p) + b_v, in any summation order, fused or not).
// It adds Cauchy-Schwarz on q.p - q~.p~ = (q - q~).p + q~.(p - p~), i.e.
// ||q_v - q~_v|| ||p|| + ||q~_v|| ||p - p~||, the rounding of both float computations
// (gamma_D ||q_v|| ||p|| for the exact dot product, a few units in the last place for the
// rest), and the rounding of a_v +- radius itself; each item-side factor is the maximum over
// the chunk's 16 items.
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace metacf {

// The instruction sets a first pass can run on; best_quantized_kernel() picks one at run time.
enum class QuantizedKernel { kPortable, kAvx2, kAvx512Vnni };

[[nodiscard]] bool quantized_kernel_available(QuantizedKernel kernel);
[[nodiscard]] QuantizedKernel best_quantized_kernel();
[[nodiscard]] const char* quantized_kernel_name(QuantizedKernel kernel);

// One user's vector, quantised for the first pass.
struct QuantizedUser {
  bool usable = false;               // false: p is not finite or too large for the bound
  std::vector<std::int32_t> codes;   // t, padded with zeros to whole groups of 4 dimensions
  std::vector<std::int32_t> packed;  // per group, its 4 codes as bytes (VNNI's operand)
  std::vector<std::int64_t> pairs;   // per group, its 4 codes as 16-bit words (AVX2's operand)
  std::int32_t code_sum = 0;         // sum of t: removes the +128 offset of the item codes
  float scale = 0;                   // s_p
  float norm = 0;                    // >= ||p||
  float error = 0;                   // >= ||p - p~||
};

class QuantizedItems {
 public:
  static constexpr Eigen::Index kLanes = 16;  // items per chunk
  static constexpr Eigen::Index kGroup = 4;   // dimensions per 32-bit lane of codes
  // c . t must stay exact in float: D * 127 * 127 < 2^24.
  static constexpr Eigen::Index kMaxDim = 1024;

  QuantizedItems() = default;
  // Q: N x D; bias: empty or N values. Empty (no copy) when D > kMaxDim or a value is not
  // finite or so large that the bound could overflow: callers then score in float.
  QuantizedItems(const Eigen::Ref<const Eigen::MatrixXf>& Q, const Eigen::VectorXf& bias);

  [[nodiscard]] bool empty() const { return chunks_ == 0; }
  [[nodiscard]] Eigen::Index num_items() const { return num_items_; }
  [[nodiscard]] Eigen::Index chunks() const { return chunks_; }
  [[nodiscard]] std::size_t bytes() const;

  // Fills user (its buffers reused between calls).
  void quantize(const Eigen::Ref<const Eigen::VectorXf>& p, QuantizedUser& user) const;

  // a_v of the items of chunks [first, first + count) into approx (count * kLanes values),
  // and each chunk's largest a_v into maxima (count values). Padding items score b = 0.
  void approximate(const QuantizedUser& user, Eigen::Index first, Eigen::Index count, float* approx,
                   float* maxima, QuantizedKernel kernel) const;

  // The bound on |s_v - a_v| for the items of chunk c, rounding of a_v +- radius included.
  [[nodiscard]] float radius(const QuantizedUser& user, Eigen::Index c) const {
    const auto i = static_cast<std::size_t>(c);
    // 1e-5 absorbs the rounding of these float operations and of norm and error.
    return (alpha_[i] * user.norm + beta_[i] * user.error + kappa_[i]) * (1.0f + 1e-5f);
  }

 private:
  void build_bounds(const Eigen::Ref<const Eigen::MatrixXf>& Q, const Eigen::VectorXf& bias);

  Eigen::Index num_items_ = 0;
  Eigen::Index dim_ = 0;
  Eigen::Index groups_ = 0;  // ceil(D / kGroup)
  Eigen::Index chunks_ = 0;  // ceil(N / kLanes)
  // chunk c, group g, item i, dimension k of the group at ((c * groups + g) * kLanes + i) * 4
  // + k; stored as c + 128 (the unsigned operand of VNNI's dot product), padding 128 (c = 0).
  std::vector<std::uint8_t> codes_;
  std::vector<float> scales_;  // s_v, padded with zeros
  std::vector<float> bias_;    // b_v, padded with zeros; empty when there is no bias
  // Per chunk: radius = alpha ||p|| + beta ||p - p~|| + kappa, before the final slack.
  std::vector<float> alpha_, beta_, kappa_;
};

}  // namespace metacf
